package aiact.annex_iv_test

import data.aiact.annex_iv
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_all_points := [
	"1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)",
	"2(a)", "2(b)", "2(c)", "2(d)", "2(e)", "2(f)", "2(g)", "2(h)",
	"3(a)", "3(b)", "3(c)", "3(d)", "4", "5", "6", "7", "8", "9",
]

_sec(point, excerpt, n) := {
	"kind": "technical_documentation.section", "sha256": concat("", ["h", point]), "source_uri": "file:docs/technical.md",
	"valid_until": null,
	"attributes": {"annex_iv_point": point, "heading": concat(" ", ["Section", point]), "text_length": n, "excerpt": excerpt, "line": 10},
}

_text := "This section describes the matter in detail, with references to the supporting records and their versions."

_sections := {concat("", ["s", p]): _sec(p, _text, 900) | some p in _all_points}

_support := {
	"ifu": {"kind": "instructions_for_use", "sha256": "i", "source_uri": "file:ifu.md", "valid_until": null, "attributes": {"version": "3"}},
	"tr": {"kind": "test_report", "sha256": "t", "source_uri": "file:tr.yaml", "valid_until": null, "attributes": {"signed_by": "QA", "executed_at": "2027-11-01"}},
	"rr": {"kind": "risk_register", "sha256": "r", "source_uri": "file:risks.yaml", "valid_until": null, "attributes": {"risks": []}},
	"doc": {"kind": "declaration_of_conformity", "sha256": "d", "source_uri": "file:doc.pdf", "valid_until": null, "attributes": {}},
}

_good := object.union(_sections, _support)

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev, "classification": {"high_risk_route": "annex_i"}}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

_replace(ev, k, v) := object.union(object.remove(ev, [k]), {k: v})

test_all_points_pass if {
	fs := annex_iv.findings with input as _input(_good)
	count(fs) == 26
	[f.rule_id | some f in fs; f.status != "pass"] == []
}

test_all_points_fail_without_documentation if {
	fs := annex_iv.findings with input as _input({})
	count([f | some f in fs; f.status == "fail"; contains(f.message, "no technical documentation section found")]) == 26
}

test_unsplit_documentation_is_reported if {
	ev := {"td": {"kind": "technical_documentation", "sha256": "x", "source_uri": "file:td.pdf", "valid_until": null, "attributes": {}}}
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-4") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "not split into sections")
}

test_missing_point_fails if {
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-2-h") with input as _input(object.remove(_good, ["s2(h)"]))
	f.status == "fail"
	f.message == "technical documentation has no section for Annex IV point 2(h)"
}

test_placeholder_point_fails if {
	ev := _replace(_good, "s2(b)", _sec("2(b)", "TBD", 3))
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-2-b") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "placeholder")
	f.locations == [{"uri": "file:docs/technical.md", "line": 10}]
}

test_mandatory_point_cannot_be_not_applicable if {
	ev := _replace(_good, "s2(b)", _sec("2(b)", "Not applicable: we consider the design self-explanatory for all readers of it.", 300))
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-2-b") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "applies to every high-risk system")
}

test_conditional_point_reasoned_not_applicable_passes if {
	ev := _replace(_good, "s2(f)", _sec("2(f)", "Not applicable: the model is frozen after release and has no pre-determined changes.", 300))
	_by_id(annex_iv.findings, "AIACT-ANNEXIV-2-f").status == "pass" with input as _input(ev)
}

test_1f_not_applicable_for_annex_iii_without_section if {
	inp := object.union(_input(object.remove(_good, ["s1(f)"])), {"classification": {"high_risk_route": "annex_iii"}})
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-1-f") with input as inp
	f.status == "not_applicable"
	contains(f.message, "component of products")
}

test_1f_fails_for_annex_i_without_section if {
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-1-f") with input as _input(object.remove(_good, ["s1(f)"]))
	f.status == "fail"
}

test_1h_needs_instructions_for_use if {
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-1-h") with input as _input(object.remove(_good, ["ifu"]))
	f.status == "fail"
	contains(f.message, "no instructions for use found")
}

test_2g_needs_signed_reports if {
	ev := _replace(_good, "tr", {"kind": "test_report", "sha256": "t", "source_uri": "file:tr.yaml", "valid_until": null, "attributes": {"executed_at": "2027-11-01"}})
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-2-g") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "has no signed_by")
}

test_5_needs_register if {
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-5") with input as _input(object.remove(_good, ["rr"]))
	contains(f.message, "no risk register found")
}

test_8_needs_declaration if {
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-8") with input as _input(object.remove(_good, ["doc"]))
	f.status == "fail"
	contains(f.message, "no EU declaration of conformity found")
}

test_stale_sections_count_as_absent if {
	stale := {k: object.union(s, {"valid_until": "2028-01-01T00:00:00Z"}) | some k, s in _sections}
	f := _by_id(annex_iv.findings, "AIACT-ANNEXIV-6") with input as _input(object.union(stale, _support))
	f.status == "fail"
	contains(f.message, "stale")
}
