package aiact.art72_test

import data.aiact.art72
import rego.v1

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"post_market": "2027-12-02"}}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_s(kind, h, text) := {"kind": kind, "sha256": h, "source_uri": "file:pmm.md", "valid_until": null, "attributes": {"heading": h, "excerpt": text, "text_length": count(text)}}

_plan := {
	"a": _s("post_market_monitoring_plan.section", "Data collected", "Scores, decisions and outcomes of all applications."),
	"b": _s("post_market_monitoring_plan.section", "Metrics and thresholds", "PSI drift monthly, alert at 0.2."),
	"c": _s("post_market_monitoring_plan.section", "Deployer feedback", "Deployers report issues through the portal."),
	"d": _s("post_market_monitoring_plan.section", "Responsibilities", "Model Risk runs the review monthly."),
}

test_1_passes_and_fails if {
	_f(art72.findings, "AIACT-72-1").status == "pass" with input as _in(_plan)
	f := _f(art72.findings, "AIACT-72-1") with input as _in(object.remove(_plan, ["c"]))
	contains(f.message, "data provided by deployers")
}

test_3_passes_and_fails if {
	td := {"t": _s("technical_documentation.section", "9. Post-market monitoring (Annex IV 9)", "See the PMM plan PMM-1, attached in full here.")}
	_f(art72.findings, "AIACT-72-3").status == "pass" with input as _in(td)
	_f(art72.findings, "AIACT-72-3").status == "fail" with input as _in(_plan)
}

test_2_passes_and_fails if {
	ok := {"r": {"kind": "pmm_report", "sha256": "r", "source_uri": "file:r", "valid_until": null, "attributes": {"period_end": "2028-05-01"}}}
	_f(art72.findings, "AIACT-72-2").status == "pass" with input as _in(ok)
	old := {"r": {"kind": "pmm_report", "sha256": "r", "source_uri": "file:r", "valid_until": null, "attributes": {"period_end": "2027-12-01"}}}
	_f(art72.findings, "AIACT-72-2").status == "fail" with input as _in(old)
}
