package aiact.art9_test

import data.aiact.art9
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_register(risks) := {"rr": {
	"kind": "risk_register", "sha256": "aa", "source_uri": "file:risks.yaml", "valid_until": null,
	"attributes": {"risks": risks},
}}

_good := [
	{"id": "R1", "category": "health", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
	{"id": "R2", "category": "safety", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
	{"id": "R3", "category": "fundamental_rights", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
]

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

test_9_2_a_passes_with_all_categories if {
	_by_id(art9.findings, "AIACT-9-2-a").status == "pass" with input as _input(_register(_good))
}

test_9_2_a_fails_without_register if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input({})
	f.status == "fail"
	contains(f.message, "no risk register found")
}

test_9_2_a_fails_on_missing_category if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input(_register(array.slice(_good, 0, 2)))
	f.status == "fail"
	contains(f.message, "fundamental_rights")
}

test_9_2_d_passes if {
	_by_id(art9.findings, "AIACT-9-2-d").status == "pass" with input as _input(_register(_good))
}

test_9_2_d_fails_on_old_review if {
	old := array.concat(_good, [{"id": "R4", "category": "health", "mitigation": "m", "owner": "o", "review_date": "2020-01-01"}])
	f := _by_id(art9.findings, "AIACT-9-2-d") with input as _input(_register(old))
	f.status == "fail"
	contains(f.message, "R4 was last reviewed on 2020-01-01")
}

test_9_2_d_fails_on_missing_owner if {
	bad := [{"id": "R9", "category": "health", "mitigation": "m", "review_date": "2028-01-01"}]
	f := _by_id(art9.findings, "AIACT-9-2-d") with input as _input(_register(bad))
	contains(f.message, "R9 has no owner")
}

test_not_applicable_for_minimal if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": {}, "scope": {"tiers": ["minimal", "all_ai_systems"], "roles": ["provider"], "dates": {}}}
	f.status == "not_applicable"
}

test_not_yet_applicable_before_date if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2026-11-26T00:00:00Z", "evidence": {}, "scope": _scope}
	f.status == "not_yet_applicable"
	f.applies_from == "2027-12-02"
}

test_not_applicable_for_deployer if {
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": {}, "scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}}}
	f.status == "not_applicable"
	contains(f.message, "binds provider")
}

test_stale_register_counts_as_absent if {
	stale := {"rr": object.union(_register(_good).rr, {"valid_until": "2027-01-01T00:00:00Z"})}
	f := _by_id(art9.findings, "AIACT-9-2-a") with input as _input(stale)
	f.status == "fail"
	contains(f.message, "stale")
}

# --- full fixture for the Art 9(1)-(10) rules ------------------------------------------------

_risks_full := [
	{"id": "R1", "category": "health", "likelihood": "low", "severity": "high", "scenario": "intended_use", "mitigation": "m", "owner": "o", "review_date": "2028-01-01", "residual_risk": "low", "references": ["INC-1"]},
	{"id": "R2", "category": "safety", "likelihood": "low", "severity": "medium", "scenario": "foreseeable_misuse", "mitigation": "m", "owner": "o", "review_date": "2028-01-01", "residual_risk": "low", "references": ["PMM-7"]},
	{"id": "R3", "category": "fundamental_rights", "likelihood": "medium", "severity": "high", "scenario": "intended_use", "mitigation": "m", "owner": "o", "review_date": "2028-01-01", "residual_risk": "medium", "affected_groups": ["minors"]},
]

_item(kind, uri, attrs) := {"kind": kind, "sha256": concat("", ["h-", uri]), "source_uri": uri, "valid_until": null, "attributes": attrs}

_full := {
	"rr": _item("risk_register", "file:risks.yaml", {"risks": _risks_full, "reviewed_at": "2028-02-01", "acceptance_criteria": "residual risk at most medium"}),
	"plan": _item("risk_management_plan", "file:rmp.yaml", {"owner": "Head of Risk", "lifecycle_stages": ["design", "development", "post_market"], "review_cadence_days": 90}),
	"inc": _item("incident", "file:incidents.csv", {"id": "INC-1", "detected_at": "2028-01-15"}),
	"pmm": _item("pmm_report", "file:pmm-q4.yaml", {"date": "2028-01-20", "findings": [{"id": "PMM-7"}]}),
	"appr": _item("approval", "file:approvals.yaml", {"subject": "residual_risk", "by": "CRO", "role": "Chief Risk Officer", "at": "2028-02-02", "decision": "approved"}),
	"tp": _item("test_plan", "file:test-plan.yaml", {"approved_at": "2027-10-01", "metrics": [{"name": "auc", "threshold": 0.8, "direction": "min"}, {"name": "fpr_gap", "threshold": 0.05, "direction": "max"}]}),
	"tr": _item("test_report", "file:test-report.yaml", {"executed_at": "2027-11-01", "signed_by": "QA lead", "results": {"AUC": 0.84, "fpr_gap": 0.03}}),
	"att": _item("attestation", "file:att.yaml", {"by": "Jane Roe", "at": "2028-01-05", "catalogue_ids": ["art9.10"], "statement": "Art 9 runs stand-alone"}),
}

_without(ev, k) := object.remove(ev, [k])

_with_attrs(ev, k, attrs) := object.union(object.remove(ev, [k]), {k: object.union(
	object.remove(ev[k], ["attributes"]),
	{"attributes": object.union(object.remove(ev[k].attributes, object.keys(attrs)), attrs)},
)})

test_full_fixture_passes_all if {
	fs := art9.findings with input as _input(_full)
	bad := [[f.rule_id, f.message] | some f in fs; f.status != "pass"]
	bad == []
}

test_9_1_fails_without_plan if {
	f := _by_id(art9.findings, "AIACT-9-1") with input as _input(_without(_full, "plan"))
	f.status == "fail"
	contains(f.message, "no risk management plan found")
}

test_9_1_fails_on_missing_post_market_stage_and_stale_review if {
	ev := _with_attrs(_with_attrs(_full, "plan", {"lifecycle_stages": ["development"]}), "rr", {"reviewed_at": "2027-09-01"})
	f := _by_id(art9.findings, "AIACT-9-1") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "does not cover lifecycle stages: post_market")
	contains(f.message, "more than 90 days")
}

test_9_2_b_fails_without_misuse_and_ratings if {
	risks := [object.remove(r, ["likelihood"]) | some r in _risks_full; r.scenario == "intended_use"]
	f := _by_id(art9.findings, "AIACT-9-2-b") with input as _input(_with_attrs(_full, "rr", {"risks": risks}))
	f.status == "fail"
	contains(f.message, "foreseeable misuse")
	contains(f.message, "R1 has no likelihood rating")
}

test_9_2_c_fails_on_untraced_incident if {
	ev := object.union(_full, {"inc2": _item("incident", "file:incidents.csv#2", {"id": "INC-2", "detected_at": "2028-02-20"})})
	f := _by_id(art9.findings, "AIACT-9-2-c") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "incident INC-2 is not referenced")
	contains(f.message, "before the latest post-market data of 2028-02-20")
}

test_9_5_fails_without_signoff_and_on_unacceptable if {
	risks := array.concat(_risks_full, [{"id": "R4", "residual_risk": "unacceptable"}])
	ev := _with_attrs(_without(_full, "appr"), "rr", {"risks": risks})
	f := _by_id(art9.findings, "AIACT-9-5") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "R4 has an unacceptable residual risk")
	contains(f.message, "no approval accepting the residual risks")
}

test_9_6_8_fails_on_threshold_and_late_plan if {
	ev := _with_attrs(_with_attrs(_full, "tr", {"results": {"auc": 0.75, "fpr_gap": 0.03}}), "tp", {"approved_at": "2027-12-01"})
	f := _by_id(art9.findings, "AIACT-9-6-8") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "metric auc = 0.75")
	contains(f.message, "thresholds were not defined in advance")
}

test_9_6_8_fails_on_missing_result_and_signature if {
	ev := _with_attrs(_full, "tr", {"results": {"auc": 0.9}, "signed_by": ""})
	f := _by_id(art9.findings, "AIACT-9-6-8") with input as _input(ev)
	contains(f.message, "no test report gives a result for planned metric fpr_gap")
	contains(f.message, "has no signed_by")
}

test_9_9_fails_without_minors if {
	risks := [object.remove(r, ["affected_groups"]) | some r in _risks_full]
	f := _by_id(art9.findings, "AIACT-9-9") with input as _input(_with_attrs(_full, "rr", {"risks": risks}))
	f.status == "fail"
	contains(f.message, "persons under 18")
}

test_9_9_passes_with_register_statement if {
	risks := [object.remove(r, ["affected_groups"]) | some r in _risks_full]
	ev := _with_attrs(_full, "rr", {"risks": risks, "vulnerable_groups": {"minors": "Applicants must be adults; no impact on minors expected."}})
	_by_id(art9.findings, "AIACT-9-9").status == "pass" with input as _input(ev)
}

test_9_10_manual_without_attestation if {
	f := _by_id(art9.findings, "AIACT-9-10") with input as _input(_without(_full, "att"))
	f.status == "manual"
	contains(f.message, "kind attestation")
}
