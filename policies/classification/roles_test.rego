package aiact.classification_test

import data.aiact.classification as c
import rego.v1

_hr_use := {"use_areas": ["recruitment"], "profiles_natural_persons": true, "limited_task": []}

test_base_roles_from_activities if {
	c.roles == {"provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer"} with input as inp({"activities": [
		"develops_and_places_on_market", "uses", "imports", "distributes",
		"authorised_representative", "integrates_into_own_product",
	], "personal_non_professional_use": false})
	c.roles == {"provider"} with input as inp({})
}

test_personal_user_is_not_a_deployer if {
	not "deployer" in c.roles with input as inp({"activities": ["uses"], "personal_non_professional_use": true})
	"deployer" in c.roles with input as inp({"activities": ["uses"], "personal_non_professional_use": false})
}

test_gpai_and_downstream_provider if {
	"gpai_provider" in c.roles with input as inp({"gpai_model": true, "model_only": false})
	"downstream_provider" in c.roles with input as inp({"built_on_third_party_gpai": true, "modifies_third_party_gpai": false})
	not "downstream_provider" in c.roles with input as inp({})
}

test_downstream_modifier_becomes_gpai_provider if {
	"gpai_provider" in c.roles with input as inp({"built_on_third_party_gpai": true, "modifies_third_party_gpai": true, "modification_compute_share": "more_than_one_third"})
	not "gpai_provider" in c.roles with input as inp({"built_on_third_party_gpai": true, "modifies_third_party_gpai": true, "modification_compute_share": "one_third_or_less"})
}

_deployer := {"activities": ["uses"], "personal_non_professional_use": false, "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false}

test_art25_rebranding_makes_provider if {
	"provider" in c.roles with input as inp(object.union(object.union(_deployer, _hr_use), {"rebrands_system": true}))
	c.art25_triggers["art25.1.a"] with input as inp(object.union(object.union(_deployer, _hr_use), {"rebrands_system": true}))
	not "provider" in c.roles with input as inp(object.union(_deployer, _hr_use))
}

test_art25_substantial_modification if {
	c.art25_triggers["art25.1.b"] with input as inp(object.union(object.union(_deployer, _hr_use), {"substantially_modified": true}))
	not c.art25_triggers["art25.1.b"] with input as inp(object.union(_deployer, {"substantially_modified": true}))
}

test_art25_changed_purpose_into_high_risk if {
	c.art25_triggers["art25.1.c"] with input as inp(object.union(object.union(_deployer, _hr_use), {"changed_intended_purpose": true}))
	not c.art25_triggers["art25.1.c"] with input as inp(object.union(_deployer, {"changed_intended_purpose": true}))
}

_toy := {
	"annex_I_legislation": ["toys"], "safety_component_or_product": "component",
	"component_functions": ["prevents_or_mitigates_health_safety_risks"],
	"third_party_conformity_required": true, "third_party_only_non_safety_risks": false,
}

test_art25_3_product_manufacturer_is_provider if {
	c.art25_triggers["art25.3"] with input as inp(object.union(_toy, {"activities": ["integrates_into_own_product"], "rebrands_system": false, "substantially_modified": false, "changed_intended_purpose": false}))
	not c.art25_triggers["art25.3"] with input as inp(object.union(_toy, {"activities": ["integrates_into_own_product", "develops_and_places_on_market"]}))
}

test_art25_unknown_keeps_roles_open if {
	"rebrands_system" in c.undetermined with input as inp(object.union(object.union(_deployer, _hr_use), {"rebrands_system": "unknown"}))
	not "rebrands_system" in c.undetermined with input as inp(object.union(_deployer, {"rebrands_system": "unknown"}))
}
