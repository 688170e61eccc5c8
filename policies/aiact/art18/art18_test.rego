package aiact.art18_test

import data.aiact.art18
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_sched(recs) := {"rs": {"kind": "retention_schedule", "sha256": "r", "source_uri": "file:rs.yaml", "valid_until": null, "attributes": {"records": recs}}}

_good := [{"record": r, "retention_years": 10} | some r in ["technical_documentation", "qms_documentation", "declaration_of_conformity"]]

test_passes_with_ten_years if {
	art18.findings[_].status == "pass" with input as _in(_sched(_good))
}

test_fails_without_schedule if {
	some f in art18.findings with input as _in({})
	f.status == "fail"
	contains(f.message, "no records-retention schedule")
}

test_fails_on_short_retention if {
	recs := array.concat(array.slice(_good, 0, 2), [{"record": "declaration_of_conformity", "retention_years": 5}])
	some f in art18.findings with input as _in(_sched(recs))
	contains(f.message, "kept for 5 years")
}

test_notified_body_records_needed_for_annex_vii if {
	ca := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca", "valid_until": null, "attributes": {"route": "annex_vii"}}}
	some f in art18.findings with input as _in(object.union(_sched(_good), ca))
	f.status == "fail"
	contains(f.message, "notified_body_decisions")
}
