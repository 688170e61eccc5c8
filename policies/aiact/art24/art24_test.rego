package aiact.art24_test

import data.aiact.art24
import rego.v1

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["distributor"], "dates": {"high_risk": "2027-12-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

_checks := {c: true | some c in ["ce_marking", "declaration_of_conformity", "instructions_for_use", "provider_identified", "provider_qms", "importer_identified"]}

test_1_passes if {
	ev := {"v": _i("distribution_verification", {"checks": _checks, "verified_at": "2028-01-02", "verified_by": "J. Doe"})}
	_f(art24.findings, "AIACT-24-1").status == "pass" with input as _in(ev)
}

test_1_fails if {
	f := _f(art24.findings, "AIACT-24-1") with input as _in({})
	f.status == "fail"
	ev := {"v": _i("distribution_verification", {"checks": object.remove(_checks, ["instructions_for_use"]), "verified_at": "2028-01-02", "verified_by": "J"})}
	g := _f(art24.findings, "AIACT-24-1") with input as _in(ev)
	contains(g.message, "the instructions for use")
}

test_manual if {
	_f(art24.findings, "AIACT-24-manual").status == "manual" with input as _in({})
	att := {"a": _i("attestation", {"by": "COO", "at": "2028-05-01", "catalogue_ids": ["art24"], "statement": "ok"})}
	_f(art24.findings, "AIACT-24-manual").status == "pass" with input as _in(att)
}

test_not_applicable_to_provider if {
	inp := object.union(_in({}), {"scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}})
	_f(art24.findings, "AIACT-24-1").status == "not_applicable" with input as inp
}
