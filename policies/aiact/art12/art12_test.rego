package aiact.art12_test

import data.aiact.art12
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_complete := {f: 1.0 | some f in ["timestamp", "event_type", "model_version", "request_id", "output", "deployer_id", "session_start", "session_end", "reference_database", "input_data", "verified_by"]}

_stream(attrs) := {"logs": {
	"kind": "log_stream", "sha256": "l", "source_uri": "file:logs/inference.jsonl", "valid_until": null,
	"attributes": object.union(object.remove({
		"period_start": "2027-12-01T00:00:00Z", "period_end": "2028-02-29T23:00:00Z", "record_count": 120000,
		"field_completeness": _complete, "gaps": [], "malformed_lines": [], "hash_chained": true,
	}, object.keys(attrs)), attrs),
}}

_input(ev, provisions) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev, "classification": {"triggering_provisions": provisions}}

_rbi := [{"id": "annex3.1.a"}]

_credit := [{"id": "annex3.5.b"}]

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

test_all_pass_for_rbi if {
	fs := art12.findings with input as _input(_stream({}), _rbi)
	count(fs) == 8
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_rbi_items_not_applicable_for_credit_scoring if {
	fs := art12.findings with input as _input(_stream({}), _credit)
	f := _by_id(fs, "AIACT-12-3-d")
	f.status == "not_applicable"
	contains(f.message, "remote biometric identification")
	_by_id(fs, "AIACT-12-2-a").status == "pass"
}

test_no_logs_fail if {
	fs := art12.findings with input as _input({}, _rbi)
	count([f | some f in fs; f.status == "fail"; contains(f.message, "no log stream found")]) == 8
}

test_12_1_fails_on_silence_gaps_and_malformed if {
	ev := _stream({"period_end": "2028-02-01T00:00:00Z", "gaps": [{"start": "2028-01-10T00:00:00Z", "end": "2028-01-12T00:00:00Z"}, {"start": "2028-01-20T00:00:00Z", "end": "2028-01-20T02:00:00Z"}], "malformed_lines": [17, 942]})
	f := _by_id(art12.findings, "AIACT-12-1") with input as _input(ev, _credit)
	f.status == "fail"
	contains(f.message, "ends on 2028-02-01")
	contains(f.message, "1 gap(s) longer than 24 hours, e.g. 2028-01-10T00:00:00Z to 2028-01-12T00:00:00Z")
	contains(f.message, "2 malformed record(s) (lines 17, 942)")
	{"uri": "file:logs/inference.jsonl", "line": 942} in f.locations
}

test_12_1_fails_on_empty_stream if {
	f := _by_id(art12.findings, "AIACT-12-1") with input as _input(_stream({"record_count": 0}), _credit)
	contains(f.message, "holds no records")
}

test_12_2_a_fails_on_incomplete_field if {
	fc := object.union(_complete, {"model_version": 0.875})
	f := _by_id(art12.findings, "AIACT-12-2-a") with input as _input(_stream({"field_completeness": fc}), _credit)
	f.status == "fail"
	contains(f.message, "field model_version is present in 87.5% of 120000 records (at least 100% required)")
}

test_12_2_c_fails_on_absent_field if {
	fc := object.remove(_complete, ["deployer_id"])
	f := _by_id(art12.findings, "AIACT-12-2-c") with input as _input(_stream({"field_completeness": fc}), _credit)
	contains(f.message, "no record carries field deployer_id")
}

test_12_2_fields_are_configurable if {
	fc := object.remove(_complete, ["deployer_id"])
	inp := object.union(_input(_stream({"field_completeness": fc}), _credit), {"config": {"art12_log_fields": {"a": ["timestamp"], "b": ["timestamp"], "c": ["timestamp", "request_id"]}}})
	_by_id(art12.findings, "AIACT-12-2-c").status == "pass" with input as inp
}

test_12_3_d_fails_without_verifier if {
	fc := object.union(_complete, {"verified_by": 0.5})
	f := _by_id(art12.findings, "AIACT-12-3-d") with input as _input(_stream({"field_completeness": fc}), _rbi)
	f.status == "fail"
	contains(f.message, "verified_by (field verified_by) is present in 50%")
}

# The logs collector's own shapes: per-field counts, gaps with seconds, malformed [{line, reason}],
# and the Art 12(3) mapping (art12_fields / art12_present).
_collected(attrs) := {"logs": {
	"kind": "log_stream", "sha256": "l", "source_uri": "logs/rbi.jsonl", "valid_until": null,
	"attributes": object.union({
		"record_count": 200, "period_start": "2028-01-01T00:00:00Z", "period_end": "2028-02-29T12:00:00Z",
		"fields": {f: {"present": 200, "empty": 0, "missing": 0} | some f in ["timestamp", "event_type", "model_version", "request_id", "output", "deployer_id"]},
		"gap_count": 0, "largest_gap_seconds": 0, "gaps": [], "malformed_count": 0, "malformed": [],
		"art12_fields": {"period_start": "start", "period_end": "end", "reference_database": "db", "input_data": "probe", "verified_by": "officer"},
		"art12_present": {"period_start": 200, "period_end": 200, "reference_database": 200, "input_data": 200, "verified_by": 200},
	}, attrs),
}}

test_collector_shapes_pass if {
	fs := art12.findings with input as _input(_collected({}), _rbi)
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_collector_field_counts if {
	fields := {"timestamp": {"present": 200, "empty": 0}, "event_type": {"present": 200, "empty": 50}, "model_version": {"present": 200, "empty": 0}}
	f := _by_id(art12.findings, "AIACT-12-2-a") with input as _input(_collected({"fields": fields}), _credit)
	f.status == "fail"
	contains(f.message, "field event_type is present in 75% of 200 records")
}

test_collector_gaps_and_malformed if {
	ev := _collected({"gap_count": 1, "largest_gap_seconds": 172800, "gaps": [{"after_line": 10, "before_line": 11, "from": "2028-01-05T00:00:00Z", "to": "2028-01-07T00:00:00Z", "seconds": 172800}], "malformed_count": 3, "malformed": [{"line": 5, "reason": "not JSON"}]})
	f := _by_id(art12.findings, "AIACT-12-1") with input as _input(ev, _credit)
	contains(f.message, "1 gap(s) longer than 24 hours, e.g. 2028-01-05T00:00:00Z to 2028-01-07T00:00:00Z")
	contains(f.message, "3 malformed record(s) (lines 5)")
}

test_collector_rbi_mapping if {
	ev := _collected({"art12_present": {"period_start": 200, "period_end": 200, "reference_database": 120, "input_data": 200, "verified_by": 200}})
	f := _by_id(art12.findings, "AIACT-12-3-b") with input as _input(ev, _rbi)
	f.status == "fail"
	contains(f.message, "reference_database (field db) is present in 60% of 200 records")
}
