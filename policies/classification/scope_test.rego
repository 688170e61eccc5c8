package aiact.classification_test

import data.aiact.classification as c
import rego.v1

test_law_basis_amended_and_original if {
	c.amended with input as inp({})
	c.law_basis == "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744" with input as inp({})
	not c.amended with input as inp_at({}, "2026-07-26")
	startswith(c.law_basis, "Regulation (EU) 2024/1689 (original text") with input as inp_at({}, "2026-07-26")
}

test_assessment_level if {
	c.assessment_level == "system" with input as inp({})
	c.assessment_level == "model" with input as inp({"gpai_model": true, "model_only": true})
	c.assessment_level == "system_and_model" with input as inp({"gpai_model": true, "model_only": false})
}

test_not_an_ai_system if {
	c.exclusions["art3.1"].term.v == "yes" with input as inp({"ai_techniques": ["hand_written_rules_only"]})
	c.exclusions["art3.1"].term.v == "no" with input as inp({"ai_techniques": ["machine_learning", "hand_written_rules_only"]})
}

test_no_eu_nexus if {
	c.exclusions["art2.1"].term.v == "yes" with input as inp({"eu_nexus": "none"})
	c.exclusions["art2.1"].term.v == "no" with input as inp({"eu_nexus": "output_used_in_eu"})
}

test_military_exclusion if {
	c.exclusions["art2.3"].term.v == "yes" with input as inp({"military_defence_only": true})
	c.exclusions["art2.3"].term.v == "no" with input as inp({})
}

test_third_country_cooperation_needs_safeguards if {
	c.exclusions["art2.4"].term.v == "yes" with input as inp({"third_country_authority_cooperation": true, "cooperation_safeguards": true})
	c.exclusions["art2.4"].term.v == "no" with input as inp({"third_country_authority_cooperation": true, "cooperation_safeguards": false})
}

test_scientific_research_exclusion if {
	c.exclusions["art2.6"].term.v == "yes" with input as inp({"sole_scientific_research": true})
	c.exclusions["art2.6"].term.v == "no" with input as inp({})
}

test_pre_market_rnd_exclusion_and_real_world_testing if {
	c.exclusions["art2.8"].term.v == "yes" with input as inp({"intends_to_place_on_market": false})
	c.exclusions["art2.8"].term.v == "no" with input as inp({"intends_to_place_on_market": false, "real_world_testing": true})
	c.exclusions["art2.8"].term.v == "no" with input as inp({})
}

test_personal_use_exclusion_only_without_other_roles if {
	c.exclusions["art2.10"].term.v == "yes" with input as inp({"activities": ["uses"], "personal_non_professional_use": true})
	c.exclusions["art2.10"].term.v == "no" with input as inp({"activities": ["uses"], "personal_non_professional_use": false})
	c.exclusions["art2.10"].term.v == "no" with input as inp({"activities": ["uses", "develops_and_places_on_market"], "personal_non_professional_use": true})
}

test_act_applies if {
	c.act_applies with input as inp({})
	not c.act_applies with input as inp({"military_defence_only": true})
}
