# METADATA
# title: Art 27 - Fundamental rights impact assessment
# description: >-
#   Before first use of an Annex III high-risk system (except point 2), deployers that are bodies governed by
#   public law or private entities providing public services, and any deployer of an Annex III point 5(b)
#   (creditworthiness) or 5(c) (life and health insurance pricing) system, assess the impact on fundamental
#   rights (Art 27(1)(a)-(f)) and notify the market surveillance authority of the results (Art 27(3)).
#   Judged on the FRIA's sections (kind fria or fria.section, labelled or headed with Art 27(1)(x)), its
#   date (completed_at) against first use, and the notification (notified_msa_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 27, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "27"
#   tiers: [high_risk]
#   roles: [deployer, public_authority_deployer]
#   applies_from: high_risk
package aiact.art27

import data.aiact.art26
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

# Who must (catalogue who_must): public bodies, private entities providing public services, deployers of
# Annex III 5(b) or 5(c) systems; never Annex III point 2 (critical infrastructure).
binds if {
	not conditions.has_provision("annex3.2")
	_who
}

_who if art26.public_deployer

_who if conditions.fact("private_entity_providing_public_services") == true

_who if conditions.has_provision("annex3.5.b")

_who if conditions.has_provision("annex3.5.c")

default _reason := ""

_reason := "the deployer is neither a public body nor a private entity providing public services, and the system is not an Annex III point 5(b) or 5(c) system (Art 27(1))" if {
	not _who
	not conditions.has_provision("annex3.2")
}

_reason := "Annex III point 2 (critical infrastructure) systems are excluded from Art 27" if conditions.has_provision("annex3.2")

_fria := conditions.doc_items("fria")

_sections := {
	"a": "the deployer's processes in which the system is used",
	"b": "the period and frequency of intended use",
	"c": "the categories of natural persons and groups likely to be affected",
	"d": "the specific risks of harm to those categories",
	"e": "the human oversight measures",
	"f": "the measures to be taken if the risks materialise, including governance and complaint mechanisms",
}

# METADATA
# title: The FRIA covers Art 27(1)(a)-(f) with real content
# custom:
#   id: AIACT-27-1
#   citation: Art. 27(1)(a)-(f)
#   catalogue_ids: [art27, art27.1.a, art27.1.b, art27.1.c, art27.1.d, art27.1.e, art27.1.f]
#   severity: deny
#   evidence_kinds: [fria]
#   remediation: Complete every part of the FRIA, one section per point of Art 27(1) headed with the point, using the provider's Art 13 information for (d) and (e).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(_fria),
	"not_applicable": _reason,
})

_p1 contains conditions.doc_missing("fria", "fundamental rights impact assessment")

_p1 contains msg if {
	count(_fria) > 0
	some x, what in _sections
	some msg in conditions.section_problems("the FRIA", sprintf("Art 27(1)(%s), %s", [x, what]), conditions.covering(_fria, sprintf("27.1.%s", [x])), evidence.config("fria_section_min_chars"))
}

_fria_docs := object.union(conditions.docs("fria"), _fria)

_dates := {d | some i in _fria_docs; d := conditions.meta(i, "completed_at"); conditions.valid_ts(d)}

_notified := {d | some i in _fria_docs; d := conditions.meta(i, "notified_msa_at"); conditions.valid_ts(d)}

# METADATA
# title: The FRIA was completed before first use and its results notified to the market surveillance authority
# custom:
#   id: AIACT-27-3
#   citation: Art. 27(1), 27(3)
#   catalogue_ids: [art27]
#   severity: deny
#   evidence_kinds: [fria]
#   remediation: Date the FRIA (completed_at) before first use, and notify the market surveillance authority of its results with the AI Office template (notified_msa_at).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p3,
	"evidence": evidence.hashes(_fria),
	"not_applicable": _reason,
})

_p3 contains conditions.doc_missing("fria", "fundamental rights impact assessment")

_p3 contains "the FRIA is not dated (completed_at)" if {
	count(_fria) > 0
	count(_dates) == 0
}

_p3 contains msg if {
	first := conditions.fact("first_use_at")
	some d in _dates
	conditions.days(d, first) < 0
	not _some_before(first)
	msg := sprintf("the FRIA was completed on %s, after first use on %s", [d, first])
}

_some_before(first) if {
	some d in _dates
	conditions.days(d, first) >= 0
}

_p3 contains "no record that the market surveillance authority was notified of the FRIA results (notified_msa_at)" if {
	count(_fria) > 0
	count(_notified) == 0
}
