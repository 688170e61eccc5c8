package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_chat := {"interacts_directly_with_people": true, "ai_interaction_obvious": false, "crime_detection_authorised_by_law": false}

test_50_1_interaction_and_exceptions if {
	c.transparency["art50.1"].v == "yes" with input as inp(_chat)
	c.transparency["art50.1"].v == "no" with input as inp(object.union(_chat, {"ai_interaction_obvious": true}))
	c.transparency["art50.1"].v == "no" with input as inp(object.union(_chat, {"crime_detection_authorised_by_law": true, "public_can_report_crime": false}))
	c.transparency["art50.1"].v == "yes" with input as inp(object.union(_chat, {"crime_detection_authorised_by_law": true, "public_can_report_crime": true}))
}

test_50_2_marking_and_editing_exception if {
	c.transparency["art50.2"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible"}))
	c.transparency["art50.2"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "editing_assistance_only": true}))
}

test_50_3_emotion_recognition_deployers if {
	c.transparency["art50.3"].v == "yes" with input as inp({"emotion_recognition": true, "workplace_or_education": false, "crime_detection_authorised_by_law": false, "limited_task": []})
	c.transparency["art50.3"].v == "no" with input as inp({"emotion_recognition": true, "workplace_or_education": false, "crime_detection_authorised_by_law": false, "limited_task": [], "user_types": ["private_individuals_personal_use"]})
}

test_50_4_deepfakes_bind_professional_deployers_only if {
	c.transparency["art50.4.deepfake"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible"}))
	c.transparency["art50.4.deepfake"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "user_types": ["private_individuals_personal_use"]}))
	c.transparency["art50.4.deepfake"].v == "no" with input as inp_without(object.union(_gen, {"intimate_imagery_capability": "not_possible", "activities": ["uses"], "personal_non_professional_use": true}), ["user_types"])
}

test_50_4_artistic_work_limits_disclosure if {
	c.artistic_work with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "artistic_or_satirical_work": true}))
	"art50.4.deepfake" in c.transparency_duties with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "artistic_or_satirical_work": true}))
	not c.artistic_work with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible"}))
}

test_50_4_public_interest_text_and_editorial_review if {
	c.transparency["art50.4.text"].v == "yes" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "publishes_public_interest_text": true, "human_editorial_review": false}))
	c.transparency["art50.4.text"].v == "no" with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "publishes_public_interest_text": true, "human_editorial_review": true}))
}

test_transparency_duties_none_when_excluded_or_prohibited if {
	c.transparency_duties == set() with input as inp(object.union(_chat, {"military_defence_only": true}))
	c.transparency_duties == set() with input as inp(object.union(_chat, {"untargeted_face_scraping": true}))
	c.transparency_duties == {"art50.1"} with input as inp(_chat)
}

test_professional_deployer_term if {
	c.professional_deployer_term.v == "yes" with input as inp({"activities": ["uses"], "personal_non_professional_use": false})
	c.professional_deployer_term.v == "no" with input as inp_without({"activities": ["uses"], "personal_non_professional_use": true}, ["user_types"])
	c.professional_deployer_term.v == "unknown" with input as inp({"user_types": "unknown"})
}
