package aiact.art11_test

import data.aiact.art11
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_doc(attrs) := {"td": {"kind": "technical_documentation", "sha256": "td", "source_uri": "file:docs/technical.md", "valid_until": null, "attributes": attrs}}

_mv(version, created, aliases) := {concat("", ["mv", version]): {
	"kind": "model_version", "sha256": concat("", ["m", version]), "source_uri": concat("", ["mlflow:models/credit/", version]), "valid_until": null,
	"attributes": {"name": "credit", "version": version, "aliases": aliases, "created_at": created},
}}

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_f(ev) := f if {
	fs := art11.findings with input as _input(ev)
	f := [x | some x in fs; x.rule_id == "AIACT-11-1"][0]
}

test_passes_when_current if {
	ev := object.union(_doc({"version": "4.1", "updated_at": "2028-01-10"}), _mv("3", "2027-12-20T10:00:00Z", ["champion"]))
	_f(ev).status == "pass"
}

test_fails_without_documentation if {
	f := _f({})
	f.status == "fail"
	contains(f.message, "no technical documentation found")
}

test_fails_when_deployed_version_is_newer if {
	ev := object.union(object.union(_doc({"version": "4.1", "updated_at": "2028-01-10"}), _mv("3", "2027-12-20T10:00:00Z", [])), _mv("4", "2028-02-01T10:00:00Z", ["champion"]))
	f := _f(ev)
	f.status == "fail"
	contains(f.message, "predates deployed model version credit v4 (registered 2028-02-01)")
}

test_older_non_deployed_version_is_ignored if {
	ev := object.union(object.union(_doc({"version": "4.1", "updated_at": "2028-01-10"}), _mv("3", "2027-12-20T10:00:00Z", ["champion"])), _mv("4", "2028-02-01T10:00:00Z", ["challenger"]))
	_f(ev).status == "pass"
}

test_fails_without_version_and_date if {
	f := _f(_doc({}))
	contains(f.message, "carries no version")
	contains(f.message, "carries no date")
}

test_simplified_form_needs_sme_evidence if {
	f := _f(_doc({"version": "1", "updated_at": "2028-01-10", "simplified_form": true}))
	f.status == "fail"
	contains(f.message, "simplified SME/SMC form")
}

test_simplified_form_with_attestation_passes if {
	att := {"att": {"kind": "attestation", "sha256": "a", "source_uri": "file:att.yaml", "valid_until": null, "attributes": {"by": "CFO", "at": "2028-01-02", "catalogue_ids": ["art11"], "statement": "SME per Recommendation 2003/361/EC"}}}
	_f(object.union(_doc({"version": "1", "updated_at": "2028-01-10", "simplified_form": true}), att)).status == "pass"
}
