# METADATA
# title: Art 12 - Record-keeping
# description: >-
#   High-risk AI systems technically allow the automatic recording of events (logs) over their
#   lifetime, and the logs record what Art 12(2) needs for traceability: situations that may present
#   a risk or indicate a substantial modification, post-market monitoring, and the deployer's
#   monitoring of operation. Remote biometric identification systems (Annex III point 1(a)) log at
#   least the Art 12(3) items. Judged on the collected log streams: coverage in time, gaps, malformed
#   records, and the share of records that carry each required field.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 12
# custom:
#   article: "12"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art12

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_streams := evidence.of_kind("log_stream")

_hour_ns := (60 * 60) * 1000000000

_min_ratio := evidence.config("log_field_completeness_min")

# Remote biometric identification: the classification was triggered by Annex III point 1(a).
_rbi if {
	some p in object.get(object.get(input, "classification", {}), "triggering_provisions", [])
	p.id == "annex3.1.a"
}

_rbi_na := "" if _rbi

_rbi_na := "Art 12(3) binds remote biometric identification systems (Annex III point 1(a)); this system's classification was not triggered by that point" if not _rbi

# Problems for a set of required fields over all log streams.
_field_problems(fields) := [msg] if {
	count(_streams) == 0
	msg := evidence.missing_message("log_stream", "log stream")
}

_field_problems(fields) := [msg |
	some id, s in _streams
	some field in fields
	msg := _field_problem(s, field)
] if count(_streams) > 0

_field_problem(s, field) := sprintf("log stream %s: no record carries field %s", [s.source_uri, field]) if {
	not documents.field_ratio(s, field)
}

_field_problem(s, field) := sprintf("log stream %s: field %s is present in %v%% of %v records (at least %v%% required)", [
	s.source_uri, field, documents.pct(ratio), object.get(s.attributes, "record_count", "?"), documents.pct(_min_ratio),
]) if {
	ratio := documents.field_ratio(s, field)
	ratio < _min_ratio
}

_fields(group, key) := object.get(evidence.config(group), key, [])

# Art 12(3): the logs collector maps each item to a field (art12_fields, profile rbi) and counts the
# records that fill it (art12_present); without that mapping, the default field name is looked up.
_rbi_problems(keys) := [msg] if {
	count(_streams) == 0
	msg := evidence.missing_message("log_stream", "log stream")
}

_rbi_problems(keys) := [msg |
	some s in _streams
	some key in keys
	msg := _rbi_problem(s, key)
] if count(_streams) > 0

_rbi_ratio(s, key) := r if {
	object.get(object.get(s.attributes, "art12_fields", {}), key, null) != null
	n := object.get(s.attributes, "record_count", 0)
	n > 0
	r := object.get(object.get(s.attributes, "art12_present", {}), key, 0) / n
}

_rbi_ratio(s, key) := r if {
	object.get(object.get(s.attributes, "art12_fields", {}), key, null) == null
	r := documents.field_ratio(s, object.get(evidence.config("art12_3_log_fields"), key, key))
}

_rbi_field(s, key) := f if {
	f := object.get(object.get(s.attributes, "art12_fields", {}), key, null)
	f != null
}

_rbi_field(s, key) := object.get(evidence.config("art12_3_log_fields"), key, key) if object.get(object.get(s.attributes, "art12_fields", {}), key, null) == null

_rbi_problem(s, key) := sprintf("log stream %s: no record carries %s (field %s); map it in the logs source (art12 or profile rbi)", [s.source_uri, key, _rbi_field(s, key)]) if not _rbi_ratio(s, key)

_rbi_problem(s, key) := sprintf("log stream %s: %s (field %s) is present in %v%% of %v records (at least %v%% required)", [
	s.source_uri, key, _rbi_field(s, key), documents.pct(r), object.get(s.attributes, "record_count", "?"), documents.pct(_min_ratio),
]) if {
	r := _rbi_ratio(s, key)
	r < _min_ratio
}

_rbi_obs(keys) := {
	"problems": _rbi_problems(keys),
	"subjects": _subjects,
	"evidence": evidence.hashes(_streams),
	"locations": documents.locations([s | some s in _streams]),
	"not_applicable": _rbi_na,
}

_obs(fields) := {
	"problems": _field_problems(fields),
	"subjects": _subjects,
	"evidence": evidence.hashes(_streams),
	"locations": documents.locations([s | some s in _streams]),
}

_subjects := ["system"] if count(_streams) == 0

_subjects := sort(object.keys(_streams)) if count(_streams) > 0

# --- Art 12(1) ---------------------------------------------------------------------------------

_gap_hours(g) := g.seconds / 3600 if is_number(object.get(g, "seconds", null))

_gap_hours(g) := (documents.date_ns(object.get(g, "end", object.get(g, "to", ""))) - documents.date_ns(object.get(g, "start", object.get(g, "from", "")))) / _hour_ns if {
	not is_number(object.get(g, "seconds", null))
}

_long_gaps(s) := [g |
	gaps := object.get(s.attributes, "gaps", [])
	is_array(gaps)
	some g in gaps
	_gap_too_long(g)
]

_gap_too_long(g) if _gap_hours(g) > evidence.config("log_max_gap_hours")

# A gap the collector reported without start/end cannot be measured: it counts.
_gap_too_long(g) if not _gap_hours(g)

# Malformed lines: the logs collector's malformed [{line, reason}] (or a list of line numbers).
_malformed(s) := [l |
	some key in ["malformed", "malformed_lines"]
	m := object.get(s.attributes, key, [])
	is_array(m)
	some x in m
	l := _line_of(x)
]

_line_of(x) := x if is_number(x)

_line_of(x) := x.line if is_object(x)

_malformed_count(s) := max([n |
	some n in [count(_malformed(s)), object.get(s.attributes, "malformed_count", 0), object.get(s.attributes, "malformed_lines", 0)]
	is_number(n)
])

# METADATA
# title: Events are logged automatically and continuously over the system's lifetime
# custom:
#   id: AIACT-12-1
#   citation: Art. 12(1)
#   catalogue_ids: [art12.1]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make the system write an event log automatically for every use, keep it flowing (no silent
#     periods longer than log_max_gap_hours, recent records within log_max_silence_days) and keep its
#     records well-formed; point the log collector at it.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_12_1,
	"subjects": _subjects,
	"evidence": evidence.hashes(_streams),
	"locations": array.concat(
		documents.locations([s | some s in _streams]),
		[{"uri": s.source_uri, "line": l} | some s in _streams; some l in array.slice(_malformed(s), 0, 5)],
	),
})

_problems_12_1 contains msg if msg := evidence.missing_message("log_stream", "log stream")

_problems_12_1 contains msg if {
	some s in _streams
	object.get(s.attributes, "record_count", 0) == 0
	msg := sprintf("log stream %s holds no records", [s.source_uri])
}

_problems_12_1 contains msg if {
	some s in _streams
	not documents.valid_date(object.get(s.attributes, "period_end", null))
	object.get(s.attributes, "record_count", 0) > 0
	msg := sprintf("log stream %s: the period it covers is unknown (no period_end)", [s.source_uri])
}

_problems_12_1 contains msg if {
	some s in _streams
	end := s.attributes.period_end
	documents.age_days(end) > evidence.config("log_max_silence_days")
	msg := sprintf("log stream %s ends on %s, more than %d days before %s: logging is not continuous", [s.source_uri, substring(end, 0, 10), evidence.config("log_max_silence_days"), substring(input.as_of, 0, 10)])
}

_problems_12_1 contains msg if {
	some s in _streams
	long := _long_gaps(s)
	count(long) > 0
	msg := sprintf("log stream %s has %d gap(s) longer than %v hours, e.g. %s to %s", [
		s.source_uri, count(long), evidence.config("log_max_gap_hours"),
		object.get(long[0], "start", object.get(long[0], "from", "?")), object.get(long[0], "end", object.get(long[0], "to", "?")),
	])
}

_problems_12_1 contains msg if {
	some s in _streams
	count(_long_gaps(s)) == 0
	largest := object.get(s.attributes, "largest_gap_seconds", 0)
	is_number(largest)
	largest / 3600 > evidence.config("log_max_gap_hours")
	msg := sprintf("log stream %s has a gap of %v hours, longer than %v hours", [s.source_uri, round(largest / 36) / 100, evidence.config("log_max_gap_hours")])
}

_problems_12_1 contains msg if {
	some s in _streams
	n := _malformed_count(s)
	n > 0
	lines := [sprintf("%v", [l]) | some l in array.slice(_malformed(s), 0, 5)]
	msg := sprintf("log stream %s has %d malformed record(s)%s", [s.source_uri, n, _at_lines(lines)])
}

_at_lines(lines) := "" if count(lines) == 0

_at_lines(lines) := sprintf(" (lines %s)", [concat(", ", lines)]) if count(lines) > 0

# --- Art 12(2)(a)-(c) and 12(3)(a)-(d): fields every record carries -------------------------------

# METADATA
# title: Log records identify situations that may present a risk or indicate a substantial modification
# custom:
#   id: AIACT-12-2-a
#   citation: Art. 12(2)(a)
#   catalogue_ids: [art12.2, art12.2.a]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the fields configured under art12_log_fields.a (field names in your log;
#     override them in aiconform.yaml thresholds to match your schema).
findings contains findings.result(rego.metadata.chain(), _obs(_fields("art12_log_fields", "a")))

# METADATA
# title: Log records support post-market monitoring
# custom:
#   id: AIACT-12-2-b
#   citation: Art. 12(2)(b)
#   catalogue_ids: [art12.2, art12.2.b]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the fields configured under art12_log_fields.b (field names in your log;
#     override them in aiconform.yaml thresholds to match your schema).
findings contains findings.result(rego.metadata.chain(), _obs(_fields("art12_log_fields", "b")))

# METADATA
# title: Log records support the deployer's monitoring of operation
# custom:
#   id: AIACT-12-2-c
#   citation: Art. 12(2)(c)
#   catalogue_ids: [art12.2, art12.2.c]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the fields configured under art12_log_fields.c (field names in your log;
#     override them in aiconform.yaml thresholds to match your schema).
findings contains findings.result(rego.metadata.chain(), _obs(_fields("art12_log_fields", "c")))

# METADATA
# title: RBI logs record the period of each use (start and end date and time)
# custom:
#   id: AIACT-12-3-a
#   citation: Art. 12(3)(a)
#   catalogue_ids: [art12.3, art12.3.a]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the Art 12(3) item (logs source profile rbi, or its art12 mapping;
#     default field names under art12_3_log_fields).
findings contains findings.result(rego.metadata.chain(), _rbi_obs(["period_start", "period_end"]))

# METADATA
# title: RBI logs record the reference database checked
# custom:
#   id: AIACT-12-3-b
#   citation: Art. 12(3)(b)
#   catalogue_ids: [art12.3, art12.3.b]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the Art 12(3) item (logs source profile rbi, or its art12 mapping;
#     default field names under art12_3_log_fields).
findings contains findings.result(rego.metadata.chain(), _rbi_obs(["reference_database"]))

# METADATA
# title: RBI logs record the input data that led to a match
# custom:
#   id: AIACT-12-3-c
#   citation: Art. 12(3)(c)
#   catalogue_ids: [art12.3, art12.3.c]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the Art 12(3) item (logs source profile rbi, or its art12 mapping;
#     default field names under art12_3_log_fields).
findings contains findings.result(rego.metadata.chain(), _rbi_obs(["input_data"]))

# METADATA
# title: RBI logs identify the natural persons who verified the results
# custom:
#   id: AIACT-12-3-d
#   citation: Art. 12(3)(d)
#   catalogue_ids: [art12.3, art12.3.d]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Make every log record carry the Art 12(3) item (logs source profile rbi, or its art12 mapping;
#     default field names under art12_3_log_fields).
findings contains findings.result(rego.metadata.chain(), _rbi_obs(["verified_by"]))

