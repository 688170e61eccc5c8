# METADATA
# title: Org - a model card for every registered model version
# description: >-
#   Internal model governance: every model version in the registry (kind model_version) is documented by a
#   model card - the card the registry holds for that version (attribute model_card), or a model_card item
#   naming the model and the version (attributes model_name, model_version).
# related_resources:
#   - ref: https://example.org/governance/model-cards
#     description: Internal standard MG-02, model documentation
# custom:
#   article: org
#   tiers: [all_ai_systems]
#   applies_from: "2024-01-01"
package org.model_card

import data.lib.evidence
import data.lib.findings
import rego.v1

_versions := evidence.of_kind("model_version")

_cards := evidence.of_kind("model_card")

_label(v) := sprintf("%v v%v", [object.get(v.attributes, "name", "?"), object.get(v.attributes, "version", "?")])

_documented(v) if {
	card := object.get(v.attributes, "model_card", null)
	card != null
	_cards[card]
}

_documented(v) if {
	some c in _cards
	lower(sprintf("%v", [object.get(c.attributes, "model_name", "")])) == lower(sprintf("%v", [object.get(v.attributes, "name", "")]))
	sprintf("%v", [object.get(c.attributes, "model_version", "")]) == sprintf("%v", [object.get(v.attributes, "version", "")])
}

_undocumented := [v | some v in _versions; not _documented(v)]

# METADATA
# title: Every registered model version has a model card
# custom:
#   id: ORG-MC-1
#   citation: Internal standard MG-02 §3
#   catalogue_ids: []
#   severity: deny
#   evidence_kinds: [model_version, model_card]
#   remediation: Log a model card (model_card.md) with each registered version, or add one naming the model and version.
findings contains findings.result(rego.metadata.chain(), {
	"problems": [sprintf("model version %s has no model card", [_label(v)]) | some v in _undocumented],
	"subjects": array.concat(["system"], sort([sprintf("model_version:%v/%v", [v.attributes.name, v.attributes.version]) | some v in _undocumented])),
	"evidence": evidence.hashes(object.union(_versions, _cards)),
})
