# Named application dates for this system (Art 113 as amended by Regulation 2026/1744, or the
# original Art 113 when as_of is before 2026-07-27; transition rules of Art 111). The requirement
# pack reads them through input.scope.dates (METADATA `applies_from: <key>`).
package aiact.classification

import rego.v1

# Art 113(c) as amended: Chapter III Sections 1-3 from 2027-12-02 (Annex III) / 2028-08-02 (Annex I).
# Original Art 113: 2026-08-02 (general date) / 2027-08-02 (Art 6(1), Art 113(c)).
route_date(route) := {"annex_iii": "2027-12-02", "annex_i": "2028-08-02"}[route] if amended

route_date(route) := {"annex_iii": "2026-08-02", "annex_i": "2027-08-02"}[route] if not amended

_date_route := high_risk_route

_date_route := "annex_iii" if not high_risk_route

# Art 111(2): systems placed on the market before the Chapter III date are covered only once their
# design changes significantly (as amended: the date applicable to the route; original: 2026-08-02).
legacy_cutoff := route_date(_date_route) if amended

legacy_cutoff := "2026-08-02" if not amended

_placed_date := d if {
	_answers.placed_on_market == true
	d := _answers.placed_on_market_date
	is_string(d)
	d != "unknown"
}

legacy_high_risk if {
	_placed_date < legacy_cutoff
	_answers.significant_design_change == false
}

# Art 111(2) last sentence: high-risk systems intended for public authorities comply by 2030-08-02.
public_authority_legacy if {
	legacy_high_risk
	_answers.intended_for_public_authorities == true
}

_high_risk_date := route_date(_date_route) if not legacy_high_risk

_high_risk_date := "2030-08-02" if public_authority_legacy

# Open date questions when the system is high-risk (they decide whether and when Chapter III applies).
_dates_unknown contains "placed_on_market_date" if {
	high_risk_term.v == "yes"
	_answers.placed_on_market == true
	_answers.placed_on_market_date == "unknown"
}

_dates_unknown contains "significant_design_change" if {
	high_risk_term.v == "yes"
	_placed_date < legacy_cutoff
	_answers.significant_design_change == "unknown"
}

_dates_unknown contains "intended_for_public_authorities" if {
	high_risk_term.v == "yes"
	legacy_high_risk
	_answers.intended_for_public_authorities == "unknown"
}

_dates_unknown contains "model_placed_on_market_date" if {
	gpai_model
	_answers.model_placed_on_market_date == "unknown"
}

# Art 111(4) (new): generative systems placed on the market before 2026-08-02 comply with Art 50(2)
# by 2026-12-02.
legacy_generative if {
	amended
	_placed_date < "2026-08-02"
}

_art50_2_date := "2026-12-02" if legacy_generative

_art50_2_date := "2026-08-02" if not legacy_generative

_transparency_date := "2026-12-02" if {
	legacy_generative
	transparency_duties == {"art50.2"}
}

_transparency_date := "2026-08-02" if {
	not legacy_generative
}

_transparency_date := "2026-08-02" if {
	legacy_generative
	transparency_duties != {"art50.2"}
}

_prohibitions_date := "2026-12-02" if {
	count(prohibited_practices) > 0
	prohibited_practices - {"art5.1.ba", "art5.1.bb"} == set()
}

_prohibitions_date := "2025-02-02" if {
	not count(prohibited_practices) > 0
}

_prohibitions_date := "2025-02-02" if {
	count(prohibited_practices - {"art5.1.ba", "art5.1.bb"}) > 0
}

_gpai_date := "2027-08-02" if legacy_gpai_model

_gpai_date := "2025-08-02" if not legacy_gpai_model

_base_dates := {
	"literacy": "2025-02-02",
	"prohibitions": _prohibitions_date,
	"transparency": _transparency_date,
	"transparency_art50_2": _art50_2_date,
	"gpai": _gpai_date,
	"conformity_formal": "2026-08-02",
	"derogation": route_date("annex_iii"),
}

# Chapter III Section 5 (Arts 40-49) and Chapter IX (Arts 72-73) formally apply from 2026-08-02 but
# bite only once Sections 1-3 apply (Art 16(f)-(i)): practically the high-risk date.
_hr_dates := {
	"high_risk": _high_risk_date,
	"conformity": _high_risk_date,
	"post_market": _high_risk_date,
}

dates := object.union(_base_dates, _hr_dates) if _high_risk_date

dates := _base_dates if not _high_risk_date
