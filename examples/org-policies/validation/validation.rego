# METADATA
# title: Org - minimum validation metrics for deployed model versions
# description: >-
#   Internal model governance: each deployed model version (kind model_version, deployed true) reaches the
#   minimum of every metric in `org_min_validation_metrics` (data.yaml; a workspace overrides it under
#   `thresholds:` in aiconform.yaml). Higher is better for every metric listed.
# related_resources:
#   - ref: https://example.org/governance/validation
#     description: Internal standard MG-04, model validation
# custom:
#   article: org
#   tiers: [all_ai_systems]
#   applies_from: "2024-01-01"
package org.validation

import data.lib.evidence
import data.lib.findings
import rego.v1

_deployed := [v | some v in evidence.of_kind("model_version"); object.get(v.attributes, "deployed", false) == true]

_minimums := evidence.config("org_min_validation_metrics")

_metrics(v) := {lower(k): x | some k, x in object.get(object.get(v.attributes, "run", {}), "metrics", {}); is_number(x)}

_label(v) := sprintf("%v v%v", [object.get(v.attributes, "name", "?"), object.get(v.attributes, "version", "?")])

# METADATA
# title: Deployed model versions meet the minimum validation metrics
# custom:
#   id: ORG-VAL-1
#   citation: Internal standard MG-04 §2
#   catalogue_ids: []
#   severity: deny
#   evidence_kinds: [model_version]
#   remediation: Do not deploy a version below the minimums; retrain, or record a waiver with the risk owner's justification.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"subjects": array.concat(["system"], sort([sprintf("model_version:%v/%v", [v.attributes.name, v.attributes.version]) | some v in _deployed])),
	"evidence": evidence.hashes(_deployed),
})

_problems contains "no deployed model version found in the registry evidence" if count(_deployed) == 0

_problems contains msg if {
	some v in _deployed
	some name, minimum in _minimums
	not _metrics(v)[lower(name)]
	msg := sprintf("%s has no logged %s metric (minimum %v)", [_label(v), name, minimum])
}

_problems contains msg if {
	some v in _deployed
	some name, minimum in _minimums
	value := _metrics(v)[lower(name)]
	value < minimum
	msg := sprintf("%s has %s %v, below the minimum %v", [_label(v), name, value, minimum])
}
