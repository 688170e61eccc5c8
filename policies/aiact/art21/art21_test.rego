package aiact.art21_test

import data.aiact.art21
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": _scope, "evidence": ev}

_p(attrs) := {"p": {"kind": "procedure", "sha256": "p", "source_uri": "file:req.md", "valid_until": null, "attributes": object.union({"topic": "authority_requests"}, attrs)}}

test_passes if {
	art21.findings[_].status == "pass" with input as _in(_p({"languages": ["en", "fr"], "log_export_tested_at": "2028-02-01"}))
}

test_fails_without_procedure if {
	art21.findings[_].status == "fail" with input as _in({})
}

test_fails_without_eu_language if {
	some f in art21.findings with input as _in(_p({"languages": ["ja"], "log_export_tested_at": "2028-02-01"}))
	contains(f.message, "no official Union language")
}

test_fails_on_untested_log_export if {
	some f in art21.findings with input as _in(_p({"languages": ["en"]}))
	contains(f.message, "has not been tested")
}
