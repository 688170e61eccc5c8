package aiact.art26_test

import data.aiact.art26
import rego.v1

_facts := {
	"workplace_or_education": true, "deployer_is_public_body_or_public_service": true, "processes_personal_data": true,
	"remote_biometric_identification": "post", "law_enforcement_use": true, "first_use_at": "2028-01-15",
	"decides_or_assists_decisions_on_natural_persons": true,
}

_in(ev) := _in_facts(ev, _facts)

_in_facts(ev, facts) := {
	"as_of": "2028-06-01T00:00:00Z",
	"scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}},
	"classification": {"facts": facts, "triggering_provisions": [{"id": "annex3.4.a"}]},
	"evidence": ev,
}

_set(ev, k, v) := object.union(object.remove(ev, [k]), {k: v})

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_i(kind, attrs) := {"kind": kind, "sha256": kind, "source_uri": sprintf("file:%s", [kind]), "valid_until": null, "attributes": attrs}

_good := {
	"dp": _i("procedure", {"topic": "deployment", "ifu_version": "2.3"}),
	"ifu": _i("instructions_for_use", {"version": "2.3"}),
	"ov": _i("oversight_assignment", {"person": "A. Martin", "authority_to_override": true}),
	"lit": _i("literacy_record", {"person": "A. Martin", "completed_at": "2027-12-01"}),
	"idc": _i("input_data_check", {"relevant": true, "representative": true, "checked_at": "2028-05-01"}),
	"mon": _i("monitoring_record", {"period_end": "2028-05-15"}),
	"inc": _i("incident", {"id": "I1", "serious": true, "aware_at": "2028-02-01T10:00:00Z", "provider_informed_at": "2028-02-01T15:00:00Z"}),
	"lrc": _i("log_retention_config", {"retention_days": 200}),
	"ls": _i("log_stream", {"period_start": "2027-11-01T00:00:00Z", "gaps": []}),
	"wi": _i("worker_information", {"recipients": ["workers_representatives", "affected_workers"], "informed_at": "2028-01-02"}),
	"reg": _i("eu_database_registration", {"section": "C", "fields": {"1": "x", "3": "https://db.example/eu/123"}}),
	"dpia": _i("dpia", {"uses_provider_information": true}),
	"rbi": _i("rbi_use", {"id": "U1", "used_at": "2028-03-01T10:00:00Z", "authorisation_requested_at": "2028-03-02T09:00:00Z", "authorisation": "granted", "police_file_ref": "PF-1"}),
	"n": _i("notice_to_affected_persons", {"delivery": "shown in the loan application form"}),
	"att": _i("attestation", {"by": "DPO", "at": "2028-05-01", "catalogue_ids": ["art26.12"], "statement": "ok"}),
}

test_every_rule_passes_on_good_evidence if {
	fs := art26.findings with input as _in(_good)
	every f in fs { f.status == "pass" }
	count(fs) == 11
}

test_every_rule_fails_or_is_manual_without_evidence if {
	fs := art26.findings with input as _in({})
	# 26(10) judges recorded uses; no use recorded is not itself a failure
	every f in [g | some g in fs; g.rule_id != "AIACT-26-10"] { f.status in {"fail", "manual"} }
	count([f | some f in fs; f.status == "fail"]) == 9
}

test_1_fails_on_ifu_version_mismatch if {
	ev := _set(_good, "dp", _i("procedure", {"topic": "deployment", "ifu_version": "1.0"}))
	contains(_f(art26.findings, "AIACT-26-1").message, "version \"1.0\"") with input as _in(ev)
}

test_2_fails_without_authority_or_training if {
	ev := _set(object.remove(_good, ["lit"]), "ov", _i("oversight_assignment", {"person": "B"}))
	f := _f(art26.findings, "AIACT-26-2") with input as _in(ev)
	contains(f.message, "no recorded authority")
	contains(f.message, "no training record")
}

test_4_not_applicable_without_input_control if {
	facts := object.union(_facts, {"deployer_controls_input_data": false})
	_f(art26.findings, "AIACT-26-4").status == "not_applicable" with input as _in_facts({}, facts)
}

test_4_fails_on_unrepresentative_data if {
	ev := _set(_good, "idc", _i("input_data_check", {"relevant": true, "checked_at": "2028-05-01"}))
	contains(_f(art26.findings, "AIACT-26-4").message, "representative") with input as _in(ev)
}

test_5_fails_on_late_provider_notice if {
	ev := _set(_good, "inc", _i("incident", {"id": "I1", "serious": true, "aware_at": "2028-02-01T10:00:00Z", "provider_informed_at": "2028-02-05T10:00:00Z"}))
	contains(_f(art26.findings, "AIACT-26-5").message, "informed 96 hours") with input as _in(ev)
}

test_6_fails_on_short_retention if {
	ev := _set(_good, "lrc", _i("log_retention_config", {"retention_days": 30}))
	_f(art26.findings, "AIACT-26-6").status == "fail" with input as _in(ev)
}

test_7_fails_when_informed_after_first_use if {
	ev := _set(_good, "wi", _i("worker_information", {"recipients": ["affected_workers"], "informed_at": "2028-02-01"}))
	f := _f(art26.findings, "AIACT-26-7") with input as _in(ev)
	contains(f.message, "after first use")
	contains(f.message, "workers_representatives")
}

test_7_not_applicable_outside_workplace if {
	inp := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["deployer"], "dates": {"high_risk": "2027-12-02"}}, "classification": {"facts": {}}, "evidence": {}}
	_f(art26.findings, "AIACT-26-7").status == "not_applicable" with input as inp
	_f(art26.findings, "AIACT-26-8").status == "not_applicable" with input as inp
	_f(art26.findings, "AIACT-26-11").status == "not_applicable" with input as inp
}

test_8_fails_without_provider_reference if {
	ev := _set(_good, "reg", _i("eu_database_registration", {"section": "C", "fields": {"1": "x"}}))
	contains(_f(art26.findings, "AIACT-26-8").message, "C.3") with input as _in(ev)
}

test_9_fails_without_provider_information if {
	ev := _set(_good, "dpia", _i("dpia", {}))
	_f(art26.findings, "AIACT-26-9").status == "fail" with input as _in(ev)
}

test_10_fails_on_late_authorisation_and_refusal_without_deletion if {
	ev := _set(_good, "rbi", _i("rbi_use", {"id": "U2", "used_at": "2028-03-01T10:00:00Z", "authorisation_requested_at": "2028-03-05T10:00:00Z", "authorisation": "refused"}))
	f := _f(art26.findings, "AIACT-26-10") with input as _in(ev)
	contains(f.message, "96 hours after use")
	contains(f.message, "not stopped")
	contains(f.message, "police file")
}

test_11_fails_without_delivery if {
	ev := _set(_good, "n", _i("notice_to_affected_persons", {}))
	_f(art26.findings, "AIACT-26-11").status == "fail" with input as _in(ev)
}
