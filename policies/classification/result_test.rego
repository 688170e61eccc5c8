package aiact.classification_test

import data.aiact.classification as c
import rego.v1

test_tier_precedence if {
	c.tier == "minimal" with input as inp({})
	c.tier == "transparency" with input as inp(_chat)
	c.tier == "high_risk" with input as inp(object.union(_chat, _credit))
	c.tier == "prohibited" with input as inp(object.union(_credit, {"untargeted_face_scraping": true}))
	c.tier == "out_of_scope" with input as inp(object.union(_credit, {"military_defence_only": true}))
	c.tier == "gpai_only" with input as inp(_model)
}

test_unknown_deciding_answer_is_undetermined_never_minimal if {
	c.tier == "undetermined" with input as inp({"emotion_recognition": "unknown", "workplace_or_education": false, "limited_task": []})
	c.provisional_tier == "minimal" with input as inp({"emotion_recognition": "unknown", "workplace_or_education": false, "limited_task": []})
	c.undetermined == {"emotion_recognition"} with input as inp({"emotion_recognition": "unknown", "workplace_or_education": false, "limited_task": []})
	c.tier == "minimal" with input as inp({})
}

test_unknown_below_a_definite_prohibition_does_not_matter if {
	c.tier == "prohibited" with input as inp({"untargeted_face_scraping": true, "use_areas": "unknown", "limited_task": []})
	c.tier == "out_of_scope" with input as inp({"military_defence_only": true, "emotion_recognition": "unknown"})
}

test_open_source_system_exclusion if {
	c.tier == "out_of_scope" with input as inp({"open_source_licence": "free_open_source", "monetised": false})
	c.open_source_excluded with input as inp({"open_source_licence": "free_open_source", "monetised": false})
	c.tier == "minimal" with input as inp({"open_source_licence": "free_open_source", "monetised": true})
	# Art 2(12) never covers Art 50 or high-risk systems
	c.tier == "transparency" with input as inp(object.union(_chat, {"open_source_licence": "free_open_source", "monetised": false}))
}

_trig(id) := {p.qualifier | some p in c.triggering_provisions; p.id == id}

test_triggering_provisions_with_qualifiers if {
	_trig("annex3.1.a") == {"exclusion"} with input as inp({"remote_biometric_identification": "verification_only"})
	_trig("art6.3") == {"profiling_override"} with input as inp(_credit)
	_trig("annex3.4.a") == {"context"} with input as inp({"use_areas": ["recruitment"], "limited_task": ["narrow_procedural_task"]})
	_trig("annex3.4.a") == {""} with input as inp({"use_areas": ["recruitment"], "limited_task": []})
	_trig("art4") == set() with input as inp({"untargeted_face_scraping": true})
}

test_provisions_carry_the_answers_that_triggered_them if {
	some p in c.triggering_provisions with input as inp(_credit)
	p.id == "annex3.5.b"
	p.answers == ["financial_purposes", "use_areas"]
}

_nr(id) := {p.reason | some p in c.not_reached; p.id == id}

test_not_reached_reasons if {
	some r in _nr("art6.1") with input as inp({"annex_I_legislation": ["toys"], "safety_component_or_product": "product_itself", "third_party_conformity_required": false})
	contains(r, "Art 6(1)(b) not met")
	some r2 in _nr("art5.1.f") with input as inp({"emotion_recognition": true, "workplace_or_education": true, "emotion_medical_or_safety": true, "limited_task": []})
	contains(r2, "medical or safety")
	_nr("art6.1") == set() with input as inp({"untargeted_face_scraping": true})
}

test_result_document_shape if {
	r := c.result with input as inp(_credit)
	r.tier == "high_risk"
	r.high_risk_route == "annex_iii"
	r.roles == ["provider"]
	r.annex_iii_points == ["annex3.5.b"]
	r.dates.high_risk == "2027-12-02"
	r.legacy.high_risk_art111_2 == false
	r2 := c.result with input as inp({})
	r2.high_risk_route == null
}
