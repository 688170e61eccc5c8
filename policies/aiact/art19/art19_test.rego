package aiact.art19_test

import data.aiact.art19
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": _scope, "evidence": ev}

_f(fs, id) := [f | some f in fs; f.rule_id == id][0]

_cfg(days) := {"c": {"kind": "log_retention_config", "sha256": "c", "source_uri": "file:r.yaml", "valid_until": null, "attributes": {"content": {"retention_days": days, "store": "s3://logs"}}}}

_stream(start, gaps) := {"l": {"kind": "log_stream", "sha256": "l", "source_uri": "file:logs/x.jsonl", "valid_until": null,
	"attributes": {"period_start": start, "period_end": "2028-05-31T23:00:00Z", "record_count": 1000, "largest_gap_seconds": gaps}}}

test_config_passes if {
	_f(art19.findings, "AIACT-19-1").status == "pass" with input as _in(_cfg(365))
}

test_config_fails_under_six_months if {
	f := _f(art19.findings, "AIACT-19-1") with input as _in(_cfg(90))
	f.status == "fail"
	contains(f.message, "is 90 days")
}

test_config_missing_fails if {
	f := _f(art19.findings, "AIACT-19-1") with input as _in({})
	contains(f.message, "no log retention configuration")
}

test_held_passes if {
	_f(art19.findings, "AIACT-19-1-held").status == "pass" with input as _in(_stream("2027-10-01T00:00:00Z", 3600))
}

test_held_fails_when_records_too_recent if {
	f := _f(art19.findings, "AIACT-19-1-held") with input as _in(_stream("2028-03-01T00:00:00Z", 3600))
	f.status == "fail"
	contains(f.message, "holds records from 2028-03-01T00:00:00Z only (92 days")
}

test_held_fails_on_gaps if {
	f := _f(art19.findings, "AIACT-19-1-held") with input as _in(_stream("2027-10-01T00:00:00Z", 864000))
	contains(f.message, "gap of 10 days")
}

test_held_uses_in_service_date if {
	inp := object.union(_in(_stream("2028-03-01T00:00:00Z", 3600)), {"classification": {"facts": {"in_service_since": "2028-03-01"}}})
	_f(art19.findings, "AIACT-19-1-held").status == "pass" with input as inp
}
