package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_credit := {"use_areas": ["financial_assessment_of_individuals"], "financial_purposes": ["creditworthiness_or_credit_score"], "profiles_natural_persons": true, "limited_task": []}

test_route_dates_amended_and_original if {
	c.route_date("annex_iii") == "2027-12-02" with input as inp({})
	c.route_date("annex_i") == "2028-08-02" with input as inp({})
	c.route_date("annex_iii") == "2026-08-02" with input as inp_at({}, "2026-07-26")
	c.route_date("annex_i") == "2027-08-02" with input as inp_at({}, "2026-07-26")
}

test_high_risk_dates_for_the_route if {
	c.dates.high_risk == "2027-12-02" with input as inp(_credit)
	c.dates.conformity == "2027-12-02" with input as inp(_credit)
	c.dates.post_market == "2027-12-02" with input as inp(_credit)
	c.dates.conformity_formal == "2026-08-02" with input as inp(_credit)
	c.dates.high_risk == "2028-08-02" with input as inp(_mdr)
	c.dates.high_risk == "2026-08-02" with input as inp_at(_credit, "2026-05-01")
}

_legacy := {"placed_on_market": true, "placed_on_market_date": "2025-06-01", "significant_design_change": false}

test_art111_2_legacy_system_not_covered if {
	c.legacy_high_risk with input as inp(object.union(_credit, object.union(_legacy, {"intended_for_public_authorities": false})))
	not c.dates.high_risk with input as inp(object.union(_credit, object.union(_legacy, {"intended_for_public_authorities": false})))
	not c.legacy_high_risk with input as inp(object.union(_credit, object.union(_legacy, {"significant_design_change": true, "intended_for_public_authorities": false})))
}

test_art111_2_public_authority_2030 if {
	c.dates.high_risk == "2030-08-02" with input as inp(object.union(_credit, object.union(_legacy, {"intended_for_public_authorities": true})))
	c.dates.high_risk == "2027-12-02" with input as inp(object.union(_credit, {"placed_on_market": true, "placed_on_market_date": "2028-01-10", "significant_design_change": false, "intended_for_public_authorities": true}))
}

test_art111_2_original_text_cutoff if {
	# original Art 111(2): systems placed before 2026-08-02
	c.legacy_cutoff == "2026-08-02" with input as inp_at(_credit, "2026-05-01")
	c.legacy_cutoff == "2027-12-02" with input as inp(_credit)
}

test_art111_4_legacy_generative if {
	c.dates.transparency_art50_2 == "2026-12-02" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "deepfake_or_intimate_content": false, "placed_on_market": true, "placed_on_market_date": "2026-03-01", "significant_design_change": false, "intended_for_public_authorities": false}))
	c.dates.transparency == "2026-12-02" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "deepfake_or_intimate_content": false, "placed_on_market": true, "placed_on_market_date": "2026-03-01", "significant_design_change": false, "intended_for_public_authorities": false}))
	c.dates.transparency_art50_2 == "2026-08-02" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible"}))
	# no Art 111(4) under the original text
	c.dates.transparency_art50_2 == "2026-08-02" with input as inp_at(object.union(_gen, {"intimate_imagery_capability": "not_possible", "placed_on_market": true, "placed_on_market_date": "2026-03-01", "significant_design_change": false, "intended_for_public_authorities": false}), "2026-07-20")
}

test_prohibition_and_gpai_dates if {
	c.dates.prohibitions == "2026-12-02" with input as inp(object.union(_gen, {"intimate_imagery_capability": "intended_purpose", "intimate_imagery_consent_only": false}))
	c.dates.prohibitions == "2025-02-02" with input as inp({"untargeted_face_scraping": true})
	c.dates.gpai == "2027-08-02" with input as inp(object.union(_model, {"model_placed_on_market_date": "2025-01-10"}))
	c.dates.gpai == "2025-08-02" with input as inp(_model)
	c.dates.literacy == "2025-02-02" with input as inp({})
}

test_unknown_dates_are_undetermined if {
	"placed_on_market_date" in c.undetermined with input as inp(object.union(_credit, {"placed_on_market": true, "placed_on_market_date": "unknown", "significant_design_change": false, "intended_for_public_authorities": false}))
	"significant_design_change" in c.undetermined with input as inp(object.union(_credit, object.union(_legacy, {"significant_design_change": "unknown", "intended_for_public_authorities": false})))
	count(c.undetermined) == 0 with input as inp(_credit)
}
