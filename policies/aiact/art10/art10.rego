# METADATA
# title: Art 10 - Data and data governance
# description: >-
#   High-risk AI systems trained on data are developed with training, validation and testing data sets
#   that meet the quality criteria of Art 10(2)-(4) (and the Art 4a(1) conditions where special
#   categories of personal data are processed); systems not trained on data apply them to testing data
#   (Art 10(6)). Judged per data set linked to the deployed model version (graph lineage edges or the
#   MLflow dataset inputs), on its datasheet and on the system's data-governance document.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 10
#   - ref: https://eur-lex.europa.eu/eli/reg/2026/1744/oj
#     description: Regulation (EU) 2026/1744 (Art 10(1) and 10(6) amended, Art 10(5) replaced by Art 4a)
# custom:
#   article: "10"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art10

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_versions := evidence.of_kind("model_version")

_deployed := documents.deployed_versions(_versions, {lower(a) | some a in evidence.config("deployed_model_aliases")})

_datasheets := evidence.of_kind("datasheet")

_governance := evidence.of_kind("data_governance")

_edge_role := {"trained_on": "training", "validated_on": "validation", "tested_on": "testing", "evaluated_on": "testing"}

_context_role := {"training": "training", "train": "training", "validation": "validation", "val": "validation", "testing": "testing", "test": "testing", "evaluation": "testing", "eval": "testing"}

_graph := object.get(input, "graph", {"nodes": [], "edges": []})

# Graph nodes that hold a deployed model version's evidence.
_deployed_nodes := {n.id |
	some n in object.get(_graph, "nodes", [])
	some eid in object.get(n, "evidence", [])
	_deployed[eid]
}

# A data set's name: lower case, without the graph's "dataset:" prefix.
_ds(name) := trim_prefix(lower(sprintf("%v", [name])), "dataset:")

# Data sets of the deployed versions: {[name, role]}.
_lineage contains [_ds(e.to), _edge_role[e.type]] if {
	some e in object.get(_graph, "edges", [])
	_edge_role[e.type]
	e.from in _deployed_nodes
}

# MLflow dataset inputs (dataset_inputs) or a datasets list on the version.
_lineage contains [_ds(name), role] if {
	some v in _deployed
	some key in ["dataset_inputs", "datasets"]
	some ds in object.get(v.attributes, key, [])
	is_object(ds)
	name := object.get(ds, "name", "")
	name != ""
	role := object.get(_context_role, lower(sprintf("%v", [object.get(ds, "context", "training")])), "training")
}

_sheet_name(s) := _ds(documents.fact_or(s, "dataset_name", documents.fact_or(s, "dataset", "")))

# Data sets judged by Art 10(2)-(4): the lineage, plus any data set that only has a datasheet.
_datasets := {name | some [name, _] in _lineage} | {_sheet_name(s) | some s in _datasheets; _sheet_name(s) != ""}

_roles(name) := {role | some [n, role] in _lineage; n == name}

_sheet_matches(name, sid, s) if _sheet_name(s) == name

_sheet_matches(name, sid, s) if {
	_sheet_name(s) != ""
	endswith(name, concat("", [":", _sheet_name(s)]))
}

_sheet_matches(name, sid, _) if {
	some n in object.get(_graph, "nodes", [])
	_ds(n.id) == name
	sid in object.get(n, "evidence", [])
}

_sheets_for(name) := [s | some sid, s in _datasheets; _sheet_matches(name, sid, s)]

_label(name) := sprintf("data set %s (%s)", [name, concat(", ", sort(_roles(name)))]) if count(_roles(name)) > 0

_label(name) := sprintf("data set %s", [name]) if count(_roles(name)) == 0

_min_chars := evidence.config("datasheet_min_section_chars")

# --- does a document cover an Art 10(2) item? ------------------------------------------------------

# By a structured field that is not a placeholder, or by a substantive section whose heading matches.
_doc_covers(doc, item) if {
	some field in object.get(evidence.config("art10_2_fields"), item, [])
	_has_content(documents.fact_or(doc, field, null))
}

_doc_covers(doc, item) if {
	pattern := object.get(evidence.config("art10_2_heading_patterns"), item, "")
	pattern != ""
	some sec in _doc_sections(doc)
	documents.heading_matches(sec, pattern)
	documents.substantive(sec, _min_chars)
}

# Sections of a datasheet / data-governance document: the collector's <kind>.section items (id
# "<document id>#<anchor>"), or a sections list on the item itself.
_section_items := object.union(evidence.of_kind("datasheet.section"), evidence.of_kind("data_governance.section"))

_sections_of[doc_id] contains sid if {
	some sid, _ in _section_items
	doc_id := split(sid, "#")[0]
}

_doc_sections(doc) := array.concat(
	[_section_items[sid] | some sid in object.get(_sections_of, _id_of(doc), set())],
	[{"attributes": sec} | some sec in object.get(doc.attributes, "sections", []); is_object(sec)],
)

# Evidence id of an item (items carry no id of their own; found via source_uri).
_id_of(doc) := [id | some id, d in object.union(_datasheets, _governance); d == doc][0]

_has_content(v) if {
	is_string(v)
	not documents.placeholder(v)
}

_has_content(v) if {
	is_array(v)
	count(v) > 0
}

_has_content(v) if {
	is_object(v)
	count(v) > 0
}

_governance_covers(item) if {
	some g in _governance
	_doc_covers(g, item)
}

_item_problems(item, what) := [msg] if {
	count(_datasets) == 0
	not _governance_covers(item)
	msg := sprintf("no data set with a datasheet (and no data-governance document covering %s) found in the collected evidence", [what])
}

_item_problems(item, what) := [] if {
	count(_datasets) == 0
	_governance_covers(item)
}

_item_problems(item, what) := [msg |
	some name in _datasets
	msg := _dataset_item_problem(name, item, what)
] if count(_datasets) > 0

_dataset_item_problem(name, item, what) := sprintf("%s has no datasheet, so %s is not documented for it", [_label(name), what]) if {
	count(_sheets_for(name)) == 0
	not _governance_covers(item)
}

_dataset_item_problem(name, item, what) := sprintf("the datasheet of %s does not document %s", [_label(name), what]) if {
	count(_sheets_for(name)) > 0
	not _any_sheet_covers(name, item)
	not _governance_covers(item)
}

_any_sheet_covers(name, item) if {
	some s in _sheets_for(name)
	_doc_covers(s, item)
}

_item_obs(item, what, extra) := {
	"problems": array.concat(_item_problems(item, what), extra),
	"subjects": _subjects,
	"evidence": evidence.hashes(object.union(_datasheets, _governance)),
	"locations": documents.locations(array.concat([s | some s in _datasheets], [g | some g in _governance])),
}

_subjects := ["system"] if count(_datasets) == 0

_subjects := sort(_datasets) if count(_datasets) > 0

# --- Art 10(1), 10(6): data sets of the deployed model version are identified and documented ------

_not_trained(v) if lower(sprintf("%v", [object.get(object.get(v.attributes, "tags", {}), "trained_on_data", "true")])) in {"false", "no", "0"}

# METADATA
# title: The deployed model version's training, validation and testing data sets are identified and have datasheets
# custom:
#   id: AIACT-10-1
#   citation: Art. 10(1), 10(6)
#   catalogue_ids: [art10.1]
#   severity: deny
#   evidence_kinds: [model_version, datasheet]
#   remediation: >-
#     Log the training, validation and testing data sets as inputs of the registered model version
#     (MLflow dataset inputs with context, or lineage edges), and keep a datasheet for each. A system not
#     trained on data tags its version trained_on_data: false and needs testing data sets only.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_10_1,
	"subjects": _subjects,
	"evidence": evidence.hashes(object.union(_deployed, _datasheets)),
})

_problems_10_1 contains msg if msg := evidence.missing_message("model_version", "registered model version")

_problems_10_1 contains msg if {
	some v in _deployed
	not _not_trained(v)
	count({n | some [n, "training"] in _lineage}) == 0
	msg := sprintf("deployed model version %s has no training data set linked (dataset inputs or trained_on edges)", [documents.version_label(v)])
}

_problems_10_1 contains msg if {
	count(_deployed) > 0
	count({n | some [n, r] in _lineage; r in {"validation", "testing"}}) == 0
	msg := "the deployed model version has no validation or testing data set linked (dataset inputs with context, or tested_on edges)"
}

_problems_10_1 contains msg if {
	some [name, _] in _lineage
	count(_sheets_for(name)) == 0
	msg := sprintf("%s has no datasheet", [_label(name)])
}

# --- Art 10(2)(a)-(h) ------------------------------------------------------------------------------

# METADATA
# title: "Data governance documents relevant design choices"
# custom:
#   id: AIACT-10-2-a
#   citation: Art. 10(2)(a)
#   catalogue_ids: [art10.2, art10.2.a]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), relevant design choices
#     (fields art10_2_fields.a or a section whose heading matches art10_2_heading_patterns.a).
findings contains findings.result(rego.metadata.chain(), _item_obs("a", "Art 10(2)(a) (relevant design choices)", []))

# METADATA
# title: "Data governance documents data collection processes and data origin; for personal data, the original collection purpose"
# custom:
#   id: AIACT-10-2-b
#   citation: Art. 10(2)(b)
#   catalogue_ids: [art10.2, art10.2.b]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), data collection processes and data origin; for personal data, the original collection purpose
#     (fields art10_2_fields.b or a section whose heading matches art10_2_heading_patterns.b).
findings contains findings.result(rego.metadata.chain(), _item_obs("b", "Art 10(2)(b) (data collection processes and data origin)", _extra_10_2_b))

# METADATA
# title: "Data governance documents data preparation operations (annotation, labelling, cleaning, updating, enrichment, aggregation)"
# custom:
#   id: AIACT-10-2-c
#   citation: Art. 10(2)(c)
#   catalogue_ids: [art10.2, art10.2.c]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), data preparation operations (annotation, labelling, cleaning, updating, enrichment, aggregation)
#     (fields art10_2_fields.c or a section whose heading matches art10_2_heading_patterns.c).
findings contains findings.result(rego.metadata.chain(), _item_obs("c", "Art 10(2)(c) (data preparation operations)", []))

# METADATA
# title: "Data governance documents assumptions, especially about what the data are meant to measure and represent"
# custom:
#   id: AIACT-10-2-d
#   citation: Art. 10(2)(d)
#   catalogue_ids: [art10.2, art10.2.d]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), assumptions, especially about what the data are meant to measure and represent
#     (fields art10_2_fields.d or a section whose heading matches art10_2_heading_patterns.d).
findings contains findings.result(rego.metadata.chain(), _item_obs("d", "Art 10(2)(d) (assumptions about what the data measure and represent)", []))

# METADATA
# title: "Data governance documents assessment of availability, quantity and suitability of needed data sets"
# custom:
#   id: AIACT-10-2-e
#   citation: Art. 10(2)(e)
#   catalogue_ids: [art10.2, art10.2.e]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), assessment of availability, quantity and suitability of needed data sets
#     (fields art10_2_fields.e or a section whose heading matches art10_2_heading_patterns.e).
findings contains findings.result(rego.metadata.chain(), _item_obs("e", "Art 10(2)(e) (availability, quantity and suitability of the data)", []))

# METADATA
# title: "Data governance documents examination for biases likely to affect health/safety, fundamental rights or lead to prohibited discrimination, ..."
# custom:
#   id: AIACT-10-2-f
#   citation: Art. 10(2)(f)
#   catalogue_ids: [art10.2, art10.2.f]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), examination for biases likely to affect health/safety, fundamental rights or lead to prohibited discrimination, especially with feedback loops
#     (fields art10_2_fields.f or a section whose heading matches art10_2_heading_patterns.f).
findings contains findings.result(rego.metadata.chain(), _item_obs("f", "Art 10(2)(f) (examination for possible biases)", []))

# METADATA
# title: "Data governance documents measures to detect, prevent and mitigate the biases identified under (f)"
# custom:
#   id: AIACT-10-2-g
#   citation: Art. 10(2)(g)
#   catalogue_ids: [art10.2, art10.2.g]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), measures to detect, prevent and mitigate the biases identified under (f)
#     (fields art10_2_fields.g or a section whose heading matches art10_2_heading_patterns.g).
findings contains findings.result(rego.metadata.chain(), _item_obs("g", "Art 10(2)(g) (measures to detect, prevent and mitigate biases)", []))

# METADATA
# title: "Data governance documents identification of data gaps or shortcomings blocking compliance and how to address them"
# custom:
#   id: AIACT-10-2-h
#   citation: Art. 10(2)(h)
#   catalogue_ids: [art10.2, art10.2.h]
#   severity: deny
#   evidence_kinds: [datasheet, data_governance]
#   remediation: >-
#     Document, in the datasheet of each data set (or once in the data-governance document), identification of data gaps or shortcomings blocking compliance and how to address them
#     (fields art10_2_fields.h or a section whose heading matches art10_2_heading_patterns.h).
findings contains findings.result(rego.metadata.chain(), _item_obs("h", "Art 10(2)(h) (data gaps or shortcomings and how they are addressed)", []))


# Art 10(2)(b): for personal data, the original purpose of collection.
_extra_10_2_b := [msg |
	some s in _datasheets
	documents.fact_or(s, "personal_data", false) == true
	not _has_content(documents.fact_or(s, "collection_purpose", null))
	msg := sprintf("datasheet %s describes personal data but not the original purpose of its collection (collection_purpose)", [s.source_uri])
]

# --- Art 10(3): relevance, representativeness, errors, completeness, statistical properties -----------

_quality(s) := q if {
	q := documents.fact_or(s, "quality", {})
	is_object(q)
}

_quality(s) := {} if not is_object(documents.fact_or(s, "quality", {}))

# METADATA
# title: Data sets are analysed for representativeness, errors and completeness, within the configured limits
# custom:
#   id: AIACT-10-3
#   citation: Art. 10(3)
#   catalogue_ids: [art10.3]
#   severity: deny
#   evidence_kinds: [datasheet]
#   remediation: >-
#     Give each data set's datasheet a quality block: representativeness (analysis against the persons or
#     groups the system is meant for), label_error_rate and missing_rate (measured shares), and keep the
#     rates within art10_max_label_error_rate and art10_max_missing_rate or explain the residual errors.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_10_3,
	"subjects": _subjects,
	"evidence": evidence.hashes(_datasheets),
	"locations": documents.locations([s | some s in _datasheets]),
})

_problems_10_3 contains msg if msg := evidence.missing_message("datasheet", "datasheet")

_problems_10_3 contains msg if {
	some s in _datasheets
	not _has_content(object.get(_quality(s), "representativeness", null))
	msg := sprintf("datasheet %s has no representativeness analysis (quality.representativeness)", [s.source_uri])
}

_problems_10_3 contains msg if {
	some s in _datasheets
	some field in ["label_error_rate", "missing_rate"]
	not is_number(object.get(_quality(s), field, null))
	msg := sprintf("datasheet %s does not measure quality.%s", [s.source_uri, field])
}

_problems_10_3 contains msg if {
	some s in _datasheets
	some field, key in {"label_error_rate": "art10_max_label_error_rate", "missing_rate": "art10_max_missing_rate"}
	v := object.get(_quality(s), field, null)
	is_number(v)
	v > evidence.config(key)
	msg := sprintf("datasheet %s: %s %v exceeds %v (%s)", [s.source_uri, field, v, evidence.config(key), key])
}

# --- Art 10(4): the data reflect the setting of intended use ------------------------------------------

_targets := {lower(g) | some d in _governance; some g in documents.as_list(object.get(_context(d), "geographies", []))} | {lower(g) | some g in evidence.config("art10_target_geographies")}

_context(d) := c if {
	c := documents.fact_or(d, "deployment_context", {})
	is_object(c)
}

_context(d) := {} if not is_object(documents.fact_or(d, "deployment_context", {}))

# Data sets used to test or validate (all data sets when the lineage gives no roles).
_context_sheets := [s |
	some name in _datasets
	_is_eval(name)
	some s in _sheets_for(name)
]

_is_eval(name) if count(_roles(name) & {"validation", "testing"}) > 0

_is_eval(name) if count({r | some [_, r] in _lineage; r in {"validation", "testing"}}) == 0

# METADATA
# title: Testing and validation data reflect the geographical setting in which the system is intended to be used
# custom:
#   id: AIACT-10-4
#   citation: Art. 10(4)
#   catalogue_ids: [art10.4]
#   severity: deny
#   evidence_kinds: [data_governance, datasheet]
#   remediation: >-
#     Declare the intended geographical setting (data_governance deployment_context.geographies, or
#     art10_target_geographies) and show, in the datasheets (geographies), that the testing or validation
#     data cover every target; describe contextual, behavioural or functional specifics there too.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_10_4,
	"subjects": _subjects,
	"evidence": evidence.hashes(object.union(_governance, _datasheets)),
})

_problems_10_4 contains msg if {
	count(_targets) == 0
	msg := "the intended geographical setting is not declared (data_governance deployment_context.geographies or art10_target_geographies)"
}

_problems_10_4 contains msg if {
	count(_targets) > 0
	count(_context_sheets) == 0
	msg := "no datasheet of a testing or validation data set found to show the data reflect the setting of use"
}

_problems_10_4 contains msg if {
	count(_context_sheets) > 0
	covered := {lower(g) | some s in _context_sheets; some g in documents.as_list(documents.fact_or(s, "geographies", []))}
	missing := _targets - covered
	count(missing) > 0
	msg := sprintf("the testing/validation data do not cover the intended geographies: %s", [concat(", ", sort(missing))])
}
