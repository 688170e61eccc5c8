package org.model_card_test

import data.org.model_card
import rego.v1

_in(ev) := {"as_of": "2028-01-01T00:00:00Z", "scope": {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {}}, "evidence": ev}

_mv(v, card) := {sprintf("mv%d", [v]): {"kind": "model_version", "sha256": sprintf("v%d", [v]), "source_uri": "mlflow:models/credit", "valid_until": null,
	"attributes": {"name": "credit-scorer", "version": v, "model_card": card}}}

_card := {"card3": {"kind": "model_card", "sha256": "c", "source_uri": "mlflow:card", "valid_until": null, "attributes": {"model_name": "credit-scorer"}}}

test_passes_when_every_version_has_a_card if {
	ev := object.union(object.union(_mv(3, "card3"), _card), {"c2": {"kind": "model_card", "sha256": "c2", "source_uri": "file:mc2.md", "valid_until": null, "attributes": {"model_name": "Credit-Scorer", "model_version": "2"}}})
	model_card.findings[_].status == "pass" with input as _in(object.union(ev, _mv(2, null)))
}

test_fails_for_version_without_card if {
	some f in model_card.findings with input as _in(object.union(object.union(_mv(3, "card3"), _card), _mv(4, null)))
	f.status == "fail"
	contains(f.message, "credit-scorer v4 has no model card")
	"model_version:credit-scorer/4" in f.subjects
}

test_card_reference_to_missing_item_fails if {
	model_card.findings[_].status == "fail" with input as _in(_mv(3, "card-gone"))
}
