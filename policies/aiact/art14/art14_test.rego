package aiact.art14_test

import data.aiact.art14
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_item(kind, uri, attrs) := {"kind": kind, "sha256": concat("", ["h-", uri]), "source_uri": uri, "valid_until": null, "attributes": attrs}

_measures := [
	{"id": "HO-1", "description": "Monitoring dashboard with drift and anomaly alerts for credit officers.", "implemented_by": "provider", "capabilities": ["monitor", "interpret"], "risks": ["R3"]},
	{"id": "HO-2", "description": "Mandatory training on automation bias before access is granted.", "implemented_by": "deployer", "capabilities": ["automation_bias"], "risks": ["R1"]},
	{"id": "HO-3", "description": "Officer may override the score with a recorded reason.", "implemented_by": "provider", "capabilities": ["override"], "risks": []},
	{"id": "HO-4", "description": "Kill switch routes all applications to manual review.", "implemented_by": "provider", "capabilities": ["stop"], "risks": []},
	{"id": "HO-5", "description": "Two officers confirm every match in the case tool.", "implemented_by": "provider", "capabilities": ["dual_verification"], "risks": []},
]

_good := {
	"ho": _item("human_oversight", "file:oversight.yaml", {"measures": _measures}),
	"rr": _item("risk_register", "file:risks.yaml", {"risks": [{"id": "R1", "residual_risk": "medium"}, {"id": "R2", "residual_risk": "low"}, {"id": "R3", "residual_risk": "high"}]}),
	"ifu3d": _item("instructions_for_use.section", "file:ifu.md", {"art13_point": "3(d)", "heading": "Human oversight", "text_length": 900, "excerpt": "x"}),
	"logs": _item("log_stream", "file:logs.jsonl", {"field_completeness": {"verified_by": 1.0, "confirmed_by": 1.0}}),
}

_input(ev, provisions) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev, "classification": {"triggering_provisions": provisions}}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

_with_measures(ms) := object.union(object.remove(_good, ["ho"]), {"ho": _item("human_oversight", "file:oversight.yaml", {"measures": ms})})

test_all_pass_for_rbi if {
	fs := art14.findings with input as _input(_good, [{"id": "annex3.1.a"}])
	count(fs) == 7
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_no_design_record_fails if {
	fs := art14.findings with input as _input({}, [])
	contains(_by_id(fs, "AIACT-14-1-3").message, "no human oversight design record found")
	_by_id(fs, "AIACT-14-4-e").status == "fail"
	_by_id(fs, "AIACT-14-5").status == "not_applicable"
}

test_14_1_3_uncovered_risk_and_missing_ifu_section if {
	ev := object.remove(_with_measures([m | some m in _measures; m.id != "HO-1"]), ["ifu3d"])
	f := _by_id(art14.findings, "AIACT-14-1-3") with input as _input(ev, [])
	f.status == "fail"
	contains(f.message, "risk R3 (residual risk high) is addressed by no human oversight measure")
	contains(f.message, "HO-2 is for the deployer to implement, but the instructions for use have no human oversight section")
	not contains(f.message, "risk R2")
}

test_14_1_3_unassigned_measure if {
	ev := _with_measures(array.concat(_measures, [{"id": "HO-9", "description": "TBD", "capabilities": []}]))
	f := _by_id(art14.findings, "AIACT-14-1-3") with input as _input(ev, [])
	contains(f.message, "HO-9 does not say whether")
	contains(f.message, "HO-9 has no description")
}

test_14_4_c_fails_without_interpretation if {
	ms := [object.union(_measures[0], {"capabilities": ["monitor"]}), _measures[1], _measures[2], _measures[3]]
	f := _by_id(art14.findings, "AIACT-14-4-c") with input as _input(_with_measures(ms), [])
	f.status == "fail"
	contains(f.message, "capability \"interpret\"")
}

test_14_4_c_passes_when_reasoned_not_appropriate if {
	ms := [object.union(_measures[0], {"capabilities": ["monitor"]}), _measures[1], _measures[2], _measures[3]]
	ev := object.union(_with_measures(ms), {"ho": {"attributes": {"not_appropriate": {"interpret": "Outputs are binary rule hits shown with the rule text; nothing further to interpret."}}}})
	_by_id(art14.findings, "AIACT-14-4-c").status == "pass" with input as _input(ev, [])
}

test_14_4_e_stop_must_be_built_in if {
	ms := [object.union(m, {"implemented_by": "deployer"}) | some m in _measures]
	f := _by_id(art14.findings, "AIACT-14-4-e") with input as _input(_with_measures(ms), [])
	f.status == "fail"
	contains(f.message, "implemented_by provider")
}

test_14_5_fails_without_second_verifier if {
	ev := object.union(object.remove(_good, ["logs"]), {"logs": _item("log_stream", "file:logs.jsonl", {"field_completeness": {"verified_by": 1.0, "confirmed_by": 0.4}})})
	f := _by_id(art14.findings, "AIACT-14-5") with input as _input(ev, [{"id": "annex3.1.a"}])
	f.status == "fail"
	contains(f.message, "confirmed_by is present in 40%")
}

test_14_5_derogation_attested if {
	ev := object.union(object.remove(_good, ["logs"]), {"att": _item("attestation", "file:att.yaml", {"by": "DPO", "at": "2028-01-01", "catalogue_ids": ["art14.5"], "statement": "national law X disapplies Art 14(5) for border control"})})
	_by_id(art14.findings, "AIACT-14-5").status == "pass" with input as _input(ev, [{"id": "annex3.1.a"}])
}

test_14_5_binds_deployers_too if {
	inp := object.union(_input({}, [{"id": "annex3.1.a"}]), {"scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}}})
	fs := art14.findings with input as inp
	_by_id(fs, "AIACT-14-5").status == "fail"
	_by_id(fs, "AIACT-14-4-a").status == "not_applicable"
}

test_14_5_fails_when_second_verifier_never_logged if {
	ev := object.union(object.remove(_good, ["logs"]), {"logs": _item("log_stream", "file:logs.jsonl", {"record_count": 10, "fields": {"verified_by": {"present": 10, "empty": 0}}})})
	f := _by_id(art14.findings, "AIACT-14-5") with input as _input(ev, [{"id": "annex3.1.a"}])
	contains(f.message, "confirmed_by is present in 0%")
}

test_measures_from_yaml_content if {
	ev := object.union(object.remove(_good, ["ho"]), {"ho": _item("human_oversight", "file:oversight.yaml", {"content": {"measures": _measures}})})
	_by_id(art14.findings, "AIACT-14-4-e").status == "pass" with input as _input(ev, [])
}
