package aiact.art15_test

import data.aiact.art15
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_item(kind, uri, attrs) := {"kind": kind, "sha256": concat("", ["h-", uri]), "source_uri": uri, "valid_until": null, "attributes": attrs}

_mv(version, aliases, metrics, tags) := _item("model_version", concat("", ["mlflow:models/credit/", version]), {"name": "credit", "version": version, "aliases": aliases, "metrics": metrics, "tags": tags})

_good := {
	"ifu": _item("instructions_for_use", "file:docs/ifu.md", {"version": "2", "declared_metrics": {"auc": 0.84, "accuracy": 0.91}}),
	"mv3": _mv("3", ["champion"], {"test_auc": 0.843, "accuracy": 0.905, "test_accuracy": 0.80}, {}),
	"mv2": _item("model_version", "mlflow:models/credit/2", {"name": "credit", "version": "2", "deployed": false, "run": {"metrics": {"test_auc": 0.5}}}),
	"mv4": _mv("4", ["challenger"], {"test_auc": 0.70}, {}),
	"mon": _item("monitoring_metrics", "file:monitoring.csv", {"metrics": {"AUC": {"count": 30, "min": 0.80, "first": {"at": "2028-01-01T00:00:00Z", "value": 0.80}, "last": {"at": "2028-02-01T00:00:00Z", "value": 0.83}}}}),
	"rob": _item("test_report", "file:robustness.yaml", {"type": "robustness", "signed_by": "QA", "executed_at": "2027-11-02", "failed_tests": []}),
	"sec": _item("security_assessment", "file:pentest.pdf", {"date": "2027-10-01", "threats_covered": ["data_poisoning", "model_poisoning", "adversarial_examples", "confidentiality_attacks", "model_flaws"], "open_findings": [{"id": "F1", "severity": "low"}]}),
}

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

_replace(ev, k, v) := object.union(object.remove(ev, [k]), {k: v})

test_all_pass if {
	fs := art15.findings with input as _input(_good)
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

# Art 15(3): declared vs measured

test_15_3_fails_on_mismatch_beyond_tolerance if {
	ev := _replace(_good, "mv3", _mv("3", ["champion"], {"test_auc": 0.79, "accuracy": 0.905}, {}))
	f := _by_id(art15.findings, "AIACT-15-3") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "declare auc = 0.84, but deployed model version credit v3 measured test_auc = 0.79 (difference 0.05 exceeds tolerance 0.01)")
	f.subjects == ["mv3"]
}

test_15_3_tolerance_is_configurable if {
	ev := _replace(_good, "mv3", _mv("3", ["champion"], {"test_auc": 0.79, "accuracy": 0.905}, {}))
	inp := object.union(_input(ev), {"config": {"accuracy_tolerance": 0.06}})
	_by_id(art15.findings, "AIACT-15-3").status == "pass" with input as inp
}

test_15_3_fails_when_declared_metric_not_measured if {
	ev := _replace(_good, "ifu", _item("instructions_for_use", "file:docs/ifu.md", {"declared_metrics": [{"name": "F1", "value": 0.7}]}))
	f := _by_id(art15.findings, "AIACT-15-3") with input as _input(ev)
	contains(f.message, "has no measured f1")
}

test_15_3_fails_without_declaration_or_registry if {
	ev := {"ifu": _item("instructions_for_use", "file:docs/ifu.md", {})}
	f := _by_id(art15.findings, "AIACT-15-3") with input as _input(ev)
	contains(f.message, "declare no accuracy metrics")
	contains(f.message, "no registered model version found")
}

test_15_3_uses_latest_version_without_alias if {
	ev := object.union(object.remove(_good, ["mv3", "mv4"]), {"mv4": _mv("4", [], {"test_auc": 0.70, "accuracy": 0.91}, {}), "mv3": _mv("3", [], {"test_auc": 0.84, "accuracy": 0.91}, {})})
	f := _by_id(art15.findings, "AIACT-15-3") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "credit v4 measured test_auc = 0.7")
}

# Art 15(1)

test_15_1_fails_on_monitored_drop if {
	ev := _replace(_good, "mon", _item("monitoring_metrics", "file:monitoring.csv", {"metrics": {"auc": {"last": {"at": "2028-02-15T00:00:00Z", "value": 0.78}}}}))
	f := _by_id(art15.findings, "AIACT-15-1") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "monitored auc fell to 0.78 at 2028-02-15T00:00:00Z (file:monitoring.csv)")
}

test_15_1_fails_below_minimum if {
	inp := object.union(_input(_good), {"config": {"accuracy_minima": {"auc": 0.9, "recall": 0.5}}})
	f := _by_id(art15.findings, "AIACT-15-1") with input as inp
	contains(f.message, "test_auc = 0.843 does not meet the minimum 0.9")
	contains(f.message, "has no measured recall")
}

# Art 15(4)

test_15_4_fails_without_robustness_report if {
	f := _by_id(art15.findings, "AIACT-15-4") with input as _input(object.remove(_good, ["rob"]))
	f.status == "fail"
	contains(f.message, "no robustness test report")
}

test_15_4_fails_on_failed_tests_and_feedback_loop if {
	ev := _replace(_replace(_good, "rob", _item("test_report", "file:robustness.yaml", {"type": "robustness", "signed_by": "QA", "executed_at": "2027-11-02", "failed_tests": ["noise-0.1"]})), "mv3", _mv("3", ["champion"], {"test_auc": 0.843, "accuracy": 0.905}, {"continuous_learning": "true"}))
	f := _by_id(art15.findings, "AIACT-15-4") with input as _input(ev)
	contains(f.message, "lists failed tests: noise-0.1")
	contains(f.message, "no mitigated feedback_loop risk")
}

# Art 15(5)

test_15_5_fails_on_uncovered_threats_and_open_high if {
	ev := _replace(_good, "sec", _item("security_assessment", "file:pentest.pdf", {"date": "2027-10-01", "threats_covered": ["data_poisoning"], "open_findings": [{"id": "F9", "severity": "High"}]}))
	f := _by_id(art15.findings, "AIACT-15-5") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "does not cover AI-specific threats: adversarial_examples, confidentiality_attacks, model_flaws, model_poisoning")
	contains(f.message, "open critical/high findings: F9")
}

test_15_5_certificate_gives_presumption if {
	ev := object.union(object.remove(_good, ["sec"]), {"cert": _item("cybersecurity_certificate", "file:eucc.pdf", {"scheme": "EUCC"})})
	_by_id(art15.findings, "AIACT-15-5").status == "pass" with input as _input(ev)
}

test_15_5_fails_when_old if {
	f := _by_id(art15.findings, "AIACT-15-5") with input as object.union(_input(_good), {"as_of": "2029-03-01T00:00:00Z"})
	contains(f.message, "older than 365 days")
}

test_15_3_reads_run_metrics_and_deployed_flag if {
	ev := {
		"ifu": _item("instructions_for_use", "file:docs/ifu.md", {"metadata": {"declared_metrics": {"auc": 0.84}}}),
		"mv5": _item("model_version", "mlflow:models/credit/5", {"name": "credit", "version": "5", "deployed": true, "run": {"metrics": {"test_auc": 0.70}}}),
		"mv6": _item("model_version", "mlflow:models/credit/6", {"name": "credit", "version": "6", "deployed": false, "run": {"metrics": {"test_auc": 0.84}}}),
	}
	f := _by_id(art15.findings, "AIACT-15-3") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "credit v5 measured test_auc = 0.7")
}
