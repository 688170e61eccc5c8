# METADATA
# title: Org - a named approver before release
# description: >-
#   Internal model governance: every deployed model version carries an approval (kind approval, subject
#   `model_version:<name>/<version>`) with a positive decision, dated no later than the deployment
#   (deployed_at, where the registry records it), by a named person - not only a role such as "Head of
#   Credit Risk", so that the approval can be traced to someone accountable.
# related_resources:
#   - ref: https://example.org/governance/release
#     description: Internal standard MG-05, release approval
# custom:
#   article: org
#   tiers: [all_ai_systems]
#   applies_from: "2024-01-01"
package org.release_approval

import data.lib.evidence
import data.lib.findings
import rego.v1

_deployed := [v | some v in evidence.of_kind("model_version"); object.get(v.attributes, "deployed", false) == true]

_approvals := evidence.of_kind("approval")

_node(v) := sprintf("model_version:%v/%v", [v.attributes.name, v.attributes.version])

_for(v) := [a | some a in _approvals; object.get(a.attributes, "subject", "") in {_node(v), sprintf("%v/%v", [v.attributes.name, v.attributes.version])}]

_role_only := `(?i)^\s*(the\s+)?(head|chief|director|manager|lead|team|committee|board|department|dept|owner|officer|cro|cto|ceo|cfo)\b`

_approver(a) := sprintf("%v", [object.get(a.attributes, "approver", object.get(a.attributes, "approved_by", ""))])

_positive(a) if regex.match(`(?i)approv|accept|go`, sprintf("%v", [object.get(a.attributes, "decision", "")]))

_named(a) if {
	name := _approver(a)
	trim_space(name) != ""
	not regex.match(_role_only, name)
}

_date(a) := sprintf("%v", [object.get(a.attributes, "date", object.get(a.attributes, "approved_at", ""))])

_in_time(a, v) if not v.attributes.deployed_at

_in_time(a, v) if _date(a) <= substring(sprintf("%v", [v.attributes.deployed_at]), 0, 10)

# METADATA
# title: Each deployed model version was approved by a named person before release
# custom:
#   id: ORG-REL-1
#   citation: Internal standard MG-05 §1
#   catalogue_ids: []
#   severity: deny
#   evidence_kinds: [approval, model_version]
#   remediation: Record the approval with the approver's name (and role), a positive decision and the date, before deploying the version.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"subjects": array.concat(["system"], sort([_node(v) | some v in _deployed])),
	"evidence": evidence.hashes(array.concat(_deployed, [a | some a in _approvals])),
})

_problems contains msg if {
	some v in _deployed
	count(_for(v)) == 0
	msg := sprintf("%s is deployed without a recorded approval", [_node(v)])
}

_problems contains msg if {
	some v in _deployed
	count(_for(v)) > 0
	not _good(v)
	why := concat("; ", sort([_why(a, v) | some a in _for(v)]))
	msg := sprintf("%s has no valid release approval: %s", [_node(v), why])
}

_good(v) if {
	some a in _for(v)
	_positive(a)
	_named(a)
	_in_time(a, v)
}

_why(a, v) := sprintf("approval by %q names a role, not a person", [_approver(a)]) if not _named(a)

_why(a, v) := sprintf("decision %q is not an approval", [object.get(a.attributes, "decision", "")]) if {
	_named(a)
	not _positive(a)
}

_why(a, v) := sprintf("approved on %s, after deployment on %v", [_date(a), v.attributes.deployed_at]) if {
	_named(a)
	_positive(a)
	not _in_time(a, v)
}
