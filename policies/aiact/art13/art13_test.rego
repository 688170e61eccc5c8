package aiact.art13_test

import data.aiact.art13
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_points := ["3(a)", "3(b)(i)", "3(b)(ii)", "3(b)(iii)", "3(b)(iv)", "3(b)(v)", "3(b)(vi)", "3(b)(vii)", "3(c)", "3(d)", "3(e)", "3(f)"]

_text := "Acme Credit GmbH, Hauptstrasse 1, Berlin; compliance@acme-credit.example; the section sets this out in full."

_sec(point, heading, excerpt, n) := {
	"kind": "instructions_for_use.section", "sha256": concat("", ["h", point]), "source_uri": "file:docs/ifu.md", "valid_until": null,
	"attributes": {"art13_point": point, "heading": heading, "excerpt": excerpt, "text_length": n, "line": 3},
}

_ifu(attrs) := {"ifu": {"kind": "instructions_for_use", "sha256": "ifu", "source_uri": "file:docs/ifu.md", "valid_until": null, "attributes": attrs}}

_ifu_attrs := {"version": "2.0", "updated_at": "2028-01-15", "languages": ["en", "de"], "declared_metrics": {"auc": 0.84}}

_good := object.union({concat("", ["s", p]): _sec(p, p, _text, 600) | some p in _points}, _ifu(_ifu_attrs))

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev, "system": {"provider": "Acme Credit GmbH"}}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

_replace(ev, k, v) := object.union(object.remove(ev, [k]), {k: v})

test_all_items_pass if {
	fs := art13.findings with input as _input(_good)
	count(fs) == 13
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_no_instructions_fail_everything if {
	fs := art13.findings with input as _input({})
	count([f | some f in fs; f.status == "fail"]) == 13
	contains(_by_id(fs, "AIACT-13-1-2").message, "no instructions for use found")
	contains(_by_id(fs, "AIACT-13-3-d").message, "no instructions for use section found")
}

test_heading_fallback_recognises_item if {
	unlabelled := {"kind": "instructions_for_use.section", "sha256": "u", "source_uri": "file:docs/ifu.md", "valid_until": null, "attributes": {"heading": "2. Intended Purpose", "excerpt": "The system estimates the probability of default of consumer credit applicants in the EU.", "text_length": 400}}
	ev := _replace(_good, "s3(b)(i)", unlabelled)
	_by_id(art13.findings, "AIACT-13-3-b-i").status == "pass" with input as _input(ev)
}

test_missing_item_fails if {
	f := _by_id(art13.findings, "AIACT-13-3-e") with input as _input(object.remove(_good, ["s3(e)"]))
	f.status == "fail"
	f.message == "instructions for use has no section for Art 13(3)(e)"
}

test_provider_section_needs_name_and_contact if {
	ev := _replace(_good, "s3(a)", _sec("3(a)", "Who we are", "A lender that cares about its customers and their future, located in the EU since 1999.", 300))
	f := _by_id(art13.findings, "AIACT-13-3-a") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "does not name the provider \"Acme Credit GmbH\"")
	contains(f.message, "gives no contact details")
}

test_accuracy_item_needs_declared_metrics if {
	ev := _replace(_good, "ifu", _ifu(object.remove(_ifu_attrs, ["declared_metrics"])).ifu)
	f := _by_id(art13.findings, "AIACT-13-3-b-ii") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "declare no accuracy metrics")
}

test_conditional_item_not_applicable_with_reason if {
	ev := _replace(_good, "s3(c)", _sec("3(c)", "Changes", "Not applicable: no changes were pre-determined at the initial conformity assessment; the model is frozen.", 200))
	_by_id(art13.findings, "AIACT-13-3-c").status == "pass" with input as _input(ev)
}

test_mandatory_item_not_applicable_fails if {
	ev := _replace(_good, "s3(d)", _sec("3(d)", "Human oversight", "Not applicable, because the system decides on its own without any person involved.", 200))
	f := _by_id(art13.findings, "AIACT-13-3-d") with input as _input(ev)
	f.status == "fail"
}

test_13_1_2_outdated_and_no_language if {
	mv := {"mv": {"kind": "model_version", "sha256": "m", "source_uri": "mlflow:models/credit/5", "valid_until": null, "attributes": {"name": "credit", "version": "5", "aliases": ["champion"], "creation_timestamp": 1833000000000}}}
	ev := object.union(_replace(_good, "ifu", _ifu(object.remove(_ifu_attrs, ["languages"])).ifu), mv)
	f := _by_id(art13.findings, "AIACT-13-1-2") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "do not state their language")
	contains(f.message, "predate deployed model version credit v5 (registered 2028-02-01)")
}

test_13_1_2_required_language if {
	inp := object.union(_input(_good), {"config": {"ifu_required_languages": ["fr"]}})
	f := _by_id(art13.findings, "AIACT-13-1-2") with input as inp
	contains(f.message, "required language(s): fr")
}
