package org.release_approval_test

import data.org.release_approval
import rego.v1

_in(ev) := {"as_of": "2028-01-01T00:00:00Z", "scope": {"tiers": ["all_ai_systems"], "roles": ["provider"], "dates": {}}, "evidence": ev}

_mv := {"mv": {"kind": "model_version", "sha256": "v", "source_uri": "mlflow:x", "valid_until": null,
	"attributes": {"name": "credit-scorer", "version": 3, "deployed": true, "deployed_at": "2025-09-25T10:00:00Z"}}}

_ap(attrs) := {"ap": {"kind": "approval", "sha256": "a", "source_uri": "file:approvals.yaml", "valid_until": null,
	"attributes": object.union({"subject": "model_version:credit-scorer/3", "decision": "approved for release", "date": "2025-09-20"}, attrs)}}

test_passes_with_named_approver_before_release if {
	release_approval.findings[_].status == "pass" with input as _in(object.union(_mv, _ap({"approver": "Jane Roe (Head of Retail Credit Risk)"})))
}

test_fails_on_role_only_approver if {
	some f in release_approval.findings with input as _in(object.union(_mv, _ap({"approver": "Head of Retail Credit Risk"})))
	f.status == "fail"
	contains(f.message, "names a role, not a person")
}

test_fails_when_approved_after_release if {
	some f in release_approval.findings with input as _in(object.union(_mv, _ap({"approver": "Jane Roe", "date": "2025-10-01"})))
	contains(f.message, "after deployment")
}

test_fails_without_approval if {
	some f in release_approval.findings with input as _in(_mv)
	contains(f.message, "deployed without a recorded approval")
}
