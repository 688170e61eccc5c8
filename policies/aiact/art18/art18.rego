# METADATA
# title: Art 18 - Documentation keeping
# description: >-
#   For ten years after the system is placed on the market or put into service the provider keeps the
#   technical documentation, the QMS documentation, notified-body changes and decisions (where a notified
#   body was involved) and the EU declaration of conformity at the disposal of national authorities. Judged
#   on the records-retention schedule (kind retention_schedule: records [{record, retention_years}]).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 18
# custom:
#   article: "18"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art18

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_schedules := conditions.items("retention_schedule")

# Art 18(1): ten years, a number fixed by the Regulation.
_years := 10

_entries := [e | some s in _schedules; some e in object.get(s.attributes, "records", [])]

_years_for(record) := max({y | some e in _entries; lower(object.get(e, "record", "")) == record; y := object.get(e, "retention_years", 0); is_number(y)})

# Notified-body records are needed only when a notified body took part (Annex VII route).
notified_body_involved if conditions.fact("conformity_route") == "annex_vii"

notified_body_involved if {
	some ca in conditions.items("conformity_assessment")
	ca.attributes.route == "annex_vii"
}

_required := {"technical_documentation": "Art 18(1)(a) technical documentation", "qms_documentation": "Art 18(1)(b) QMS documentation", "declaration_of_conformity": "Art 18(1)(e) EU declaration of conformity"}

_required_nb := {"notified_body_changes": "Art 18(1)(c) changes approved by notified bodies", "notified_body_decisions": "Art 18(1)(d) notified-body decisions and documents"}

_needed := object.union(_required, _nb) if {
	_nb := _required_nb
	notified_body_involved
}

_needed := _required if not notified_body_involved

# METADATA
# title: Documentation is kept for ten years
# custom:
#   id: AIACT-18-1
#   citation: Art. 18(1), 16(d)
#   catalogue_ids: [art18, art16.d]
#   severity: deny
#   evidence_kinds: [retention_schedule]
#   remediation: >-
#     Keep a records-retention schedule listing technical_documentation, qms_documentation and
#     declaration_of_conformity (and notified_body_changes / notified_body_decisions where a notified body
#     took part), each with retention_years >= 10 from placing on the market.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"evidence": evidence.hashes(_schedules),
})

_problems contains msg if msg := evidence.missing_message("retention_schedule", "records-retention schedule")

_problems contains msg if {
	count(_schedules) > 0
	some record, label in _needed
	not _years_for(record)
	msg := sprintf("the retention schedule has no entry for %s (record %q)", [label, record])
}

_problems contains msg if {
	some record, label in _needed
	y := _years_for(record)
	y < _years
	msg := sprintf("%s is kept for %v years; Art 18(1) requires %d", [label, y, _years])
}
