package aiact.classification_test

import data.aiact.classification as c
import rego.v1

# A complete answer set for a plain minimal system (an ML spam filter offered by an EU provider);
# each test changes only the facts it is about.
base := {
	"gpai_model": false,
	"ai_techniques": ["machine_learning"],
	"eu_nexus": "eu_market_or_use",
	"military_defence_only": false,
	"third_country_authority_cooperation": false,
	"sole_scientific_research": false,
	"placed_on_market": false,
	"intends_to_place_on_market": true,
	"real_world_testing": false,
	"activities": ["develops_and_places_on_market"],
	"user_types": ["organisations_or_professionals"],
	"provider_established_in_eu": true,
	"built_on_third_party_gpai": false,
	"subliminal_or_manipulative_techniques": false,
	"exploits_vulnerabilities": false,
	"scores_social_behaviour": false,
	"predicts_criminal_offending": false,
	"untargeted_face_scraping": false,
	"emotion_recognition": false,
	"biometric_categorisation": false,
	"remote_biometric_identification": "none",
	"law_enforcement_use": false,
	"annex_I_legislation": [],
	"use_areas": [],
	"profiles_natural_persons": false,
	"decides_or_assists_decisions_on_natural_persons": false,
	"deployer_is_public_body_or_public_service": false,
	"interacts_directly_with_people": false,
	"generates_synthetic_content": false,
	"open_source_licence": "proprietary",
}

now := "2026-11-26"

# inp(extra): the base answers with `extra` merged in, evaluated on `now`.
inp(extra) := {"answers": object.union(base, extra), "as_of": now}

inp_at(extra, date) := {"answers": object.union(base, extra), "as_of": date}

# --- leaves ---------------------------------------------------------------------------------------

test_is_yes_no_unknown_absent if {
	c._is("a", true, "r").v == "yes" with input as {"answers": {"a": true}}
	t := c._is("a", true, "r") with input as {"answers": {"a": false}}
	t.v == "no"
	t.why == {"r"}
	u := c._is("a", true, "r") with input as {"answers": {"a": "unknown"}}
	u.v == "unknown"
	u.unknown == {"a"}
	x := c._is("a", true, "r") with input as {"answers": {}}
	x.v == "no"
	x.why == set()
	x.qs == set()
}

test_in_choice if {
	c._in("a", ["x", "y"], "r").v == "yes" with input as {"answers": {"a": "y"}}
	c._in("a", ["x", "y"], "r").v == "no" with input as {"answers": {"a": "z"}}
	c._in("a", ["x"], "r").v == "unknown" with input as {"answers": {"a": "unknown"}}
}

test_has_any_multi_choice if {
	c._has_any("a", ["x", "y"], "r").v == "yes" with input as {"answers": {"a": ["y", "z"]}}
	c._has_any("a", ["x", "y"], "r").v == "no" with input as {"answers": {"a": []}}
	c._has("a", "x", "r").v == "unknown" with input as {"answers": {"a": "unknown"}}
}

test_gt_number if {
	c._gt("n", 10, "r").v == "yes" with input as {"answers": {"n": 11}}
	c._gt("n", 10, "r").v == "no" with input as {"answers": {"n": 10}}
	c._gt("n", 10, "r").v == "unknown" with input as {"answers": {"n": "unknown"}}
}

test_not_inverts_and_explains if {
	t := c._not(c._is("a", true, ""), "because a") with input as {"answers": {"a": true}}
	t.v == "no"
	t.why == {"because a"}
	c._not(c._is("a", true, ""), "because a").v == "yes" with input as {"answers": {"a": false}}
}

test_all_three_valued if {
	c._all([c._is("a", true, "ra"), c._is("b", true, "rb")]).v == "yes" with input as {"answers": {"a": true, "b": true}}
	t := c._all([c._is("a", true, "ra"), c._is("b", true, "rb")]) with input as {"answers": {"a": "unknown", "b": false}}
	t.v == "no"
	t.why == {"rb"}
	t.unknown == set()
	u := c._all([c._is("a", true, "ra"), c._is("b", true, "rb")]) with input as {"answers": {"a": "unknown", "b": true}}
	u.v == "unknown"
	u.unknown == {"a"}
}

test_any_three_valued if {
	c._any([c._is("a", true, "ra"), c._is("b", true, "rb")]).v == "yes" with input as {"answers": {"a": "unknown", "b": true}}
	n := c._any([c._is("a", true, "ra"), c._is("b", true, "rb")]) with input as {"answers": {"a": false, "b": false}}
	n.v == "no"
	n.why == {"ra", "rb"}
	c._any([c._is("a", true, "ra"), c._is("b", true, "rb")]).v == "unknown" with input as {"answers": {"a": "unknown", "b": false}}
}

test_fact if {
	c._fact(true, "x").v == "yes"
	c._fact(false, "x").why == {"x"}
}

test_list if {
	c._list("a") == ["x"] with input as {"answers": {"a": ["x"]}}
	c._list("a") == [] with input as {"answers": {"a": "unknown"}}
}

# inp_without(extra, keys): like inp, with the base answers in `keys` removed (questions not asked).
inp_without(extra, keys) := {"answers": object.union(object.remove(base, keys), extra), "as_of": now}
