package aiact.art16_test

import data.aiact.art16
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": _scope, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

test_16_a_passes_when_section2_passes if {
	f := _f(art16.findings, "AIACT-16-a") with input as _in({})
		with data.aiact.art8.findings as _ok with data.aiact.art9.findings as _ok
		with data.aiact.art10.findings as _ok with data.aiact.art11.findings as _ok
		with data.aiact.art12.findings as _ok with data.aiact.art13.findings as _ok
		with data.aiact.art14.findings as _ok with data.aiact.art15.findings as _ok
	f.status == "pass"
}

_ok := [{"rule_id": "AIACT-X", "status": "pass"}]

test_16_a_lists_failing_section2_rules if {
	f := _f(art16.findings, "AIACT-16-a") with input as _in({})
		with data.aiact.art9.findings as [{"rule_id": "AIACT-9-2-a", "status": "fail"}]
	f.status == "fail"
	f.severity == "info"
	contains(f.message, "AIACT-9-2-a")
}

test_16_b_passes if {
	ev := {"l": _i("instructions_for_use", {"provider": {"name": "Northwind", "address": "12 rue de la Gare, Luxembourg"}})}
	_f(art16.findings, "AIACT-16-b").status == "pass" with input as _in(ev)
}

test_16_b_fails_without_contact if {
	ev := {"l": _i("product_label", {"provider": {"name": "Northwind"}})}
	f := _f(art16.findings, "AIACT-16-b") with input as _in(ev)
	f.status == "fail"
}

test_16_l_passes if {
	ev := {"a": _i("accessibility_report", {"standard": "EN 301 549", "non_conformities": [{"id": "9.1.4.3", "remediation": "contrast fix"}]})}
	_f(art16.findings, "AIACT-16-l").status == "pass" with input as _in(ev)
}

test_16_l_fails if {
	ev := {"a": _i("accessibility_report", {"non_conformities": [{"id": "9.1.4.3"}]})}
	f := _f(art16.findings, "AIACT-16-l") with input as _in(ev)
	contains(f.message, "names no standard")
	contains(f.message, "has no remediation")
}
