package aiact.art86_test

import data.aiact.art86
import rego.v1

_in(ev, provs) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}},
	"classification": {"triggering_provisions": [{"id": p} | some p in provs]}, "evidence": ev}

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

_proc := {"p": _i("procedure", {"topic": "explanation_requests"})}

test_passes if {
	ev := object.union(_proc, {"r": _i("explanation_request", {"id": "E1", "received_at": "2028-03-01", "answered_at": "2028-03-10"})})
	art86.findings[_].status == "pass" with input as _in(ev, ["annex3.5.b"])
}

test_fails_on_unanswered_request if {
	ev := object.union(_proc, {"r": _i("explanation_request", {"id": "E1", "received_at": "2028-03-01"})})
	some f in art86.findings with input as _in(ev, ["annex3.5.b"])
	contains(f.message, "unanswered after 30 days")
}

test_fails_without_procedure if {
	art86.findings[_].status == "fail" with input as _in({}, ["annex3.4.a"])
}

test_not_applicable_for_critical_infrastructure if {
	art86.findings[_].status == "not_applicable" with input as _in({}, ["annex3.2.main"])
}
