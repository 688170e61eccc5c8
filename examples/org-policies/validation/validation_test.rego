package org.validation_test

import data.org.validation
import rego.v1

_in(ev) := {"as_of": "2028-01-01T00:00:00Z", "scope": {"tiers": ["all_ai_systems"], "roles": ["provider"], "dates": {}}, "evidence": ev}

_mv(metrics, deployed) := {"mv": {"kind": "model_version", "sha256": "v", "source_uri": "mlflow:models/credit/versions/3", "valid_until": null,
	"attributes": {"name": "credit-scorer", "version": 3, "deployed": deployed, "run": {"metrics": metrics}}}}

test_passes_above_minimums if {
	validation.findings[_].status == "pass" with input as _in(_mv({"AUC": 0.81, "ks": 0.4}, true))
}

test_fails_below_minimum_and_on_missing_metric if {
	some f in validation.findings with input as _in(_mv({"auc": 0.7}, true))
	contains(f.message, "auc 0.7, below the minimum 0.75")
	contains(f.message, "no logged ks metric")
}

test_workspace_threshold_overrides_data if {
	inp := object.union(_in(_mv({"auc": 0.7, "ks": 0.4}, true)), {"config": {"org_min_validation_metrics": {"auc": 0.65}}})
	validation.findings[_].status == "pass" with input as inp
}

test_fails_without_deployed_version if {
	some f in validation.findings with input as _in(_mv({"auc": 0.9, "ks": 0.5}, false))
	contains(f.message, "no deployed model version")
}
