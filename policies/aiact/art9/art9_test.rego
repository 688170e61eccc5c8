package aiact.art9_test

import data.aiact.art9
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_register(risks) := {"rr": {
	"kind": "risk_register", "sha256": "aa", "source_uri": "file:risks.yaml", "valid_until": null,
	"attributes": {"risks": risks},
}}

_good := [
	{"id": "R1", "category": "health", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
	{"id": "R2", "category": "safety", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
	{"id": "R3", "category": "fundamental_rights", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
]

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

test_9_2_a_passes_with_all_categories if {
	_by_id(art9.findings, "AIACT-9-2-a").status == "pass" with input as _input(_register(_good))
}

test_9_2_a_fails_without_register if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input({})
	f.status == "fail"
	contains(f.message, "no risk register found")
}

test_9_2_a_fails_on_missing_category if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input(_register(array.slice(_good, 0, 2)))
	f.status == "fail"
	contains(f.message, "fundamental_rights")
}

test_9_2_d_passes if {
	_by_id(art9.findings, "AIACT-9-2-d").status == "pass" with input as _input(_register(_good))
}

test_9_2_d_fails_on_old_review if {
	old := array.concat(_good, [{"id": "R4", "category": "health", "mitigation": "m", "owner": "o", "review_date": "2020-01-01"}])
	f := _by_id(art9.findings, "AIACT-9-2-d") with input as _input(_register(old))
	f.status == "fail"
	contains(f.message, "R4 was last reviewed on 2020-01-01")
}

test_9_2_d_fails_on_missing_owner if {
	bad := [{"id": "R9", "category": "health", "mitigation": "m", "review_date": "2028-01-01"}]
	f := _by_id(art9.findings, "AIACT-9-2-d") with input as _input(_register(bad))
	contains(f.message, "R9 has no owner")
}

test_not_applicable_for_minimal if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": {}, "scope": {"tiers": ["minimal", "all_ai_systems"], "roles": ["provider"], "dates": {}}}
	f.status == "not_applicable"
}

test_not_yet_applicable_before_date if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2026-11-26T00:00:00Z", "evidence": {}, "scope": _scope}
	f.status == "not_yet_applicable"
	f.applies_from == "2027-12-02"
}

test_not_applicable_for_deployer if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": {}, "scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}}}
	f.status == "not_applicable"
	contains(f.message, "binds provider")
}

test_stale_register_counts_as_absent if {
	stale := {"rr": object.union(_register(_good).rr, {"valid_until": "2027-01-01T00:00:00Z"})}
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input(stale)
	f.status == "fail"
	contains(f.message, "stale")
}
