package aiact.art25_test

import data.aiact.art25
import rego.v1

_in(ev, roles) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": roles, "dates": {"high_risk": "2027-12-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

test_1_fails_when_deployer_substantially_modifies if {
	ev := {"c": _i("change_impact_assessment", {"substantial_modification": true, "assessed_at": "2028-01-01"})}
	f := _f(art25.findings, "AIACT-25-1") with input as _in(ev, ["deployer"])
	f.status == "fail"
	contains(f.message, "becomes the provider")
}

test_1_passes_when_assessed_as_provider if {
	ev := {"c": _i("change_impact_assessment", {"substantial_modification": true, "assessed_at": "2028-01-01"})}
	_f(art25.findings, "AIACT-25-1").status == "pass" with input as _in(ev, ["deployer", "provider"])
}

test_4_passes_and_fails if {
	comp := {"t": _i("third_party_component", {"name": "embedder", "supplier": "ACME"})}
	agr := {"a": _i("supplier_agreement", {"supplier": "acme", "covers": ["information", "capabilities", "technical_access"], "signed_at": "2027-01-01"})}
	_f(art25.findings, "AIACT-25-4").status == "pass" with input as _in(object.union(comp, agr), ["provider"])
	f := _f(art25.findings, "AIACT-25-4") with input as _in(comp, ["provider"])
	contains(f.message, "no signed supplier agreement")
}

test_4_open_source_exempt if {
	comp := {"t": _i("third_party_component", {"name": "lib", "supplier": "oss", "open_source": true})}
	_f(art25.findings, "AIACT-25-4").status == "pass" with input as _in(comp, ["provider"])
}

test_2_manual if {
	_f(art25.findings, "AIACT-25-2").status == "manual" with input as _in({}, ["provider"])
	att := {"a": _i("attestation", {"by": "CTO", "at": "2028-05-01", "catalogue_ids": ["art25"], "statement": "ok"})}
	_f(art25.findings, "AIACT-25-2").status == "pass" with input as _in(att, ["provider"])
}
