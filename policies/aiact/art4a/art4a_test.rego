package aiact.art4a_test

import data.aiact.art4a
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_item(kind, uri, attrs) := {"kind": kind, "sha256": concat("", ["h-", uri]), "source_uri": uri, "valid_until": null, "attributes": attrs}

_rec_attrs := {
	"purpose": "bias detection and correction of the credit model",
	"necessity_justification": "Ethnic origin is not recorded elsewhere; synthetic data did not reproduce the proxy effects.",
	"alternatives_considered": ["synthetic", "anonymised"],
	"reuse_restricted": true, "pseudonymised": true, "security_measures": ["encryption at rest", "separate enclave"],
	"access_control": ["fairness-team"], "access_log": "s3://audit/special-access.log", "confidentiality": "NDA and professional secrecy clause",
	"third_parties": [], "deletion_due": "2028-06-30", "ropa_reference": "RoPA entry 42",
}

_good := {"rec": _item("special_category_processing", "file:special.yaml", _rec_attrs)}

_with(attrs) := {"rec": _item("special_category_processing", "file:special.yaml", object.union(object.remove(_rec_attrs, object.keys(attrs)), attrs))}

_without(keys) := {"rec": _item("special_category_processing", "file:special.yaml", object.remove(_rec_attrs, keys))}

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

test_all_pass if {
	fs := art4a.findings with input as _input(_good)
	count(fs) == 6
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_not_applicable_without_special_category_processing if {
	fs := art4a.findings with input as _input({})
	count([f | some f in fs; f.status == "not_applicable"]) == 6
}

test_datasheet_with_special_categories_requires_record if {
	ev := {"ds": _item("datasheet", "file:data/loans.md", {"dataset": "loans", "special_categories": ["ethnic_origin"]})}
	f := _by_id(art4a.findings, "AIACT-4a-1-a") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "no special-category processing record found")
	contains(f.message, "file:data/loans.md")
}

test_a_fails_without_alternatives_and_purpose if {
	f := _by_id(art4a.findings, "AIACT-4a-1-a") with input as _input(_with({"alternatives_considered": ["synthetic"], "purpose": "model training"}))
	contains(f.message, "alternatives were considered: anonymised")
	contains(f.message, "does not state bias detection")
}

test_b_fails_without_pseudonymisation if {
	f := _by_id(art4a.findings, "AIACT-4a-1-b") with input as _input(_with({"pseudonymised": false}))
	f.status == "fail"
	contains(f.message, "does not confirm pseudonymised")
}

test_c_fails_without_access_log if {
	f := _by_id(art4a.findings, "AIACT-4a-1-c") with input as _input(_without(["access_log", "access_control"]))
	contains(f.message, "has no access_log")
	contains(f.message, "names no authorised persons")
}

test_d_fails_on_third_party_access if {
	f := _by_id(art4a.findings, "AIACT-4a-1-d") with input as _input(_with({"third_parties": ["analytics vendor"]}))
	contains(f.message, "accessible to other parties: analytics vendor")
}

test_e_fails_when_overdue if {
	f := _by_id(art4a.findings, "AIACT-4a-1-e") with input as _input(_with({"bias_corrected_at": "2028-01-15"}))
	f.status == "fail"
	contains(f.message, "should have been deleted by 2028-01-15")
}

test_e_passes_when_deleted_in_time if {
	_by_id(art4a.findings, "AIACT-4a-1-e").status == "pass" with input as _input(_with({"bias_corrected_at": "2028-01-15", "deleted_at": "2028-01-15"}))
}

test_f_fails_without_ropa if {
	f := _by_id(art4a.findings, "AIACT-4a-1-f") with input as _input(_without(["ropa_reference"]))
	contains(f.message, "ropa_reference")
}

test_applies_to_deployer_of_minimal_system if {
	inp := object.union(_input(_with({"pseudonymised": false})), {"scope": {"tiers": ["minimal", "all_ai_systems"], "roles": ["deployer"], "dates": {}}})
	_by_id(art4a.findings, "AIACT-4a-1-b").status == "fail" with input as inp
}

test_not_yet_applicable_before_omnibus if {
	f := _by_id(art4a.findings, "AIACT-4a-1-b") with input as object.union(_input(_good), {"as_of": "2026-07-01T00:00:00Z"})
	f.status == "not_yet_applicable"
}

test_record_from_yaml_content if {
	ev := {"rec": _item("special_category_processing", "file:special.yaml", {"content": object.union(_rec_attrs, {"third_parties": ["vendor"]})})}
	fs := art4a.findings with input as _input(ev)
	_by_id(fs, "AIACT-4a-1-b").status == "pass"
	_by_id(fs, "AIACT-4a-1-d").status == "fail"
}
