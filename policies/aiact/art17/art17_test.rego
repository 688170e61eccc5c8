package aiact.art17_test

import data.aiact.art17
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_sec(x, text) := {
	"kind": "qms_procedure.section", "sha256": sprintf("h%s", [x]), "source_uri": "file:docs/qms.md", "valid_until": null,
	"attributes": {"heading": sprintf("Point (Art 17(1)(%s))", [x]), "excerpt": text, "text_length": count(text), "line": 3},
}

_text := "A documented, approved procedure with named steps, owners and records."

_all := {sprintf("s%s", [x]): _sec(x, _text) | some x in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"]}

_manual := {"qms": {"kind": "qms_procedure", "sha256": "m", "source_uri": "file:docs/qms.md", "valid_until": null,
	"attributes": {"title": "QMS", "owner": "Head of Quality", "reviewed_at": "2027-11-01"}}}

test_every_point_passes_with_full_qms if {
	fs := art17.findings with input as _in(object.union(_all, _manual))
	every f in fs { f.status == "pass" }
	count(fs) == 14
}

test_every_point_fails_without_qms if {
	fs := art17.findings with input as _in({})
	every f in fs { f.status == "fail"; contains(f.message, "no quality management system documentation found") }
}

test_missing_point_fails if {
	ev := object.remove(_all, ["se"])
	f := _f(art17.findings, "AIACT-17-1-e") with input as _in(ev)
	f.status == "fail"
	contains(f.message, "has no section for Art 17(1)(e)")
	_f(art17.findings, "AIACT-17-1-d").status == "pass" with input as _in(ev)
}

test_placeholder_point_fails if {
	ev := object.union(_all, {"sm": _sec("m", "TBD")})
	f := _f(art17.findings, "AIACT-17-1-m") with input as _in(ev)
	f.status == "fail"
	contains(f.message, "empty or a placeholder")
}

test_thin_point_fails if {
	ev := object.union(_all, {"sg": _sec("g", "Procedure QMS-RM-01.")})
	_f(art17.findings, "AIACT-17-1-g").status == "fail" with input as _in(ev)
}

test_label_attribute_counts if {
	sec := {"kind": "qms_procedure", "sha256": "x", "source_uri": "file:q.md", "valid_until": null,
		"attributes": {"heading": "Accountability", "points": ["art17.1.m"], "excerpt": _text, "text_length": 200}}
	_f(art17.findings, "AIACT-17-1-m").status == "pass" with input as _in({"x": sec})
}

test_financial_institution_deemed_compliant_except_g_h_i if {
	inp := object.union(_in({"x": _sec("g", _text)}), {"classification": {"facts": {"financial_institution": true}}})
	_f(art17.findings, "AIACT-17-1-a").status == "not_applicable" with input as inp
	_f(art17.findings, "AIACT-17-1-g").status == "pass" with input as inp
	_f(art17.findings, "AIACT-17-1-h").status == "fail" with input as inp
}

test_control_fails_on_old_review if {
	old := {"qms": object.union(_manual.qms, {"attributes": {"owner": "Q", "reviewed_at": "2025-01-01"}})}
	f := _f(art17.findings, "AIACT-17-1") with input as _in(object.union(_all, old))
	f.status == "fail"
	contains(f.message, "last reviewed more than 365 days")
}

test_control_fails_without_owner if {
	f := _f(art17.findings, "AIACT-17-1") with input as _in(_all)
	contains(f.message, "names no owner")
}

test_stale_qms_counts_as_absent if {
	stale := {k: object.union(v, {"valid_until": "2028-01-01T00:00:00Z"}) | some k, v in _all}
	f := _f(art17.findings, "AIACT-17-1-a") with input as _in(stale)
	f.status == "fail"
	contains(f.message, "stale")
}
