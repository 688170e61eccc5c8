package aiact.art73_test

import data.aiact.art73
import rego.v1

_in(incs, roles) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": roles, "dates": {"post_market": "2027-12-02"}},
	"evidence": {sprintf("i%d", [n]): {"kind": "incident", "sha256": sprintf("h%d", [n]), "source_uri": "file:incidents.csv", "valid_until": null, "attributes": a} | some n, a in incs}}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_inc(id, type, aware, reported) := {"id": id, "serious": "true", "type": type, "aware_at": aware, "reported_at": reported}

test_general_within_15_days_passes if {
	_f(art73.findings, "AIACT-73-2").status == "pass" with input as _in([_inc("I1", "health", "2028-01-01T10:00:00Z", "2028-01-15T10:00:00Z")], ["provider"])
}

test_general_late_fails if {
	f := _f(art73.findings, "AIACT-73-2") with input as _in([_inc("INC-2", "fundamental_rights", "2027-11-05T12:00:00Z", "2027-11-28T09:00:00Z")], ["provider"])
	f.status == "fail"
	contains(f.message, "reported 22.9 days after awareness")
	"INC-2" in f.subjects
}

test_death_10_days if {
	_f(art73.findings, "AIACT-73-4").status == "pass" with input as _in([_inc("D", "death", "2028-01-01T00:00:00Z", "2028-01-10T00:00:00Z")], ["provider"])
	_f(art73.findings, "AIACT-73-4").status == "fail" with input as _in([_inc("D", "death", "2028-01-01T00:00:00Z", "2028-01-12T00:00:00Z")], ["provider"])
}

test_critical_infrastructure_2_days if {
	_f(art73.findings, "AIACT-73-3").status == "pass" with input as _in([_inc("C", "critical_infrastructure", "2028-01-01T00:00:00Z", "2028-01-02T20:00:00Z")], ["provider"])
	f := _f(art73.findings, "AIACT-73-3") with input as _in([_inc("W", "widespread_infringement", "2028-01-01T00:00:00Z", "2028-01-04T00:00:00Z")], ["provider"])
	contains(f.message, "deadline is 2 days")
}

test_unreported_past_deadline_fails if {
	f := _f(art73.findings, "AIACT-73-2") with input as _in([object.remove(_inc("U", "health", "2028-05-01T00:00:00Z", ""), ["reported_at"])], ["provider"])
	contains(f.message, "deadline passed on 2028-05-16T00:00:00Z")
}

test_unreported_within_deadline_passes if {
	_f(art73.findings, "AIACT-73-2").status == "pass" with input as _in([object.remove(_inc("U", "health", "2028-05-25T00:00:00Z", ""), ["reported_at"])], ["provider"])
}

test_non_serious_ignored if {
	_f(art73.findings, "AIACT-73-2").status == "pass" with input as _in([object.union(_inc("N", "malfunction", "2027-01-01T00:00:00Z", "2027-12-01T00:00:00Z"), {"serious": "false"})], ["provider"])
}

test_deployer_bound_only_when_provider_unreachable if {
	late := _inc("L", "health", "2028-01-01T00:00:00Z", "2028-02-01T00:00:00Z")
	_f(art73.findings, "AIACT-73-2").status == "pass" with input as _in([late], ["deployer"])
	_f(art73.findings, "AIACT-73-2").status == "fail" with input as _in([object.union(late, {"provider_unreachable": true})], ["deployer"])
}

test_missing_awareness_fails if {
	f := _f(art73.findings, "AIACT-73-2") with input as _in([{"id": "X", "serious": true, "type": "health"}], ["provider"])
	contains(f.message, "no readable awareness timestamp")
}

test_initial_report_needs_completion if {
	i := object.union(_inc("P", "health", "2028-01-01T00:00:00Z", "2028-01-05T00:00:00Z"), {"report_status": "initial"})
	_f(art73.findings, "AIACT-73-5").status == "fail" with input as _in([i], ["provider"])
	_f(art73.findings, "AIACT-73-5").status == "pass" with input as _in([object.union(i, {"complete_report_at": "2028-02-01"})], ["provider"])
}

test_missing_or_stale_register_fails if {
	f := _f(art73.findings, "AIACT-73-2") with input as _in([], ["provider"])
	contains(f.message, "no incident register")
	stale := {"i": {"kind": "incident", "sha256": "h", "source_uri": "file:incidents.csv", "valid_until": "2028-01-01T00:00:00Z", "attributes": {"id": "X"}}}
	g := _f(art73.findings, "AIACT-73-4") with input as object.union(_in([], ["provider"]), {"evidence": stale})
	contains(g.message, "incident register is stale")
}

test_empty_register_passes if {
	reg := {"r": {"kind": "record_set", "sha256": "r", "source_uri": "file:incidents.csv", "valid_until": null, "attributes": {"record_kind": "incident", "record_count": 0}}}
	_f(art73.findings, "AIACT-73-2").status == "pass" with input as object.union(_in([], ["provider"]), {"evidence": reg})
}
