package aiact.art20_test

import data.aiact.art20
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": _scope, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_proc := {"p": {"kind": "procedure", "sha256": "p", "source_uri": "file:capa.md", "valid_until": null, "attributes": {"topic": "corrective_action"}}}

_ca(attrs) := {"a": {"kind": "corrective_action", "sha256": "a", "source_uri": "file:capa.csv", "valid_until": null, "attributes": attrs}}

_good := {"id": "CA-1", "opened_at": "2028-01-10", "action": "recall", "notified": {"distributors": "2028-01-11", "deployers": "2028-01-11"},
	"presents_risk": true, "investigation": "root cause: feature bug", "msa_informed_at": "2028-01-11"}

test_1_passes if {
	_f(art20.findings, "AIACT-20-1").status == "pass" with input as _in(object.union(_proc, _ca(_good)))
}

test_1_fails_without_procedure if {
	f := _f(art20.findings, "AIACT-20-1") with input as _in({})
	f.status == "fail"
}

test_1_fails_on_late_notice if {
	bad := object.union(_good, {"notified": {"distributors": "2028-01-30", "deployers": "2028-01-11"}})
	f := _f(art20.findings, "AIACT-20-1") with input as _in(object.union(_proc, _ca(bad)))
	contains(f.message, "distributors were informed 20 days")
}

test_2_passes if {
	_f(art20.findings, "AIACT-20-2").status == "pass" with input as _in(_ca(_good))
}

test_2_fails_without_msa if {
	f := _f(art20.findings, "AIACT-20-2") with input as _in(_ca(object.remove(_good, ["msa_informed_at"])))
	f.status == "fail"
	contains(f.message, "market surveillance authority")
}
