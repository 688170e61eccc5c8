package aiact.art5_test

import data.aiact.art5
import rego.v1

_scope := {"tiers": ["prohibited", "all_ai_systems"], "roles": ["provider"], "dates": {"prohibitions": "2025-02-02"}}

_in(provs) := {"as_of": "2027-01-10T00:00:00Z", "scope": _scope, "evidence": {}, "classification": {"tier": "prohibited", "triggering_provisions": provs}}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_emotion := [{"id": "art5.1.f", "citation": "Art 5(1)(f)", "reason": "infers workers' emotions from voice"}]

test_5_1_f_denies_prohibited_classification if {
	f := _f(art5.findings, "AIACT-5-1-f") with input as _in(_emotion)
	f.status == "fail"
	f.severity == "deny"
	contains(f.message, "infers workers' emotions")
}

test_5_1_f_passes_when_not_triggered if {
	f := _f(art5.findings, "AIACT-5-1-f") with input as _in([{"id": "annex3.4.a", "citation": "Annex III 4(a)", "reason": "x"}])
	f.status == "pass"
}

test_one_failure_per_triggering_provision if {
	fs := art5.findings with input as _in(array.concat(_emotion, [{"id": "art5.1.c", "citation": "Art 5(1)(c)", "reason": "s"}]))
	failed := {f.rule_id | some f in fs; f.status == "fail"}
	failed == {"AIACT-5-1-f", "AIACT-5-1-c"}
}

test_every_rule_passes_for_clean_system if {
	fs := art5.findings with input as _in([])
	every f in fs { f.status == "pass" }
	count(fs) == 11
}

test_every_rule_fails_when_triggered if {
	ids := ["art5.1.a", "art5.1.b", "art5.1.ba", "art5.1.bb", "art5.1.c", "art5.1.d", "art5.1.e", "art5.1.f", "art5.1.g", "art5.1.h", "art5.1.z"]
	fs := art5.findings with input as _in([{"id": i, "citation": i, "reason": "r"} | some i in ids])
	every f in fs { f.status == "fail" }
}

test_new_prohibitions_not_yet_applicable_before_2026_12_02 if {
	inp := object.union(_in([{"id": "art5.1.ba", "citation": "Art 5(1)(ba)", "reason": "r"}]), {"as_of": "2026-11-30T00:00:00Z"})
	f := _f(art5.findings, "AIACT-5-1-ba") with input as inp
	f.status == "not_yet_applicable"
}

test_importer_bound if {
	inp := object.union(_in(_emotion), {"scope": object.union(_scope, {"roles": ["importer"]})})
	_f(art5.findings, "AIACT-5-1-f").status == "fail" with input as inp
}

test_rbi_exception_and_safeguards_are_not_prohibited if {
	provs := [
		{"id": "art5.1.h", "citation": "Art 5(1)(h)", "qualifier": "exception", "reason": "targeted search for a victim"},
		{"id": "art5.1.ba", "citation": "Art 5(1)(ba)", "qualifier": "safeguards", "reason": "safeguards"},
	]
	fs := art5.findings with input as _in(provs)
	every f in fs { f.status == "pass" }
}

test_prohibited_practices_list_counts if {
	inp := object.union(_in([]), {"classification": {"prohibited_practices": ["art5.1.c"]}})
	_f(art5.findings, "AIACT-5-1-c").status == "fail" with input as inp
}
