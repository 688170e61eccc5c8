package aiact.art47_test

import data.aiact.art47
import rego.v1

_texts := {
	1: "CreditLens 2.3.0, consumer credit scoring; unique reference CL-2.3.0.",
	2: "Northwind Bank S.A., 12 rue de la Gare, L-1611 Luxembourg.",
	3: "This declaration is issued under the sole responsibility of the provider.",
	4: "The AI system is in conformity with Regulation (EU) 2024/1689.",
	5: "Complies with Regulation (EU) 2016/679, Regulation (EU) 2018/1725 and Directive (EU) 2016/680.",
	6: "None applied; common specifications not available; see technical documentation section 7.",
	7: "Notified body TÜV AI, number 1234, Annex VII, certificate C-1.",
	8: "Luxembourg, 2027-12-20. Jane Roe, Chief Risk Officer, for Northwind Bank S.A. Signed.",
}

_sec(n, text) := {"kind": "declaration_of_conformity.section", "sha256": sprintf("d%d", [n]), "source_uri": "file:doc.md", "valid_until": null,
	"attributes": {"heading": sprintf("Item (Annex V %d)", [n]), "excerpt": text, "text_length": count(text), "line": n}}

_all := {sprintf("s%d", [n]): _sec(n, t) | some n, t in _texts}

_in(ev) := {
	"as_of": "2028-06-01T00:00:00Z",
	"scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"conformity": "2027-12-02"}},
	"system": {"name": "CreditLens", "version": "2.3.0", "provider": "Northwind Bank S.A. (Luxembourg)"},
	"classification": {"facts": {"processes_personal_data": true}},
	"evidence": ev,
}

_nb := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca", "valid_until": null, "attributes": {"route": "annex_vii", "certificate": {"notified_body": {"number": "1234"}}}}}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

test_every_item_passes if {
	fs := art47.findings with input as _in(object.union(_all, _nb))
	every f in fs { f.status == "pass" }
	count(fs) == 8
}

test_every_item_fails_without_declaration if {
	fs := art47.findings with input as _in(_nb)
	every f in fs { f.status == "fail" }
}

test_7_not_applicable_without_notified_body if {
	_f(art47.findings, "AIACT-47-V-7").status == "not_applicable" with input as _in(_all)
}

test_content_checks_fail if {
	bad := object.union(_all, {
		"s1": _sec(1, "CreditLens 1.0, consumer credit scoring."),
		"s3": _sec(3, "The provider stands behind this system."),
		"s5": _sec(5, "Complies with the GDPR and nothing else stated."),
		"s8": _sec(8, "Luxembourg, (to be signed)."),
	})
	fs := art47.findings with input as _in(object.union(bad, _nb))
	contains(_f(fs, "AIACT-47-V-1").message, "2.3.0")
	contains(_f(fs, "AIACT-47-V-3").message, "sole responsibility")
	contains(_f(fs, "AIACT-47-V-5").message, "2018/1725")
	contains(_f(fs, "AIACT-47-V-8").message, "not signed")
}

test_missing_item_fails if {
	f := _f(art47.findings, "AIACT-47-V-6") with input as _in(object.remove(_all, ["s6"]))
	contains(f.message, "no section for Annex V point 6")
}

test_wrong_notified_body_number_fails if {
	nb := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca", "valid_until": null, "attributes": {"route": "annex_vii", "certificate": {"notified_body": {"number": "9999"}}}}}
	contains(_f(art47.findings, "AIACT-47-V-7").message, "9999") with input as _in(object.union(_all, nb))
}
