package aiact.art55_test

import data.aiact.art55
import rego.v1

_in(ev) := {"as_of": "2027-01-01T00:00:00Z", "scope": {"tiers": ["gpai", "gpai_systemic"], "roles": ["gpai_provider"], "dates": {"gpai": "2025-08-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(id, kind, attrs) := {id: {"kind": kind, "sha256": id, "source_uri": sprintf("file:%s", [id]), "valid_until": null, "attributes": attrs}}

_good := object.union(object.union(object.union(
	_i("e", "model_evaluation", {"evaluated_at": "2026-10-01", "adversarial_testing": true}),
	_i("a", "systemic_risk_assessment", {"assessed_at": "2026-10-01", "risks": [{"id": "CBRN", "source": "use", "mitigation": "refusals"}]})),
	_i("i", "incident", {"id": "G1", "serious": true, "aware_at": "2026-11-01T00:00:00Z", "ai_office_reported_at": "2026-11-05T00:00:00Z"})),
	_i("s", "security_assessment", {"assessed_at": "2026-09-01", "scope": ["model_weights", "infrastructure"]}))

test_all_pass if {
	fs := art55.findings with input as _in(_good)
	every f in fs { f.status == "pass" }
	count(fs) == 4
}

test_failures if {
	bad := object.union(object.union(object.union(
		_i("e", "model_evaluation", {"evaluated_at": "2025-01-01"}),
		_i("a", "systemic_risk_assessment", {"assessed_at": "2026-10-01", "risks": [{"id": "CBRN"}]})),
		_i("i", "incident", {"id": "G1", "serious": true, "aware_at": "2026-11-01T00:00:00Z"})),
		_i("s", "security_assessment", {"assessed_at": "2026-09-01", "scope": ["infrastructure"]}))
	fs := art55.findings with input as _in(bad)
	contains(_f(fs, "AIACT-55-1-a").message, "no adversarial testing")
	contains(_f(fs, "AIACT-55-1-a").message, "within the last 365 days")
	contains(_f(fs, "AIACT-55-1-b").message, "CBRN has no source")
	contains(_f(fs, "AIACT-55-1-c").message, "G1 is not reported")
	contains(_f(fs, "AIACT-55-1-d").message, "model_weights")
}

test_not_applicable_below_systemic if {
	inp := object.union(_in({}), {"scope": {"tiers": ["gpai"], "roles": ["gpai_provider"], "dates": {"gpai": "2025-08-02"}}})
	_f(art55.findings, "AIACT-55-1-a").status == "not_applicable" with input as inp
}
