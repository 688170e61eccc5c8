package aiact.art10_test

import data.aiact.art10
import rego.v1

_scope := {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}

_item(kind, uri, attrs) := {"kind": kind, "sha256": concat("", ["h-", uri]), "source_uri": uri, "valid_until": null, "attributes": attrs}

_txt := "Documented in detail for this data set, with the reasoning, the people involved and the dates."

_sheet_attrs(name, geos) := {
	"dataset": name, "design_choices": _txt, "collection_process": _txt, "personal_data": true, "collection_purpose": "credit decisions on the applicant's own application",
	"preprocessing": _txt, "assumptions": _txt, "suitability": _txt, "bias_examination": _txt, "bias_mitigation": _txt, "data_gaps": _txt,
	"quality": {"representativeness": "Compared with the applicant population by age band, sex and region.", "label_error_rate": 0.01, "missing_rate": 0.02},
	"geographies": geos,
}

_good := {
	"mv": _item("model_version", "mlflow:models/credit/3", {"name": "credit", "version": "3", "aliases": ["champion"], "datasets": [{"name": "loans-train", "context": "training"}, {"name": "loans-holdout", "context": "testing"}]}),
	"dtrain": _item("datasheet", "file:data/loans-train.md", _sheet_attrs("loans-train", ["de"])),
	"dtest": _item("datasheet", "file:data/loans-holdout.md", _sheet_attrs("loans-holdout", ["de", "at"])),
	"gov": _item("data_governance", "file:data-governance.md", {"deployment_context": {"geographies": ["DE", "AT"]}}),
}

_input(ev) := {"as_of": "2028-03-01T00:00:00Z", "scope": _scope, "evidence": ev}

_by_id(fs, id) := [f | some f in fs; f.rule_id == id][0]

_sheet(k, name, attrs) := {k: _item("datasheet", concat("", ["file:data/", name, ".md"]), attrs)}

_replace(ev, add) := object.union(object.remove(ev, object.keys(add)), add)

test_all_pass if {
	fs := art10.findings with input as _input(_good)
	count(fs) == 11
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_10_1_fails_without_lineage_and_datasheet if {
	ev := _replace(object.remove(_good, ["dtest"]), {"mv": _item("model_version", "mlflow:models/credit/3", {"name": "credit", "version": "3", "datasets": [{"name": "loans-holdout", "context": "testing"}]})})
	f := _by_id(art10.findings, "AIACT-10-1") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "credit v3 has no training data set linked")
	contains(f.message, "data set loans-holdout (testing) has no datasheet")
}

test_10_1_not_trained_needs_test_data_only if {
	ev := _replace(object.remove(_good, ["dtrain"]), {"mv": _item("model_version", "mlflow:models/credit/3", {"name": "credit", "version": "3", "tags": {"trained_on_data": "false"}, "datasets": [{"name": "loans-holdout", "context": "testing"}]})})
	_by_id(art10.findings, "AIACT-10-1").status == "pass" with input as _input(ev)
}

test_10_1_graph_lineage if {
	ev := _replace(_good, {"mv": _item("model_version", "mlflow:models/credit/3", {"name": "credit", "version": "3", "aliases": ["champion"]})})
	graph := {
		"nodes": [{"id": "mv:credit/3", "type": "model_version", "evidence": ["mv"]}, {"id": "loans-train", "type": "dataset", "evidence": []}, {"id": "loans-holdout", "type": "dataset", "evidence": []}],
		"edges": [{"from": "mv:credit/3", "to": "loans-train", "type": "trained_on"}, {"from": "mv:credit/3", "to": "loans-holdout", "type": "evaluated_on"}],
	}
	_by_id(art10.findings, "AIACT-10-1").status == "pass" with input as object.union(_input(ev), {"graph": graph})
}

test_10_2_f_fails_when_bias_examination_missing if {
	ev := _replace(_good, _sheet("dtrain", "loans-train", object.remove(_sheet_attrs("loans-train", ["de"]), ["bias_examination"])))
	f := _by_id(art10.findings, "AIACT-10-2-f") with input as _input(ev)
	f.status == "fail"
	f.message == "the datasheet of data set loans-train (training) does not document Art 10(2)(f) (examination for possible biases)"
}

test_10_2_placeholder_field_does_not_count if {
	ev := _replace(_good, _sheet("dtrain", "loans-train", object.union(_sheet_attrs("loans-train", ["de"]), {"data_gaps": "TBD"})))
	_by_id(art10.findings, "AIACT-10-2-h").status == "fail" with input as _input(ev)
}

test_10_2_section_heading_counts if {
	attrs := object.union(object.remove(_sheet_attrs("loans-train", ["de"]), ["assumptions"]), {"sections": [{"heading": "Assumptions", "text_length": 400, "excerpt": "The repayment label stands for creditworthiness; it under-represents thin-file applicants."}]})
	_by_id(art10.findings, "AIACT-10-2-d").status == "pass" with input as _input(_replace(_good, _sheet("dtrain", "loans-train", attrs)))
}

test_10_2_governance_document_covers_item if {
	ev := _replace(_good, object.union(
		_sheet("dtrain", "loans-train", object.remove(_sheet_attrs("loans-train", ["de"]), ["design_choices"])),
		{"gov": _item("data_governance", "file:data-governance.md", {"deployment_context": {"geographies": ["DE"]}, "design_choices": _txt})},
	))
	_by_id(art10.findings, "AIACT-10-2-a").status == "pass" with input as _input(ev)
}

test_10_2_b_needs_collection_purpose_for_personal_data if {
	ev := _replace(_good, _sheet("dtrain", "loans-train", object.remove(_sheet_attrs("loans-train", ["de"]), ["collection_purpose"])))
	f := _by_id(art10.findings, "AIACT-10-2-b") with input as _input(ev)
	contains(f.message, "original purpose of its collection")
}

test_10_2_fails_without_any_data if {
	f := _by_id(art10.findings, "AIACT-10-2-c") with input as _input({})
	f.status == "fail"
	contains(f.message, "no data set with a datasheet")
}

test_10_3_fails_on_error_rate_and_missing_analysis if {
	attrs := object.union(object.remove(_sheet_attrs("loans-train", ["de"]), ["quality"]), {"quality": {"label_error_rate": 0.2}})
	f := _by_id(art10.findings, "AIACT-10-3") with input as _input(_replace(_good, _sheet("dtrain", "loans-train", attrs)))
	f.status == "fail"
	contains(f.message, "no representativeness analysis")
	contains(f.message, "does not measure quality.missing_rate")
	contains(f.message, "label_error_rate 0.2 exceeds 0.05")
}

test_10_4_fails_when_test_data_miss_a_target if {
	ev := _replace(_good, _sheet("dtest", "loans-holdout", _sheet_attrs("loans-holdout", ["de"])))
	f := _by_id(art10.findings, "AIACT-10-4") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "do not cover the intended geographies: at")
}

test_10_4_fails_without_declared_setting if {
	f := _by_id(art10.findings, "AIACT-10-4") with input as _input(object.remove(_good, ["gov"]))
	contains(f.message, "setting is not declared")
}

# The collectors' shapes: MLflow dataset_inputs, graph nodes "dataset:<name>", datasheet front matter
# (metadata) and datasheet.section items.
test_collector_shapes if {
	secs := {concat("", ["doc:data/train.md#", h]): _item("datasheet.section", "data/train.md", {"heading": h, "text_length": 300, "excerpt": _txt}) | some h in ["Curation Rationale", "Source Data", "Annotations", "Assumptions", "Dataset Size", "Bias", "Bias mitigation", "Known Limitations"]}
	ev := object.union(secs, {
		"mlflow:models/credit/versions/3": _item("model_version", "sqlite:///mlflow.db#models/credit/versions/3", {"name": "credit", "version": "3", "deployed": true, "dataset_inputs": [{"name": "train", "context": "training"}, {"name": "holdout", "context": "evaluation"}]}),
		"doc:data/train.md": _item("datasheet", "data/train.md", {"dataset_name": "train", "metadata": {"quality": {"representativeness": "Matches the applicant population by region.", "label_error_rate": 0.01, "missing_rate": 0.0}}}),
		"doc:data/holdout.md": _item("datasheet", "data/holdout.md", object.union(_sheet_attrs("holdout", ["de", "at"]), {"dataset_name": "holdout"})),
		"doc:data-governance.md": _item("data_governance", "data-governance.md", {"metadata": {"deployment_context": {"geographies": ["de", "at"]}}}),
	})
	graph := {"nodes": [{"id": "dataset:train", "type": "dataset", "evidence": ["doc:data/train.md"]}], "edges": []}
	fs := art10.findings with input as object.union(_input(ev), {"graph": graph})
	[[f.rule_id, f.message] | some f in fs; f.status != "pass"] == []
}

test_collector_shapes_missing_section if {
	secs := {concat("", ["doc:data/train.md#", h]): _item("datasheet.section", "data/train.md", {"heading": h, "text_length": 300, "excerpt": _txt}) | some h in ["Curation Rationale", "Source Data"]}
	ev := object.union(secs, {
		"mv": _item("model_version", "m", {"name": "credit", "version": "3", "deployed": true, "dataset_inputs": [{"name": "train", "context": "training"}]}),
		"doc:data/train.md": _item("datasheet", "data/train.md", {"dataset_name": "train"}),
	})
	f := _by_id(art10.findings, "AIACT-10-2-h") with input as _input(ev)
	f.status == "fail"
	contains(f.message, "the datasheet of data set train (training) does not document Art 10(2)(h)")
	_by_id(art10.findings, "AIACT-10-2-a").status == "pass" with input as _input(ev)
}
