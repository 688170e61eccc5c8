# METADATA
# title: Art 4 - AI literacy
# description: >-
#   Providers and deployers of every AI system take measures to support the AI literacy of their staff and of
#   others operating or using systems on their behalf, taking into account their knowledge, experience,
#   education and training, the context of use and the persons affected. From 2026-07-27 (Reg 2026/1744) the
#   duty is to take such measures; before, it was to ensure "to their best extent a sufficient level" of
#   literacy, which these rules read as also requiring each training to record an assessed outcome. Judged on
#   training records (kind literacy_record: person, role, course, completed_on, passed) and on the people
#   assigned to operate or oversee the system (kind oversight_assignment), and on the programme document
#   (kind literacy_programme: target_groups, measures, reviewed_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 4, as replaced by Regulation (EU) 2026/1744
# custom:
#   article: "4"
#   tiers: [all_ai_systems]
#   roles: [provider, deployer]
#   applies_from: literacy
package aiact.art4

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_records := conditions.items("literacy_record")

_refresh := evidence.config("literacy_refresh_days")

# Latest training per person, grouped in one pass over the records.
_dates[person] contains t if {
	some r in _records
	person := lower(object.get(r.attributes, "person", ""))
	t := conditions.ns(_completed(r))
}

# (referenced whole, so the grouping is evaluated once per query, not once per person)
_latest_by := {person: max(ts) | some person, ts in _dates}

_latest(person) := _latest_by[person]

# completed_on (documents collector) or completed_at.
_completed(r) := r.attributes.completed_on if r.attributes.completed_on != null

_completed(r) := object.get(r.attributes, "completed_at", "") if object.get(r.attributes, "completed_on", null) == null

_people := {lower(p) | some a in conditions.items("oversight_assignment"); p := object.get(a.attributes, "person", ""); p != ""} | {lower(p) | some r in _records; p := object.get(r.attributes, "person", ""); p != ""}

# Original wording (until 2026-07-26): a sufficient level, so an assessed outcome is expected.
_original_wording if conditions.as_of_date < "2026-07-27"

# METADATA
# title: People operating or overseeing the system have current AI-literacy training
# custom:
#   id: AIACT-4-1
#   citation: Art. 4
#   catalogue_ids: [art4, art4.ref]
#   severity: deny
#   evidence_kinds: [literacy_record, oversight_assignment]
#   remediation: >-
#     Train every person who operates, oversees or uses the system on your behalf, calibrated to their role and
#     the context of use, and refresh the training at least every literacy_refresh_days days; keep the records.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(_records),
})

_p1 contains msg if msg := evidence.missing_message("literacy_record", "AI-literacy training record")

_p1 contains msg if {
	count(_records) > 0
	some p in _people
	not _latest(p)
	msg := sprintf("%s operates or oversees the system but has no dated AI-literacy training", [p])
}

_p1 contains msg if {
	some p in _people
	t := _latest(p)
	(conditions.as_of_ns - t) / conditions.day_ns > _refresh
	msg := sprintf("%s's AI-literacy training is older than %d days", [p, _refresh])
}

_p1 contains msg if {
	_original_wording
	some r in _records
	object.get(r.attributes, "passed", null) == null
	msg := sprintf("training record of %s shows no assessed outcome; before 2026-07-27 Art 4 required a sufficient level of AI literacy", [object.get(r.attributes, "person", "?")])
}

_programmes := conditions.items("literacy_programme")

# METADATA
# title: An AI-literacy programme names target groups and measures and is reviewed
# custom:
#   id: AIACT-4-2
#   citation: Art. 4
#   catalogue_ids: [art4]
#   severity: warn
#   evidence_kinds: [literacy_programme]
#   remediation: Document the AI-literacy programme (target groups, measures per group) and review it at least every literacy_refresh_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p2,
	"evidence": evidence.hashes(_programmes),
})

_p2 contains msg if msg := evidence.missing_message("literacy_programme", "AI-literacy programme")

_p2 contains msg if {
	some p in _programmes
	some k in ["target_groups", "measures"]
	not conditions.filled(p.attributes, k)
	msg := sprintf("AI-literacy programme %s names no %s", [p.source_uri, k])
}

_p2 contains msg if {
	some p in _programmes
	conditions.age_days(object.get(p.attributes, "reviewed_at", "")) > _refresh
	msg := sprintf("AI-literacy programme %s was last reviewed on %s", [p.source_uri, p.attributes.reviewed_at])
}
