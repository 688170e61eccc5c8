package aiact.art23_test

import data.aiact.art23
import rego.v1

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["importer"], "dates": {"high_risk": "2027-12-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

_checks := {c: true | some c in ["conformity_assessment", "technical_documentation", "ce_marking", "declaration_of_conformity", "instructions_for_use", "authorised_representative"]}

test_1_passes if {
	ev := {"v": _i("import_verification", {"checks": _checks, "verified_at": "2028-01-02", "verified_by": "J. Doe"})}
	_f(art23.findings, "AIACT-23-1").status == "pass" with input as _in(ev)
}

test_1_fails_on_unchecked_item if {
	ev := {"v": _i("import_verification", {"checks": object.remove(_checks, ["ce_marking"]), "verified_at": "2028-01-02"})}
	f := _f(art23.findings, "AIACT-23-1") with input as _in(ev)
	contains(f.message, "the CE marking")
	contains(f.message, "names no signatory")
}

test_3_passes_and_fails if {
	ok := {"l": _i("product_label", {"importer": {"name": "Imp BV", "address": "Amsterdam"}})}
	_f(art23.findings, "AIACT-23-3").status == "pass" with input as _in(ok)
	_f(art23.findings, "AIACT-23-3").status == "fail" with input as _in({"l": _i("product_label", {})})
}

test_5_passes_and_fails if {
	ok := {"r": _i("retention_schedule", {"records": [{"record": "instructions_for_use", "retention_years": 10}, {"record": "declaration_of_conformity", "retention_years": 12}]})}
	_f(art23.findings, "AIACT-23-5").status == "pass" with input as _in(ok)
	bad := {"r": _i("retention_schedule", {"records": [{"record": "instructions_for_use", "retention_years": 3}]})}
	f := _f(art23.findings, "AIACT-23-5") with input as _in(bad)
	contains(f.message, "declaration_of_conformity")
}

test_manual_needs_attestation if {
	f := _f(art23.findings, "AIACT-23-manual") with input as _in({})
	f.status == "manual"
	contains(f.message, "kind attestation")
	att := {"a": _i("attestation", {"by": "COO", "at": "2028-05-01", "catalogue_ids": ["art23"], "statement": "confirmed"})}
	_f(art23.findings, "AIACT-23-manual").status == "pass" with input as _in(att)
}
