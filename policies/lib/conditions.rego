# METADATA
# title: Deferred application, manual attestations, dates and classification facts
# description: >-
#   Helpers shared by the operator-obligation packages (Arts 4, 5, 16-27, 43-55, 72-73, 86): deferred
#   application (Art 111(4)), manual attestations keyed by a rule's own catalogue ids, dates that may be
#   ISO days or RFC 3339 timestamps, and classification facts (public body, Annex III point, non-EU
#   provider...). Missing or malformed input gives a finding, never an evaluation error.
# custom:
#   article: lib
package lib.conditions

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

# --- deferred application --------------------------------------------------------------------

# deferred(chain, obs, date, reason): like findings.result, but the obligation binds this system
# only from `date` (e.g. the Art 111(4) transition); before it, status not_yet_applicable.
deferred(chain, obs, date, _) := findings.result(chain, obs) if date <= substring(input.as_of, 0, 10)

deferred(chain, _, date, reason) := f if {
	date > substring(input.as_of, 0, 10)
	base := findings.result(chain, {"problems": []})
	f := _deferred(base, date, reason)
}

_deferred(base, _, _) := base if base.status != "pass"

_deferred(base, date, reason) := object.union(base, {
	"status": "not_yet_applicable", "applies_from": date,
	"message": sprintf("%s: applies from %s (evaluation date %s)", [reason, date, substring(input.as_of, 0, 10)]),
}) if base.status == "pass"

# --- manual attestations ---------------------------------------------------------------------

# attestation(chain) -> obs for a rule with `manual: true` and `attest: <what a person confirms>` in
# its METADATA custom: passes when every catalogue id of the rule is covered by a fresh attestation
# (lib.evidence.attestation_problems names what is missing and which attestations went stale).
attestation(chain) := obs if {
	c := object.get(chain[0].annotations, "custom", {})
	ids := object.get(c, "catalogue_ids", [])
	what := object.get(c, "attest", "the requirement is met")
	obs := {
		"problems": [p | some cid in ids; some p in evidence.attestation_problems(cid, what)],
		"evidence": sort({item.sha256 | some cid in ids; some item in evidence.attestations(cid)}),
	}
}

# --- dates -----------------------------------------------------------------------------------

# ns(ts): nanoseconds since the epoch for "YYYY-MM-DD" or RFC 3339; undefined if unparseable.
ns(ts) := time.parse_ns("2006-01-02", ts) if {
	is_string(ts)
	regex.match(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`, ts)
}

ns(ts) := time.parse_rfc3339_ns(ts) if {
	is_string(ts)
	regex.match(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$`, ts)
}

day_ns := ((24 * 60) * 60) * 1000000000

as_of_ns := time.parse_rfc3339_ns(input.as_of)

as_of_date := substring(input.as_of, 0, 10)

# days(a, b): days from a to b (may be fractional or negative); undefined if either is unparseable.
days(a, b) := (ns(b) - ns(a)) / day_ns

# age_days(ts): days from ts to as_of.
age_days(ts) := (as_of_ns - ns(ts)) / day_ns

# valid_ts(ts): true when ts parses.
valid_ts(ts) if ns(ts)

# --- classification facts ----------------------------------------------------------------------

_classification := object.get(input, "classification", {})

# fact(name): a classification fact, looked up in classification.facts, then classification.flags,
# then the classification itself, then input.system. Undefined when unknown.
fact(name) := v if {
	v := _classification.facts[name]
	v != null
}

fact(name) := v if {
	not _has_fact(name)
	v := _classification.flags[name]
	v != null
}

fact(name) := v if {
	not _has_fact(name)
	not _has_flag(name)
	v := _classification[name]
	v != null
}

fact(name) := v if {
	not _has_fact(name)
	not _has_flag(name)
	not _has_top(name)
	v := input.system[name]
	v != null
}

# A fact under another name in the questionnaire (policies/classification/questions.yaml).
fact(name) := v if {
	not _has_fact(name)
	not _has_flag(name)
	not _has_top(name)
	not input.system[name]
	alias := _aliases[name]
	v := _classification.facts[alias]
	v != null
}

_aliases := {
	"placed_on_market_at": "placed_on_market_date",
	"designated_by_commission": "designated_systemic_risk",
}

_has_fact(name) if _classification.facts[name] != null

_has_flag(name) if _classification.flags[name] != null

_has_top(name) if _classification[name] != null

# provision ids that trigger the classification (e.g. "annex3.5.b", "art5.1.f"). Only provisions met
# outright count: the classification also lists provisions with a qualifier - an Annex III carve-out
# reached ("exclusion"), an Annex III use under the Art 6(3) derogation ("context"), an Art 5(1)(h)
# "exception" or "condition", Art 5(1a) "safeguards" - and those do not engage the provision.
provisions := {p.id |
	some p in object.get(_classification, "triggering_provisions", [])
	object.get(p, "qualifier", "") == ""
}

# has_provision(prefix): some triggering provision equals prefix or starts with prefix + ".".
has_provision(prefix) if lower(prefix) in _lower_provisions

has_provision(prefix) if {
	some p in _lower_provisions
	startswith(p, concat("", [lower(prefix), "."]))
}

_lower_provisions := {lower(p) | some p in provisions}

# transparency duty ids declared by the classification (e.g. "art50.1").
has_duty(id) if id in object.get(_classification, "transparency_duties", [])

# --- small utilities -------------------------------------------------------------------------

_nonempty(v) if {
	v != ""
	v != null
	v != []
	v != {}
}

nonempty(v) if _nonempty(v)

# field(obj, key) is a present, non-empty value of obj[key].
filled(obj, key) if _nonempty(object.get(obj, key, null))

# text(v): lower-case text for keyword checks (strings as-is, anything else JSON-encoded).
text(v) := lower(v) if is_string(v)

text(v) := lower(json.marshal(v)) if not is_string(v)

# --- document sections by legal point ------------------------------------------------------------

# The parts of documents of kind k to judge point by point: the fresh "k.section" items when the
# collector split the documents into sections (the documents collector does, and its whole-document
# item lists every reference of the document, so it must not count as covering each of them), else the
# fresh items of kind k themselves (one item per procedure or record).
doc_items(k) := secs if {
	secs := evidence.of_kind(concat("", [k, ".section"]))
	count(evidence.all_of_kind(concat("", [k, ".section"]))) > 0
}

doc_items(k) := evidence.of_kind(k) if count(evidence.all_of_kind(concat("", [k, ".section"]))) == 0

# Whole-document items of kind k (fresh), for document-level facts (owner, dates, status).
docs(k) := evidence.of_kind(k)

# meta(item, key): a document-level value from the item's attributes or its front matter (metadata).
meta(item, key) := v if {
	v := item.attributes[key]
	v != null
}

meta(item, key) := v if {
	object.get(item.attributes, key, null) == null
	v := item.attributes.metadata[key]
	v != null
}

# All items (fresh or stale) of the same kinds, to tell "stale" from "absent".
all_doc_items(k) := object.union(evidence.all_of_kind(k), evidence.all_of_kind(concat("", [k, ".section"])))

# "no X found" or "X is stale" for documents of kind k or k.section.
doc_missing(k, label) := sprintf("no %s found in the collected evidence", [label]) if count(all_doc_items(k)) == 0

doc_missing(k, label) := msg if {
	count(all_doc_items(k)) > 0
	count(doc_items(k)) == 0
	stale := {sprintf("%s (valid until %s)", [i.source_uri, i.valid_until]) | some i in all_doc_items(k)}
	msg := sprintf("%s is stale and counts as absent: %s", [label, concat(", ", sort(stale))])
}

# Normalised legal labels an item declares or names in its heading: "Art 17(1)(a)" and "art17.1.a"
# both become "17.1.a"; "Annex V 1" and "annexV.1" become "annex_v.1"; "Annex VIII Section A 1"
# becomes "annex_viii.a.1".
labels(item) := {norm_label(l) |
	some l in _declared(item)
} | {norm_label(l) |
	some pattern in [_art_re, _annex_re]
	some l in regex.find_n(pattern, object.get(item.attributes, "heading", ""), -1)
}

_declared(item) := [l |
	some v in object.filter(item.attributes, _declared_keys)
	some l in _as_list(v)
]

_declared_keys := ["points", "refs", "catalogue_ids", "section", "point", "annex_iv_point", "art13_point", "art17_point", "annex_v_point"]

_art_re := `(?i)\bart(?:icle|\.)?\s*\d{1,3}(?:\s*\(\s*\d{1,2}\s*\))?(?:\s*\(\s*[a-z]{1,2}\s*\))?`

_annex_re := `(?i)\bannex\s+[ivx]{1,5}\b(?:[\s,]*(?:section\s+)?[a-c]\b)?(?:[\s,]*(?:point\s+)?\d{1,2})?(?:\s*\(\s*[a-z]\s*\))?`

norm_label(l) := s if {
	s1 := regex.replace(lower(trim_space(sprintf("%v", [l]))), `[\s()]+`, ".")
	s2 := regex.replace(s1, `\b(section|point|pt|paragraph|para)\b\.?`, "")
	s3 := regex.replace(s2, `^(article|art)\.?`, "")
	s4 := regex.replace(s3, `^annex[._]?([ivx]+)`, "annex_${1}")
	s := trim(regex.replace(s4, `\.+`, "."), ".")
}

_as_list(v) := v if is_array(v)

_as_list(v) := [v] if is_string(v)

_as_list(v) := [] if {
	not is_array(v)
	not is_string(v)
}

# Labels of every item that can carry them (sections, or items with declared points), computed once
# per evaluation: covering() is called once per legal point, so labels must not be re-derived each time.
_label_index[id] := labels(item) if {
	some base in _label_kinds
	some kind in [base, concat("", [base, ".section"])]
	some id, item in evidence.all_of_kind(kind)
	_labelled(item)
}

# Only the document kinds judged point by point with labels here (Arts 17, 27, 47); other packages read
# the collector's refs directly.
_label_kinds := {"qms_procedure", "fria", "declaration_of_conformity"}

_labelled(item) if {
	some key in ["heading", "points", "refs", "section", "point", "art17_point", "annex_v_point"]
	item.attributes[key]
}

# Items among `items` ({id: item}) that cover label (already normalised).
covering(items, label) := [items[id] | some id in object.keys(object.get(_ids_by_label, label, {})); items[id]]

# {label: {id: true}} inverted from _label_index once (object.union_n merges the nested objects), so
# each covering() call is a lookup, not a scan of every item.
_ids_by_label := object.union_n([{l: {id: true}} | some id, ls in _label_index; some l in ls])

# Text length and excerpt of a section item (collectors give text_length and an excerpt).
text_length(item) := n if {
	n := object.get(item.attributes, "total_text_length", null)
	is_number(n)
}

text_length(item) := n if {
	not is_number(object.get(item.attributes, "total_text_length", null))
	n := object.get(item.attributes, "text_length", null)
	is_number(n)
}

text_length(item) := count(object.get(item.attributes, "excerpt", object.get(item.attributes, "text", ""))) if {
	not is_number(object.get(item.attributes, "total_text_length", null))
	not is_number(object.get(item.attributes, "text_length", null))
}

body(item) := sprintf("%v", [object.get(item.attributes, "excerpt", object.get(item.attributes, "text", ""))])

# section_problems(doc, what, items, min_chars): [] when some item has at least min_chars of text
# that is not a placeholder; otherwise what is missing or thin.
section_problems(doc, what, items, _) := [sprintf("%s has no section for %s", [doc, what])] if count(items) == 0

section_problems(_, _, items, min_chars) := [] if _some_substantive(items, min_chars)

section_problems(doc, what, items, min_chars) := [sprintf("%s section for %s is empty or a placeholder (%s)", [doc, what, concat(", ", sort(where))])] if {
	count(items) > 0
	not _some_substantive(items, min_chars)
	where := [sprintf("%q at %s, %d characters (at least %d expected)", [object.get(i.attributes, "heading", ""), documents.where(i), text_length(i), min_chars]) | some i in items]
}

_some_substantive(items, min_chars) if {
	some i in items
	text_length(i) >= min_chars
	not documents.placeholder(body(i))
}

# --- personal data -------------------------------------------------------------------------------

# The system processes personal data: the fact itself, or facts that imply it (profiling, decisions on
# natural persons, biometric identification, emotion recognition, biometric categorisation).
personal_data if fact("processes_personal_data") == true

personal_data if {
	not fact("processes_personal_data") == false
	some f in ["profiles_natural_persons", "decides_or_assists_decisions_on_natural_persons", "emotion_recognition", "biometric_categorisation"]
	fact(f) == true
}

personal_data if {
	not fact("processes_personal_data") == false
	fact("remote_biometric_identification") in {"real_time", "post"}
}

# --- establishment ----------------------------------------------------------------------------

# ISO 3166-1 alpha-2 codes of the 27 Member States.
eu_member_states := {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}

# The provider is established outside the Union: classification fact provider_established_in_eu false,
# or provider_country outside the Member States.
non_eu_provider if fact("provider_established_in_eu") == false

non_eu_provider if {
	not fact("provider_established_in_eu")
	c := upper(fact("provider_country"))
	not c in eu_member_states
}

# --- structured records ------------------------------------------------------------------------

# items(kind): fresh items of kind with the settings of a mapping-shaped YAML/JSON document (which the
# documents collector keeps under attributes.content) lifted into attributes, so a record written as
# `aiconform: {kind: conformity_assessment}` plus its keys reads like a collector-built item.
items(kind) := {id: _lifted(item) | some id, item in evidence.of_kind(kind)}

_lifted(item) := object.union(item, {"attributes": object.union(item.attributes, item.attributes.content)}) if is_object(item.attributes.content)

_lifted(item) := item if not is_object(object.get(item.attributes, "content", null))
