package aiact.classification_test

import data.aiact.classification as c
import rego.v1

test_5_1_a_manipulation_needs_distortion_and_harm if {
	c.prohibitions["art5.1.a"].v == "yes" with input as inp({"subliminal_or_manipulative_techniques": true, "distorts_decisions": true, "significant_harm_likely": true})
	c.prohibitions["art5.1.a"].v == "no" with input as inp({"subliminal_or_manipulative_techniques": true, "distorts_decisions": true, "significant_harm_likely": false})
}

test_5_1_b_vulnerabilities if {
	c.prohibitions["art5.1.b"].v == "yes" with input as inp({"exploits_vulnerabilities": true, "distorts_decisions": true, "significant_harm_likely": true})
	c.prohibitions["art5.1.b"].v == "no" with input as inp({"exploits_vulnerabilities": true, "distorts_decisions": false, "significant_harm_likely": true})
}

_gen := {"generates_synthetic_content": true, "editing_assistance_only": false, "deepfake_or_intimate_content": true, "artistic_or_satirical_work": false, "publishes_public_interest_text": false, "crime_detection_authorised_by_law": false, "csam_capability": "not_possible"}

test_5_1_ba_nudification_from_2026_12_02 if {
	c.prohibitions["art5.1.ba"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "intended_purpose", "intimate_imagery_consent_only": false}))
	c.prohibition_date("art5.1.ba") == "2026-12-02"
	c.prohibitions["art5.1.ba"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "intended_purpose", "intimate_imagery_consent_only": true}))
	c.prohibitions["art5.1.ba"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "foreseeable_output", "intimate_imagery_safeguards": true}))
	c.prohibitions["art5.1.ba"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "foreseeable_output", "intimate_imagery_safeguards": false}))
}

test_5_1_ba_not_in_the_original_text if {
	c.prohibitions["art5.1.ba"].v == "no" with input as inp_at(object.union(_gen, {"intimate_imagery_capability": "intended_purpose", "intimate_imagery_consent_only": false}), "2026-07-01")
}

test_5_1_bb_csam if {
	c.prohibitions["art5.1.bb"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "csam_capability": "foreseeable_output", "csam_safeguards": false}))
	c.prohibitions["art5.1.bb"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "csam_capability": "foreseeable_output", "csam_safeguards": true}))
}

test_5_1_c_social_scoring if {
	c.prohibitions["art5.1.c"].v == "yes" with input as inp({"scores_social_behaviour": true, "score_used_in_unrelated_context": false, "score_treatment_disproportionate": true})
	c.prohibitions["art5.1.c"].v == "no" with input as inp({"scores_social_behaviour": true, "score_used_in_unrelated_context": false, "score_treatment_disproportionate": false})
}

test_5_1_d_crime_prediction_and_its_exception if {
	c.prohibitions["art5.1.d"].v == "yes" with input as inp({"predicts_criminal_offending": true, "crime_prediction_basis": "profiling_or_personality_only"})
	c.prohibitions["art5.1.d"].v == "no" with input as inp({"predicts_criminal_offending": true, "crime_prediction_basis": "supports_human_assessment_on_facts"})
}

test_5_1_e_face_scraping if {
	c.prohibitions["art5.1.e"].v == "yes" with input as inp({"untargeted_face_scraping": true})
	c.prohibitions["art5.1.e"].v == "no" with input as inp({})
}

_emotion := {"emotion_recognition": true, "workplace_or_education": true}

test_5_1_f_emotion_at_work_and_medical_exception if {
	c.prohibitions["art5.1.f"].v == "yes" with input as inp(object.union(_emotion, {"emotion_medical_or_safety": false}))
	t := c.prohibitions["art5.1.f"] with input as inp(object.union(_emotion, {"emotion_medical_or_safety": true}))
	t.v == "no"
	t.why == {"exception: intended for medical or safety reasons"}
	c.prohibitions["art5.1.f"].v == "no" with input as inp({"emotion_recognition": true, "workplace_or_education": false})
}

_cat := {"biometric_categorisation": true, "categorisation_ancillary_feature": false, "biometric_dataset_labelling_only": false}

test_5_1_g_categorisation_of_sensitive_traits if {
	c.prohibitions["art5.1.g"].v == "yes" with input as inp(object.union(_cat, {"categorisation_attributes": ["political_opinions"]}))
	c.prohibitions["art5.1.g"].v == "no" with input as inp(object.union(_cat, {"categorisation_attributes": ["other_protected_attributes"]}))
	c.prohibitions["art5.1.g"].v == "no" with input as inp(object.union(_cat, {"categorisation_attributes": ["race"], "biometric_dataset_labelling_only": true}))
	c.prohibitions["art5.1.g"].v == "no" with input as inp(object.union(_cat, {"categorisation_attributes": ["race"], "law_enforcement_use": true}))
}

_rbi := {"remote_biometric_identification": "real_time", "publicly_accessible_space": true, "law_enforcement_use": true}

test_5_1_h_real_time_rbi_and_exceptions if {
	c.prohibitions["art5.1.h"].v == "yes" with input as inp(object.union(_rbi, {"rbi_objective": "other"}))
	c.prohibitions["art5.1.h"].v == "yes" with input as inp(object.union(_rbi, {"rbi_objective": "victim_search", "national_law_authorises_rbi": false, "rbi_authorisation": "prior_authorisation"}))
	c.prohibitions["art5.1.h"].v == "yes" with input as inp(object.union(_rbi, {"rbi_objective": "victim_search", "national_law_authorises_rbi": true, "rbi_authorisation": "not_authorised"}))
	c.prohibitions["art5.1.h"].v == "no" with input as inp(object.union(_rbi, {"rbi_objective": "imminent_threat", "national_law_authorises_rbi": true, "rbi_authorisation": "urgency_requested_within_24h"}))
	c.rbi_excepted with input as inp(object.union(_rbi, {"rbi_objective": "imminent_threat", "national_law_authorises_rbi": true, "rbi_authorisation": "urgency_requested_within_24h"}))
	c.prohibitions["art5.1.h"].v == "no" with input as inp({"remote_biometric_identification": "real_time", "publicly_accessible_space": true, "law_enforcement_use": false})
}

test_prohibited_practices_and_dates if {
	c.prohibited_practices == {"art5.1.e"} with input as inp({"untargeted_face_scraping": true})
	c.prohibited_practices == set() with input as inp({})
	c.prohibition_date("art5.1.e") == "2025-02-02"
}
