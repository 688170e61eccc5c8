package aiact.art27_test

import data.aiact.art27
import rego.v1

_in(ev, provs, facts) := {
	"as_of": "2028-06-01T00:00:00Z",
	"scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}},
	"classification": {"facts": facts, "triggering_provisions": [{"id": p} | some p in provs]},
	"evidence": ev,
}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_text := "A substantive paragraph describing this element of the assessment in detail."

_sec(x) := {"kind": "fria.section", "sha256": x, "source_uri": "file:fria.md", "valid_until": null,
	"attributes": {"heading": sprintf("Part (Art 27(1)(%s))", [x]), "excerpt": _text, "text_length": 300, "completed_at": "2028-01-05", "notified_msa_at": "2028-01-10"}}

_all := {x: _sec(x) | some x in ["a", "b", "c", "d", "e", "f"]}

test_credit_scoring_deployer_passes if {
	fs := art27.findings with input as _in(_all, ["annex3.5.b"], {"first_use_at": "2028-01-15"})
	every f in fs { f.status == "pass" }
}

test_fails_on_missing_section if {
	f := _f(art27.findings, "AIACT-27-1") with input as _in(object.remove(_all, ["f"]), ["annex3.5.b"], {})
	f.status == "fail"
	contains(f.message, "Art 27(1)(f)")
}

test_fails_without_fria if {
	f := _f(art27.findings, "AIACT-27-1") with input as _in({}, ["annex3.5.c"], {})
	contains(f.message, "no fundamental rights impact assessment found")
}

test_fails_when_completed_after_first_use if {
	f := _f(art27.findings, "AIACT-27-3") with input as _in(_all, [], {"deployer_is_public_body_or_public_service": true, "first_use_at": "2027-12-15"})
	contains(f.message, "after first use")
}

test_not_applicable_for_private_hr_deployer if {
	f := _f(art27.findings, "AIACT-27-1") with input as _in({}, ["annex3.4.a"], {})
	f.status == "not_applicable"
}

test_not_applicable_for_critical_infrastructure if {
	f := _f(art27.findings, "AIACT-27-1") with input as _in({}, ["annex3.2.main"], {"deployer_is_public_body_or_public_service": true})
	contains(f.message, "Annex III point 2")
}

test_carve_out_does_not_bind if {
	inp := _in({}, [], {})
	provs := {"classification": {"facts": {}, "triggering_provisions": [{"id": "annex3.5.b", "qualifier": "exclusion"}]}}
	_f(art27.findings, "AIACT-27-1").status == "not_applicable" with input as object.union(inp, provs)
}
