package aiact.art54_test

import data.aiact.art54
import rego.v1

_in(ev, facts) := {"as_of": "2027-01-01T00:00:00Z", "scope": {"tiers": ["gpai"], "roles": ["gpai_provider"], "dates": {"gpai": "2025-08-02"}}, "classification": {"facts": facts}, "evidence": ev}

_m(tasks) := {"m": {"kind": "authorised_representative_mandate", "sha256": "m", "source_uri": "file:m", "valid_until": null, "attributes": {"tasks": tasks, "representative": {"country": "IE"}, "signed_at": "2025-07-01"}}}

test_passes_and_fails if {
	art54.findings[_].status == "pass" with input as _in(_m(["a", "b", "c", "d"]), {"provider_country": "US"})
	some f in art54.findings with input as _in(_m(["a"]), {"provider_country": "US"})
	contains(f.message, "task(s) b, c, d")
}

test_open_source_exempt if {
	some f in art54.findings with input as _in({}, {"provider_country": "US", "open_source_licence": true, "weights_public": true, "monetised": false})
	f.status == "not_applicable"
	contains(f.message, "Art 54(6)")
}

test_eu_provider_not_bound if {
	art54.findings[_].status == "not_applicable" with input as _in({}, {"provider_country": "FR"})
}
