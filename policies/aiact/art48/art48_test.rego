package aiact.art48_test

import data.aiact.art48
import rego.v1

_in(ev) := {"as_of": "2028-06-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"conformity": "2027-12-02"}}, "evidence": ev}

_ce(attrs) := {"ce": {"kind": "ce_marking", "sha256": "ce", "source_uri": "file:ce.png", "valid_until": null, "attributes": attrs}}

_nb := {"ca": {"kind": "conformity_assessment", "sha256": "c", "source_uri": "file:ca", "valid_until": null, "attributes": {"route": "annex_vii", "certificate": {"notified_body": {"number": "1234"}}}}}

test_passes if {
	art48.findings[_].status == "pass" with input as _in(_ce({"location": "digital_interface"}))
	art48.findings[_].status == "pass" with input as _in(object.union(_nb, _ce({"location": "system", "notified_body_number": "1234"})))
}

test_fails if {
	art48.findings[_].status == "fail" with input as _in({})
	some f in art48.findings with input as _in(object.union(_nb, _ce({"location": "website footer"})))
	contains(f.message, "website footer")
	contains(f.message, "number 1234")
}
