package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_ids(role) := {o.id | some o in c.obligations; o.role == role}

test_literacy_for_providers_and_deployers if {
	_ids("provider") == {"art4"} with input as inp({})
	o := [o | some o in c.obligations; o.id == "art4"] with input as inp({})
	o[0].applies_now
	o[0].applies_from == "2025-02-02"
	count(c.obligations) == 0 with input as inp({"military_defence_only": true})
}

test_high_risk_provider_and_deployer_obligations if {
	p := _ids("provider") with input as inp(object.union(_credit, {"activities": ["develops_and_places_on_market", "uses"], "personal_non_professional_use": false}))
	{"art9.1", "art10.1", "art11", "art17", "art43", "art47", "art49", "art72", "art73"} - p == set()
	not "art22" in p
	d := _ids("deployer") with input as inp(object.union(_credit, {"activities": ["develops_and_places_on_market", "uses"], "personal_non_professional_use": false}))
	{"art26", "art27", "art86", "art4"} - d == set()
	not "art26" in _ids("deployer") with input as inp({"activities": ["uses"], "personal_non_professional_use": false})
}

test_high_risk_obligations_not_yet_applicable if {
	some o in c.obligations with input as inp(_credit)
	o.id == "art9.1"
	o.applies_from == "2027-12-02"
	not o.applies_now
}

test_art22_for_non_eu_provider if {
	"art22" in _ids("provider") with input as inp(object.union(_credit, {"provider_established_in_eu": false}))
	not "art22" in _ids("provider") with input as inp(_credit)
}

test_no_fria_for_private_non_credit_deployer if {
	not "art27" in _ids("deployer") with input as inp({"activities": ["uses"], "personal_non_professional_use": false, "use_areas": ["recruitment"], "profiles_natural_persons": true, "limited_task": [], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false})
	"art27" in _ids("deployer") with input as inp({"activities": ["uses"], "personal_non_professional_use": false, "use_areas": ["recruitment"], "profiles_natural_persons": true, "limited_task": [], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false, "deployer_is_public_body_or_public_service": true})
}

test_importer_distributor_obligations if {
	_ids("importer") == {"art23"} with input as inp(object.union(_credit, {"activities": ["imports"], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false}))
	_ids("distributor") == {"art24"} with input as inp(object.union(_credit, {"activities": ["distributes"], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false}))
	_ids("importer") == set() with input as inp({"activities": ["imports"], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false})
}

test_prohibited_obligations if {
	_ids("provider") == {"art5.1.e"} with input as inp({"untargeted_face_scraping": true})
	_ids("provider") == {"art4"} with input as inp({})
}

test_derogation_documentation_and_registration if {
	_ids("provider") == {"art4", "art6.4", "art49"} with input as inp({"use_areas": ["recruitment"], "limited_task": ["narrow_procedural_task"]})
}

test_transparency_obligations_by_role if {
	_ids("provider") == {"art4", "art50.1"} with input as inp(_chat)
	_ids("deployer") == {"art4", "art50.4.deepfake"} with input as inp(object.union(_gen, {"intimate_imagery_capability": "not_possible", "generates_synthetic_content": true, "editing_assistance_only": true, "activities": ["uses"], "personal_non_professional_use": false}))
}

test_gpai_obligations if {
	_ids("gpai_provider") == {"art53.1.c", "art53.1.d", "art53.3_4"} with input as inp(_model)
	_ids("gpai_provider") == {"art52", "art53.1.a", "art53.1.b", "art53.1.c", "art53.1.d", "art53.3_4", "art54", "art55.1"} with input as inp(object.union(_model, {"training_compute_flop": 3.0e+25}))
}

test_section_b_product_only_art2_2 if {
	_ids("provider") == {"art2.2", "art4"} with input as inp(_machine)
}
