package aiact.art22_test

import data.aiact.art22
import rego.v1

_scope := {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_in(ev, facts) := {"as_of": "2028-06-01T00:00:00Z", "scope": _scope, "evidence": ev, "classification": {"facts": facts}}

_m(tasks, country) := {"m": {"kind": "authorised_representative_mandate", "sha256": "m", "source_uri": "file:mandate.pdf", "valid_until": null,
	"attributes": {"tasks": tasks, "representative": {"name": "EU Rep GmbH", "country": country}, "signed_at": "2027-06-01"}}}

test_passes_for_non_eu_provider_with_mandate if {
	art22.findings[_].status == "pass" with input as _in(_m(["a", "b", "c", "d", "e"], "DE"), {"provider_country": "US"})
}

test_fails_without_mandate if {
	some f in art22.findings with input as _in({}, {"provider_established_in_eu": false})
	f.status == "fail"
}

test_fails_on_missing_task_and_non_eu_representative if {
	some f in art22.findings with input as _in(_m(["a", "b"], "CH"), {"provider_country": "US"})
	contains(f.message, "task(s) c, d, e")
	contains(f.message, "not established in a Member State")
}

test_not_applicable_for_eu_provider if {
	some f in art22.findings with input as _in({}, {"provider_country": "LU"})
	f.status == "not_applicable"
}
