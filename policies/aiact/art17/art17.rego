# METADATA
# title: Art 17 - Quality management system
# description: >-
#   Providers of high-risk AI systems put a documented quality management system in place that covers
#   at least Art 17(1)(a)-(m). Each point is judged on the QMS documents' sections (kind qms_procedure,
#   one item per section or per document, labelled or headed with the Art 17(1) point): a point needs a
#   section with real text, not a heading or a placeholder. Financial institutions subject to Union
#   financial-services governance rules are deemed to comply except for points (g), (h) and (i) (Art 17(4)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 17, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "17"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art17

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_qms := conditions.doc_items("qms_procedure")

_min_chars := evidence.config("qms_section_min_chars")

_financial := conditions.fact("financial_institution") == true

# obs for one Art 17(1) point.
_point(x, what) := obs if {
	secs := conditions.covering(_qms, sprintf("17.1.%s", [x]))
	obs := {
		"problems": _point_problems(x, what, secs),
		"evidence": evidence.hashes(secs),
		"locations": [{"uri": s.source_uri, "line": object.get(s.attributes, "line", null)} | some s in secs],
		"not_applicable": _fi_reason(x),
	}
}

_point_problems(_, _, _) := [msg] if {
	count(_qms) == 0
	msg := conditions.doc_missing("qms_procedure", "quality management system documentation")
}

_point_problems(x, what, secs) := conditions.section_problems(
	"the quality management system documentation",
	sprintf("Art 17(1)(%s), %s", [x, what]),
	secs, _min_chars,
) if count(_qms) > 0

_fi_reason(x) := "" if not _financial

_fi_reason(x) := "" if {
	_financial
	x in {"g", "h", "i"}
}

_fi_reason(x) := sprintf("financial institutions under Union financial-services governance rules are deemed to meet Art 17(1)(%s) (Art 17(4))", [x]) if {
	_financial
	not x in {"g", "h", "i"}
}

# METADATA
# title: Regulatory compliance strategy covers conformity assessment and management of modifications
# custom:
#   id: AIACT-17-1-a
#   citation: Art. 17(1)(a)
#   catalogue_ids: [art17.1.a]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(a)" to the QMS documentation describing a regulatory compliance strategy, including conformity-assessment procedures and the management of modifications
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("a", "a regulatory compliance strategy, including conformity-assessment procedures and the management of modifications"))

# METADATA
# title: Design, design control and design verification procedures are documented
# custom:
#   id: AIACT-17-1-b
#   citation: Art. 17(1)(b)
#   catalogue_ids: [art17.1.b]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(b)" to the QMS documentation describing techniques, procedures and systematic actions for design, design control and design verification
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("b", "techniques, procedures and systematic actions for design, design control and design verification"))

# METADATA
# title: Development, quality control and quality assurance procedures are documented
# custom:
#   id: AIACT-17-1-c
#   citation: Art. 17(1)(c)
#   catalogue_ids: [art17.1.c]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(c)" to the QMS documentation describing techniques, procedures and systematic actions for development, quality control and quality assurance
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("c", "techniques, procedures and systematic actions for development, quality control and quality assurance"))

# METADATA
# title: Examination, test and validation procedures and their frequency are documented
# custom:
#   id: AIACT-17-1-d
#   citation: Art. 17(1)(d)
#   catalogue_ids: [art17.1.d]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(d)" to the QMS documentation describing examination, test and validation procedures before, during and after development, and their frequency
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("d", "examination, test and validation procedures before, during and after development, and their frequency"))

# METADATA
# title: Technical specifications and standards applied are documented
# custom:
#   id: AIACT-17-1-e
#   citation: Art. 17(1)(e)
#   catalogue_ids: [art17.1.e]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(e)" to the QMS documentation describing technical specifications and standards applied (and the means to meet Section 2 where harmonised standards are not fully applied)
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("e", "technical specifications and standards applied (and the means to meet Section 2 where harmonised standards are not fully applied)"))

# METADATA
# title: Data management systems and procedures are documented
# custom:
#   id: AIACT-17-1-f
#   citation: Art. 17(1)(f)
#   catalogue_ids: [art17.1.f]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(f)" to the QMS documentation describing data management systems and procedures (acquisition, collection, analysis, labelling, storage, filtration, mining, aggregation, retention)
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("f", "data management systems and procedures (acquisition, collection, analysis, labelling, storage, filtration, mining, aggregation, retention)"))

# METADATA
# title: The risk management system (Art 9) is part of the QMS
# custom:
#   id: AIACT-17-1-g
#   citation: Art. 17(1)(g)
#   catalogue_ids: [art17.1.g]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(g)" to the QMS documentation describing the risk management system of Art 9
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("g", "the risk management system of Art 9"))

# METADATA
# title: Post-market monitoring (Art 72) is part of the QMS
# custom:
#   id: AIACT-17-1-h
#   citation: Art. 17(1)(h)
#   catalogue_ids: [art17.1.h]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(h)" to the QMS documentation describing the set-up, implementation and maintenance of post-market monitoring (Art 72)
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("h", "the set-up, implementation and maintenance of post-market monitoring (Art 72)"))

# METADATA
# title: Serious-incident reporting procedures (Art 73) are part of the QMS
# custom:
#   id: AIACT-17-1-i
#   citation: Art. 17(1)(i)
#   catalogue_ids: [art17.1.i]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(i)" to the QMS documentation describing procedures for reporting serious incidents (Art 73)
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("i", "procedures for reporting serious incidents (Art 73)"))

# METADATA
# title: Communication with authorities, notified bodies, operators and customers is handled
# custom:
#   id: AIACT-17-1-j
#   citation: Art. 17(1)(j)
#   catalogue_ids: [art17.1.j]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(j)" to the QMS documentation describing the handling of communication with authorities, notified bodies, other operators, customers and other interested parties
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("j", "the handling of communication with authorities, notified bodies, other operators, customers and other interested parties"))

# METADATA
# title: Record-keeping systems and procedures are documented
# custom:
#   id: AIACT-17-1-k
#   citation: Art. 17(1)(k)
#   catalogue_ids: [art17.1.k]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(k)" to the QMS documentation describing systems and procedures for record-keeping of all relevant documentation and information
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("k", "systems and procedures for record-keeping of all relevant documentation and information"))

# METADATA
# title: Resource management, including security of supply, is documented
# custom:
#   id: AIACT-17-1-l
#   citation: Art. 17(1)(l)
#   catalogue_ids: [art17.1.l]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(l)" to the QMS documentation describing resource management, including security-of-supply measures
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("l", "resource management, including security-of-supply measures"))

# METADATA
# title: An accountability framework sets out management and staff responsibilities
# custom:
#   id: AIACT-17-1-m
#   citation: Art. 17(1)(m)
#   catalogue_ids: [art17.1.m]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Add a section headed with "Art 17(1)(m)" to the QMS documentation describing an accountability framework setting out the responsibilities of management and other staff
#     (at least qms_section_min_chars characters of real text).
findings contains findings.result(rego.metadata.chain(), _point("m", "an accountability framework setting out the responsibilities of management and other staff"))

# METADATA
# title: The QMS is a controlled document with an owner and a current review
# description: >-
#   Art 17(1) requires the system to be documented "in the form of written policies, procedures and
#   instructions"; a controlled document carries an owner and a review or approval date. The review must be
#   within qms_review_period_days of the evaluation date.
# custom:
#   id: AIACT-17-1
#   citation: Art. 17(1), 16(c)
#   catalogue_ids: [art17, art16.c]
#   severity: deny
#   evidence_kinds: [qms_procedure]
#   remediation: >-
#     Give the QMS manual front matter with `owner` and `reviewed_at` (or `approved_at`), and review it at
#     least every qms_review_period_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _control_problems,
	"evidence": evidence.hashes(_qms),
})

_control_problems contains msg if {
	count(_qms) == 0
	msg := conditions.doc_missing("qms_procedure", "quality management system documentation")
}

_qms_docs := object.union(conditions.docs("qms_procedure"), _qms)

_owners := {o | some i in _qms_docs; o := conditions.meta(i, "owner"); o != ""}

_reviews := {d |
	some i in _qms_docs
	some k in ["reviewed_at", "approved_at", "review_date"]
	d := conditions.meta(i, k)
	conditions.valid_ts(d)
}

_control_problems contains "the QMS documentation names no owner" if {
	count(_qms) > 0
	count(_owners) == 0
}

_control_problems contains "the QMS documentation carries no review or approval date (reviewed_at / approved_at)" if {
	count(_qms) > 0
	count(_reviews) == 0
}

_control_problems contains msg if {
	count(_reviews) > 0
	latest := max({conditions.ns(d) | some d in _reviews})
	period := evidence.config("qms_review_period_days")
	(conditions.as_of_ns - latest) / conditions.day_ns > period
	msg := sprintf("the QMS was last reviewed more than %d days before %s", [period, conditions.as_of_date])
}
