package aiact.art53_test

import data.aiact.art53
import rego.v1

_in(ev, tiers, facts) := {"as_of": "2027-01-01T00:00:00Z", "scope": {"tiers": tiers, "roles": ["gpai_provider"], "dates": {"gpai": "2025-08-02"}},
	"classification": {"facts": facts}, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(id, kind, attrs) := {id: {"kind": kind, "sha256": id, "source_uri": sprintf("file:%s", [id]), "valid_until": null, "attributes": attrs}}

_xi := {k: "documented" | some k in ["tasks", "acceptable_use", "release_date", "architecture", "modalities", "licence", "training_process", "training_data", "compute", "energy"]}

_xii := {k: "documented" | some k in ["tasks", "acceptable_use", "release_date", "interaction", "software_versions", "architecture", "modalities", "licence", "integration", "training_data"]}

_good := object.union(object.union(object.union(object.union(
	_i("td", "gpai_technical_documentation", {"fields": _xi}),
	_i("dd", "gpai_downstream_documentation", {"fields": _xii})),
	_i("cp", "copyright_policy", {"owner": "Legal", "rightsholder_contact": "copyright@x", "honours_tdm_opt_out": true})),
	_i("ts", "training_content_summary", {"url": "https://x/summary", "template": "ai_office"})),
	_i("cop", "code_of_practice", {"signatory": true}))

test_all_pass if {
	fs := art53.findings with input as _in(_good, ["gpai"], {})
	every f in fs { f.status in {"pass", "not_applicable"} }
	_f(fs, "AIACT-53-2").status == "not_applicable"
}

test_all_fail_without_evidence if {
	fs := art53.findings with input as _in({}, ["gpai"], {})
	every f in [g | some g in fs; g.rule_id != "AIACT-53-2"] { f.status == "fail" }
}

test_systemic_needs_annex_xi_section_2 if {
	f := _f(art53.findings, "AIACT-53-1-a") with input as _in(_good, ["gpai", "gpai_systemic"], {})
	contains(f.message, "adversarial testing")
}

test_open_source_exemption if {
	facts := {"open_source_licence": true, "weights_public": true, "monetised": false}
	_f(art53.findings, "AIACT-53-1-a").status == "not_applicable" with input as _in({}, ["gpai"], facts)
	_f(art53.findings, "AIACT-53-2").status == "pass" with input as _in({}, ["gpai"], facts)
	_f(art53.findings, "AIACT-53-1-c").status == "fail" with input as _in({}, ["gpai"], facts)
}

test_open_source_claim_invalid_when_monetised if {
	facts := {"open_source_licence": true, "weights_public": true, "monetised": true}
	f := _f(art53.findings, "AIACT-53-2") with input as _in({}, ["gpai"], facts)
	contains(f.message, "monetised")
	_f(art53.findings, "AIACT-53-1-a").status == "fail" with input as _in({}, ["gpai"], facts)
}

test_copyright_and_summary_content if {
	ev := object.union(_i("cp", "copyright_policy", {"owner": "Legal"}), _i("ts", "training_content_summary", {"url": "http://x"}))
	fs := art53.findings with input as _in(ev, ["gpai"], {})
	contains(_f(fs, "AIACT-53-1-c").message, "text-and-data-mining")
	contains(_f(fs, "AIACT-53-1-d").message, "https")
}
