package aiconform.main_test

import data.aiconform.main
import rego.v1

test_compile_phase if main.out == {"compiled": true} with input as {"phase": "compile"}

test_unknown_phase_is_undefined if not main.out with input as {"phase": "nope"}

test_evaluate_collects_findings if {
	out := main.out with input as {
		"phase": "evaluate", "as_of": "2028-01-10T00:00:00Z", "evidence": {},
		"scope": {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}},
	}
	some f in out.findings
	f.rule_id == "AIACT-9-2-a"
	f.status == "fail"
}

test_org_findings_included if {
	out := main.out with input as {"phase": "evaluate", "as_of": "2028-01-10T00:00:00Z", "evidence": {}}
		with data.org.x.findings as {{"rule_id": "ORG-1"}}
	some f in out.findings
	f.rule_id == "ORG-1"
}
