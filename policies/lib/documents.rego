# METADATA
# title: Document, section and registry helpers
# description: >-
#   Functions shared by the requirement policies that judge documents by content: which sections cover
#   which point (Annex IV point, Art 13(3) item), whether a section is substantive or a placeholder,
#   dates and ages, and which registered model version is the deployed one. Functions take their
#   arguments; only `as_of_ns` reads input.
# custom:
#   article: lib
package lib.documents

import rego.v1

_day_ns := ((24 * 60) * 60) * 1000000000

# --- points and sections ---------------------------------------------------------------------

# Normalised point label: lower case, no blanks, "2.b" and "2 (b)" both become "2(b)".
# Prefixes naming the provision ("Annex IV 2(b)", "Art. 13(3)(b)(ii)") are dropped: "2(b)", "3(b)(ii)".
norm_point(p) := q if {
	s := replace(lower(trim_space(sprintf("%v", [p]))), " ", "")
	t := regex.replace(regex.replace(s, `^(annex_?iv|point)[.:]?`, ""), `^(art(icle)?\.?)?13\(3\)`, "3")
	q := _dotted(t)
}

_dotted(s) := sprintf("%s(%s)", [parts[0], parts[1]]) if {
	regex.match(`^[0-9]+\.[a-z]+$`, s)
	parts := split(s, ".")
}

_dotted(s) := s if not regex.match(`^[0-9]+\.[a-z]+$`, s)

_as_list(v) := v if is_array(v)

_as_list(v) := [v] if is_string(v)

_as_list(v) := [] if {
	not is_array(v)
	not is_string(v)
}

# Labels a section declares it covers: attributes annex_iv_point / art13_point (string or list), points,
# and the catalogue ids the documents collector read from its heading (refs: annex_iv.2.b, art13.3.c).
points(sec) := {norm_point(p) |
	some key in ["annex_iv_point", "art13_point", "points"]
	some p in _as_list(object.get(sec.attributes, key, []))
} | {p |
	some ref in _as_list(object.get(sec.attributes, "refs", []))
	p := _ref_point(ref)
}

_ref_point(ref) := _nested(split(substring(ref, 9, -1), ".")) if startswith(ref, "annex_iv.")

_ref_point(ref) := _nested(array.concat(["3"], split(substring(ref, 8, -1), "."))) if startswith(ref, "art13.3.")

_nested(parts) := concat("", array.concat([parts[0]], [sprintf("(%s)", [x]) | some x in array.slice(parts, 1, count(parts))]))

# Sections whose heading matches a case-insensitive regular expression (fallback when the collector
# could not label the point).
heading_matches(sec, pattern) if regex.match(sprintf("(?i)%s", [pattern]), object.get(sec.attributes, "heading", ""))

# {point: [section ids]} over `sections` ({id: item}) for the points in `wanted` ({point: heading regex
# or ""}). A section covers a point when it carries the label, or (when the pattern is not "") its
# heading matches. Labels are looked up in an inverted index built once per `sections` (function
# results are memoised per argument), so labelled points cost O(1) each; only points with a heading
# pattern scan the headings.
index(sections, wanted) := {p: ids |
	by_label := _by_label(sections)
	some p, pattern in wanted
	np := norm_point(p)
	ids := sort(object.keys(object.union(object.get(by_label, np, {}), _matching(sections, pattern))))
}

# {label: {id: true}}: object.union_n merges nested objects, which groups ids by label in one pass.
_by_label(sections) := object.union_n([{l: {id: true}} | some id, sec in sections; some l in points(sec)])

_matching(_, "") := {}

_matching(sections, pattern) := {id: true |
	pattern != ""
	rx := sprintf("(?i)%s", [pattern])
	some id, sec in sections
	regex.match(rx, object.get(sec.attributes, "heading", ""))
}

_placeholder_re := `(?is)^[\s\W]*(tbd|tba|todo|fixme|tk|xxx|wip|to be (completed|written|defined|done|added|provided|confirmed)|lorem ipsum.*|placeholder|coming soon|n/?a|none|nil|-+|\.+)?[\s\W]*$`

# True when the text is empty or only a placeholder ("TBD", "TODO", "N/A", "lorem ipsum", "...").
placeholder(text) if regex.match(_placeholder_re, text)

_excerpt(sec) := object.get(sec.attributes, "excerpt", "")

# Characters of the section: its own body, or with its subsections (total_text_length) when larger.
_text_length(sec) := max(ns) if {
	ns := [n | some key in ["text_length", "total_text_length"]; n := object.get(sec.attributes, key, null); is_number(n)]
	count(ns) > 0
}

_text_length(sec) := count(_excerpt(sec)) if {
	not is_number(object.get(sec.attributes, "text_length", null))
	not is_number(object.get(sec.attributes, "total_text_length", null))
}

# A section declares the point not applicable (attribute not_applicable: true, or text starting so).
declared_not_applicable(sec) if object.get(sec.attributes, "not_applicable", false) == true

declared_not_applicable(sec) if regex.match(`(?is)^[\s\W]*(not applicable|n/a\b.{10,}|does not apply)`, _excerpt(sec))

# A section has content: at least min_chars characters and not a placeholder; or its subsections
# carry at least min_chars characters (total_text_length) while its own body is short.
substantive(sec, min_chars) if {
	_text_length(sec) >= min_chars
	not placeholder(_excerpt(sec))
}

substantive(sec, min_chars) if {
	_own_length(sec) < min_chars
	object.get(sec.attributes, "total_text_length", 0) >= min_chars + _own_length(sec)
}

_own_length(sec) := n if {
	n := object.get(sec.attributes, "text_length", null)
	is_number(n)
}

_own_length(sec) := count(_excerpt(sec)) if not is_number(object.get(sec.attributes, "text_length", null))

# Problems for one point of a document. `secs` is the list of section items covering the point;
# `conditional` is true where the law says "where applicable" (a reasoned "not applicable" section
# then satisfies it). `doc` is the label of the document, `what` names the point.
point_problems(doc, what, secs, conditional, min_chars) := [msg] if {
	count(secs) == 0
	msg := sprintf("%s has no section for %s", [doc, what])
}

point_problems(doc, what, secs, conditional, min_chars) := [] if {
	some sec in secs
	substantive(sec, min_chars)
	_na_ok(sec, conditional)
}

point_problems(doc, what, secs, conditional, min_chars) := msgs if {
	count(secs) > 0
	not _some_ok(secs, conditional, min_chars)
	msgs := [_section_problem(doc, what, sec, conditional, min_chars) | some sec in secs]
}

_some_ok(secs, conditional, min_chars) if {
	some sec in secs
	substantive(sec, min_chars)
	_na_ok(sec, conditional)
}

_na_ok(_, true)

_na_ok(sec, false) if not declared_not_applicable(sec)

_section_problem(doc, what, sec, _, min_chars) := sprintf("%s section %q (%s) for %s is empty or a placeholder (%d characters, at least %d expected)", [
	doc, object.get(sec.attributes, "heading", ""), where(sec), what, _text_length(sec), min_chars,
]) if not substantive(sec, min_chars)

_section_problem(doc, what, sec, false, min_chars) := sprintf("%s section %q (%s) declares %s not applicable, but it applies to every high-risk system", [
	doc, object.get(sec.attributes, "heading", ""), where(sec), what,
]) if {
	substantive(sec, min_chars)
	declared_not_applicable(sec)
}

# "uri:line" (or the uri alone) for messages.
where(item) := sprintf("%s:%d", [item.source_uri, _line(item)]) if _line(item) != null

where(item) := item.source_uri if _line(item) == null

_line(item) := l if {
	l := object.get(item.attributes, "line", object.get(item, "line", null))
	is_number(l)
}

_line(item) := null if {
	l := object.get(item.attributes, "line", object.get(item, "line", null))
	not is_number(l)
}

# Finding locations for items: [{uri, line}].
locations(items) := [loc |
	some item in items
	loc := {"uri": item.source_uri, "line": _line(item)}
]

# Section items for a list of ids.
pick(sections, ids) := [sections[id] | some id in ids]

# --- dates -----------------------------------------------------------------------------------

# Nanoseconds for "YYYY-MM-DD" or an RFC 3339 timestamp; undefined when neither.
date_ns(d) := time.parse_ns("2006-01-02", d) if {
	is_string(d)
	regex.match(`^\d{4}-\d{2}-\d{2}$`, d)
}

date_ns(d) := time.parse_rfc3339_ns(d) if {
	is_string(d)
	regex.match(`^\d{4}-\d{2}-\d{2}T`, d)
}

valid_date(d) if date_ns(d)

as_of_ns := time.parse_rfc3339_ns(input.as_of)

# Whole days from date d to as_of (negative when d is later).
age_days(d) := floor((as_of_ns - date_ns(d)) / _day_ns)

days_between(a, b) := (date_ns(b) - date_ns(a)) / _day_ns

# --- values ------------------------------------------------------------------------------------

# A structured fact of an evidence item: the attribute itself, else the same key in the mapping of a
# YAML/JSON document (attributes.content), else in its front matter / aiconform block (attributes.metadata).
# Undefined when none has a non-null value; use fact_or for a default.
fact(item, key) := [v |
	some src in _fact_sources(item)
	v := object.get(src, key, null)
	v != null
][0]

# A fact with content (not "", [], {}).
has_fact(item, key) if {
	v := fact(item, key)
	v != ""
	v != []
	v != {}
}

fact_or(item, key, dflt) := v if v := fact(item, key)

fact_or(item, key, dflt) := dflt if not fact(item, key)

_fact_sources(item) := [a, _sub(a, "content"), _sub(a, "metadata")] if a := object.get(item, "attributes", {})

_sub(a, k) := a[k] if is_object(object.get(a, k, null))

_sub(a, k) := {} if not is_object(object.get(a, k, null))

# A field of a record (a risk): the field, else the same key among the columns the collector kept
# under `extra`.
rfact(r, key) := v if {
	v := object.get(r, key, null)
	v != null
}

rfact(r, key) := v if {
	object.get(r, key, null) == null
	v := object.get(object.get(r, "extra", {}), key, null)
	v != null
}

rfact_or(r, key, dflt) := v if v := rfact(r, key)

rfact_or(r, key, dflt) := dflt if not rfact(r, key)

# A list from a list, or from a string split on ; , | (CSV cells), else [].
as_list(v) := v if is_array(v)

as_list(v) := [trim_space(x) | some x in regex.split(`[;,|]`, v); trim_space(x) != ""] if is_string(v)

as_list(v) := [] if {
	not is_array(v)
	not is_string(v)
}

nonempty(obj, field) if {
	v := object.get(obj, field, null)
	v != null
	v != ""
	v != []
	v != {}
}

# {name: number} from an object {name: value} or a list [{name|key, value}].
# Keys differing only in case keep the value of the first key in sort order.
named_numbers(v) := {lk: v[k] |
	some lk in {lower(k) | some k, x in v; is_number(x)}
	k := min({k2 | some k2, x in v; is_number(x); lower(k2) == lk})
} if is_object(v)

named_numbers(v) := {lk: val |
	some lk in {lower(_mname(m)) | some m in v; is_object(m); is_number(m.value)}
	val := [m.value | some m in v; is_object(m); is_number(m.value); lower(_mname(m)) == lk][0]
} if is_array(v)

_mname(m) := sprintf("%v", [object.get(m, "name", object.get(m, "key", ""))])

named_numbers(v) := {} if {
	not is_object(v)
	not is_array(v)
}

# --- registered model versions -----------------------------------------------------------------

# The deployed versions among model_version items ({id: item}): those the MLflow collector marked
# deployed (attributes.deployed); else those carrying one of `aliases` as an alias or stage
# (case-insensitive); when none does, the highest version number of each model.
deployed_versions(versions, aliases) := d if {
	d := _marked(versions)
	count(d) > 0
}

deployed_versions(versions, aliases) := d if {
	count(_marked(versions)) == 0
	d := _aliased(versions, aliases)
	count(d) > 0
}

deployed_versions(versions, aliases) := latest_versions(versions) if {
	count(_marked(versions)) == 0
	count(_aliased(versions, aliases)) == 0
}

_marked(versions) := {id: v | some id, v in versions; object.get(v.attributes, "deployed", false) == true}

# Measured metrics of a model version: attributes.metrics, else the source run's metrics.
version_metrics(v) := named_numbers(object.get(v.attributes, "metrics", {})) if count(named_numbers(object.get(v.attributes, "metrics", {}))) > 0

version_metrics(v) := named_numbers(object.get(object.get(v.attributes, "run", {}), "metrics", {})) if count(named_numbers(object.get(v.attributes, "metrics", {}))) == 0

_aliased(versions, aliases) := {id: v |
	some id, v in versions
	_has_alias(v, aliases)
}

_has_alias(v, aliases) if {
	some a in _alias_list(object.get(v.attributes, "aliases", []))
	lower(a) in aliases
}

_alias_list(a) := a if is_array(a)

_alias_list(a) := object.keys(a) if is_object(a)

_alias_list(a) := [] if {
	not is_array(a)
	not is_object(a)
}

_has_alias(v, aliases) if lower(object.get(v.attributes, "stage", "")) in aliases

latest_versions(versions) := {id: v |
	some id, v in versions
	name := object.get(v.attributes, "name", "")
	top := max([_vnum(w) | some w in versions; object.get(w.attributes, "name", "") == name])
	_vnum(v) == top
}

_vnum(v) := to_number(object.get(v.attributes, "version", 0)) if regex.match(`^[0-9]+(\.[0-9]+)?$`, sprintf("%v", [object.get(v.attributes, "version", 0)]))

_vnum(v) := 0 if not regex.match(`^[0-9]+(\.[0-9]+)?$`, sprintf("%v", [object.get(v.attributes, "version", 0)]))

# When a model version was registered: created_at (RFC 3339 / date) or MLflow creation_timestamp (ms).
version_created_ns(v) := date_ns(v.attributes.created_at) if valid_date(object.get(v.attributes, "created_at", null))

version_created_ns(v) := v.attributes.creation_timestamp * 1000000 if {
	not valid_date(object.get(v.attributes, "created_at", null))
	is_number(object.get(v.attributes, "creation_timestamp", null))
}

# "name v3" for messages.
version_label(v) := sprintf("%s v%v", [object.get(v.attributes, "name", "?"), object.get(v.attributes, "version", "?")])

# --- log streams ---------------------------------------------------------------------------------

# Share of a log stream's records that carry a non-empty value for a field: the stream's
# field_completeness ratio, else from the logs collector's per-field counts (fields.<f>.present minus
# fields.<f>.empty, over record_count). Undefined when the field was never seen.
field_ratio(s, field) := r if {
	r := object.get(object.get(s.attributes, "field_completeness", {}), field, null)
	is_number(r)
}

field_ratio(s, field) := r if {
	not is_number(object.get(object.get(s.attributes, "field_completeness", {}), field, null))
	f := object.get(object.get(s.attributes, "fields", {}), field, null)
	is_object(f)
	n := object.get(s.attributes, "record_count", 0)
	n > 0
	r := (object.get(f, "present", 0) - object.get(f, "empty", 0)) / n
}

pct(r) := round(r * 10000) / 100
