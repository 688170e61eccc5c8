package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_mdr := {"annex_I_legislation": ["medical_devices"], "safety_component_or_product": "product_itself", "third_party_conformity_required": true, "third_party_only_non_safety_risks": false}

test_annex_i_product_with_notified_body if {
	c.annex_i_term.v == "yes" with input as inp(_mdr)
	c.high_risk_route == "annex_i" with input as inp(_mdr)
	c.annex_i_section == "A" with input as inp(_mdr)
	c.annex_i_term.v == "no" with input as inp(object.union(_mdr, {"third_party_conformity_required": false}))
}

test_annex_i_non_safety_component_art6_1a if {
	t := c.annex_i_term with input as inp({"annex_I_legislation": ["lifts"], "safety_component_or_product": "component", "component_functions": ["non_safety_assistance_only"], "third_party_conformity_required": true, "third_party_only_non_safety_risks": false})
	t.v == "no"
	c.safety_component_term.v == "yes" with input as inp({"annex_I_legislation": ["lifts"], "safety_component_or_product": "component", "component_functions": ["failure_endangers_health_safety", "non_safety_assistance_only"], "third_party_conformity_required": true, "third_party_only_non_safety_risks": false})
}

_radio := {"annex_I_legislation": ["radio_equipment"], "safety_component_or_product": "product_itself", "third_party_conformity_required": true, "third_party_only_non_safety_risks": true}

test_annex_i_third_party_only_for_spectrum_art6_1c if {
	c.annex_i_term.v == "no" with input as inp(_radio)
	# the original text has no Art 6(1c): the same product is high-risk before 2026-07-27
	c.annex_i_term.v == "yes" with input as inp_at(_radio, "2026-07-01")
}

_machine := {"annex_I_legislation": ["machinery"], "safety_component_or_product": "component", "component_functions": ["prevents_or_mitigates_health_safety_risks"], "third_party_conformity_required": true, "third_party_only_non_safety_risks": false}

test_machinery_moved_to_section_b if {
	c.annex_i_section == "B" with input as inp(_machine)
	c.section_b_only with input as inp(_machine)
	c.annex_i_section == "A" with input as inp_at(_machine, "2026-07-01")
	not c.section_b_only with input as inp_at(_machine, "2026-07-01")
}

_area(a, extra) := inp(object.union({"use_areas": [a], "limited_task": []}, extra))

test_annex_iii_every_area if {
	c.annex_iii_points == {"annex3.2"} with input as _area("critical_infrastructure", {"critical_infrastructure_safety_component": true})
	c.annex_iii_points == set() with input as _area("critical_infrastructure", {"critical_infrastructure_safety_component": false})
	c.annex_iii_points == {"annex3.3.a"} with input as _area("education_admission", {})
	c.annex_iii_points == {"annex3.3.b"} with input as _area("education_assessment", {})
	c.annex_iii_points == {"annex3.3.c"} with input as _area("education_level", {})
	c.annex_iii_points == {"annex3.3.d"} with input as _area("exam_proctoring", {})
	c.annex_iii_points == {"annex3.4.a"} with input as _area("recruitment", {})
	c.annex_iii_points == {"annex3.4.b"} with input as _area("worker_management", {})
	c.annex_iii_points == {"annex3.5.a"} with input as _area("public_benefits", {})
	c.annex_iii_points == {"annex3.5.d"} with input as _area("emergency_services", {})
}

test_annex_iii_5b_credit_and_fraud_carve_out if {
	c.annex_iii_points == {"annex3.5.b"} with input as _area("financial_assessment_of_individuals", {"financial_purposes": ["creditworthiness_or_credit_score", "fraud_detection"]})
	t := c.annex_iii["annex3.5.b"] with input as _area("financial_assessment_of_individuals", {"financial_purposes": ["fraud_detection"]})
	t.v == "no"
	startswith(concat("", t.why), "excluded")
}

test_annex_iii_5c_life_and_health_only if {
	c.annex_iii_points == {"annex3.5.c"} with input as _area("insurance_of_individuals", {"insurance_lines": ["health"]})
	c.annex_iii_points == set() with input as _area("insurance_of_individuals", {"insurance_lines": ["other"]})
}

test_annex_iii_6_law_enforcement if {
	c.annex_iii_points == {"annex3.6.a", "annex3.6.e"} with input as _area("law_enforcement_tasks", {"law_enforcement_use": true, "law_enforcement_purposes": ["victim_risk", "profiling_in_investigations"]})
	c.annex_iii_points == {"annex3.6.b", "annex3.6.c"} with input as _area("law_enforcement_tasks", {"law_enforcement_use": true, "law_enforcement_purposes": ["polygraph", "evidence_reliability"]})
	c.annex_iii_points == set() with input as _area("law_enforcement_tasks", {"law_enforcement_use": true, "law_enforcement_purposes": ["other"]})
	c.annex_iii_points == {"annex3.6.d"} with input as inp({"predicts_criminal_offending": true, "crime_prediction_basis": "supports_human_assessment_on_facts", "law_enforcement_use": true, "limited_task": []})
}

test_annex_iii_7_migration_and_travel_documents if {
	c.annex_iii_points == {"annex3.7.a", "annex3.7.b", "annex3.7.c", "annex3.7.d"} with input as _area("migration_border", {"migration_purposes": ["polygraph", "risk_assessment_of_persons", "application_examination", "identify_persons"]})
	c.annex_iii_points == set() with input as _area("migration_border", {"migration_purposes": ["travel_document_verification_only"]})
}

test_annex_iii_8_justice_and_elections if {
	c.annex_iii_points == {"annex3.8.a"} with input as _area("administration_of_justice", {"justice_purposes": ["research_interpret_apply_law"]})
	c.annex_iii_points == set() with input as _area("administration_of_justice", {"justice_purposes": ["ancillary_administration_only"]})
	c.annex_iii_points == {"annex3.8.b"} with input as _area("elections", {"voters_directly_exposed": true})
	c.annex_iii_points == set() with input as _area("elections", {"voters_directly_exposed": false})
}

test_annex_iii_1_biometrics if {
	c.annex_iii_points == {"annex3.1.a"} with input as inp({"remote_biometric_identification": "post", "publicly_accessible_space": false, "limited_task": []})
	c.annex_iii_points == set() with input as inp({"remote_biometric_identification": "verification_only"})
	c.annex_iii_points == {"annex3.1.b"} with input as inp({"biometric_categorisation": true, "categorisation_ancillary_feature": false, "categorisation_attributes": ["other_protected_attributes"], "biometric_dataset_labelling_only": false, "limited_task": []})
	c.annex_iii_points == set() with input as inp({"biometric_categorisation": true, "categorisation_ancillary_feature": true, "categorisation_attributes": ["other_protected_attributes"], "biometric_dataset_labelling_only": false, "limited_task": []})
	c.annex_iii_points == {"annex3.1.c"} with input as inp({"emotion_recognition": true, "workplace_or_education": false, "limited_task": []})
}

test_art6_3_derogation_and_profiling_override if {
	c.derogation_applies with input as _area("recruitment", {"limited_task": ["narrow_procedural_task"]})
	c.derogation_ids == {"art6.3.a"} with input as _area("recruitment", {"limited_task": ["narrow_procedural_task"]})
	c.high_risk_term.v == "no" with input as _area("recruitment", {"limited_task": ["narrow_procedural_task"]})
	not c.derogation_applies with input as _area("recruitment", {"limited_task": ["narrow_procedural_task"], "profiles_natural_persons": true})
	c.profiling_override with input as _area("recruitment", {"limited_task": ["narrow_procedural_task"], "profiles_natural_persons": true})
	c.high_risk_term.v == "yes" with input as _area("recruitment", {"limited_task": ["preparatory_task"], "profiles_natural_persons": true})
	not c.derogation_applies with input as _area("recruitment", {})
}

test_high_risk_unknown_area if {
	t := c.high_risk_term with input as inp({"use_areas": "unknown", "limited_task": []})
	t.v == "unknown"
	t.unknown == {"use_areas"}
}
