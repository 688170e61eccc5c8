# METADATA
# title: Art 4a - Special categories of personal data for bias detection and correction
# description: >-
#   Art 4a (inserted by Regulation (EU) 2026/1744, replacing Art 10(5)) lets providers (and, under
#   para 2, deployers and providers of other systems and models) process special categories of
#   personal data exceptionally, to the extent strictly necessary to detect and correct bias, under
#   conditions (a)-(f). It is a permission: the rules apply only where such processing is found in
#   the evidence (a special_category_processing record, or a datasheet listing special categories),
#   and then each condition is judged on the processing record.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2026/1744/oj
#     description: Regulation (EU) 2026/1744, Art 1(6) inserting Art 4a into Regulation (EU) 2024/1689
# custom:
#   article: 4a
#   tiers: [high_risk, transparency, minimal, gpai, gpai_systemic]
#   roles: [provider, deployer]
#   applies_from: "2026-07-27"
package aiact.art4a

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_records := evidence.of_kind("special_category_processing")

_sheets_with_special := [s |
	some s in evidence.of_kind("datasheet")
	count(documents.as_list(documents.fact_or(s, "special_categories", []))) > 0
]

_processing if count(_records) > 0

_processing if count(_sheets_with_special) > 0

_na := "" if _processing

_na := "no processing of special categories of personal data found (no special_category_processing record, no datasheet listing special_categories): Art 4a conditions bind only when such data are processed" if not _processing

_text_ok(v) if {
	is_string(v)
	not documents.placeholder(v)
}

_obs(problems) := {
	"problems": _with_missing(problems),
	"subjects": sort(array.concat([id | some id, _ in _records], [])),
	"evidence": evidence.hashes(array.concat([r | some r in _records], _sheets_with_special)),
	"locations": documents.locations([r | some r in _records]),
	"not_applicable": _na,
}

_with_missing(problems) := [msg] if {
	count(_records) == 0
	msg := sprintf("%s (data sets listing special categories: %s)", [
		evidence.missing_message("special_category_processing", "special-category processing record"),
		concat(", ", sort([s.source_uri | some s in _sheets_with_special])),
	])
}

_with_missing(problems) := problems if count(_records) > 0

# METADATA
# title: Bias detection cannot be achieved with other data, such as synthetic or anonymised data
# custom:
#   id: AIACT-4a-1-a
#   citation: Art. 4a(1)(a)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing, datasheet]
#   remediation: >-
#     Record in the processing record why bias detection and correction cannot be achieved with
#     synthetic, anonymised or other non-special data (necessity_justification), listing the
#     alternatives considered (alternatives_considered) and the bias-detection purpose (purpose).
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_a]))

_problems_a contains msg if {
	some r in _records
	not _text_ok(documents.fact_or(r, "necessity_justification", null))
	msg := sprintf("processing record %s does not explain why other data would not suffice (necessity_justification)", [r.source_uri])
}

_problems_a contains msg if {
	some r in _records
	missing := {lower(a) | some a in evidence.config("art4a_alternatives")} - {lower(a) | some a in documents.as_list(documents.fact_or(r, "alternatives_considered", []))}
	count(missing) > 0
	msg := sprintf("processing record %s does not show that these alternatives were considered: %s", [r.source_uri, concat(", ", sort(missing))])
}

_problems_a contains msg if {
	some r in _records
	not contains(lower(sprintf("%v", [documents.fact_or(r, "purpose", "")])), "bias")
	msg := sprintf("processing record %s does not state bias detection and correction as its purpose (purpose)", [r.source_uri])
}

# METADATA
# title: Re-use is limited and the data are protected by state-of-the-art security and pseudonymisation
# custom:
#   id: AIACT-4a-1-b
#   citation: Art. 4a(1)(b)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing]
#   remediation: >-
#     Restrict re-use (reuse_restricted: true), pseudonymise the data (pseudonymised: true) and list the
#     security measures in place (security_measures).
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_b]))

_problems_b contains msg if {
	some r in _records
	some field in ["reuse_restricted", "pseudonymised"]
	documents.fact_or(r, field, false) != true
	msg := sprintf("processing record %s does not confirm %s", [r.source_uri, field])
}

_problems_b contains msg if {
	some r in _records
	count(documents.as_list(documents.fact_or(r, "security_measures", []))) == 0
	msg := sprintf("processing record %s lists no security measures (security_measures)", [r.source_uri])
}

# METADATA
# title: Access to the data is strictly controlled, documented and confidential
# custom:
#   id: AIACT-4a-1-c
#   citation: Art. 4a(1)(c)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing]
#   remediation: >-
#     List the authorised persons or roles (access_control), keep an access log (access_log: its
#     location) and record the confidentiality obligations of those with access (confidentiality).
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_c]))

_problems_c contains msg if {
	some r in _records
	count(documents.as_list(documents.fact_or(r, "access_control", []))) == 0
	msg := sprintf("processing record %s names no authorised persons or roles (access_control)", [r.source_uri])
}

_problems_c contains msg if {
	some r in _records
	some field in ["access_log", "confidentiality"]
	not _text_ok(documents.fact_or(r, field, null))
	msg := sprintf("processing record %s has no %s", [r.source_uri, field])
}

# METADATA
# title: The data are not transmitted, transferred or otherwise accessed by other parties
# custom:
#   id: AIACT-4a-1-d
#   citation: Art. 4a(1)(d)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing]
#   remediation: Stop any transfer to or access by other parties and record third_parties as an empty list.
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_d]))

_problems_d contains msg if {
	some r in _records
	not is_array(documents.fact_or(r, "third_parties", null))
	msg := sprintf("processing record %s does not state which other parties can access the data (third_parties: [] when none)", [r.source_uri])
}

_problems_d contains msg if {
	some r in _records
	parties := documents.fact_or(r, "third_parties", [])
	is_array(parties)
	count(parties) > 0
	msg := sprintf("processing record %s: special-category data are accessible to other parties: %s", [r.source_uri, concat(", ", sort([sprintf("%v", [p]) | some p in parties]))])
}

# METADATA
# title: The data are deleted once the bias is corrected or the retention period ends
# custom:
#   id: AIACT-4a-1-e
#   citation: Art. 4a(1)(e)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing]
#   remediation: >-
#     Set a deletion date (deletion_due); delete the data as soon as the bias is corrected
#     (bias_corrected_at) or that date is reached, whichever comes first, and record deleted_at.
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_e]))

_problems_e contains msg if {
	some r in _records
	not documents.valid_date(documents.fact_or(r, "deletion_due", null))
	msg := sprintf("processing record %s sets no deletion date (deletion_due)", [r.source_uri])
}

_deadline(r) := min([d |
	some key in ["deletion_due", "bias_corrected_at"]
	d := substring(sprintf("%v", [documents.fact_or(r, key, "")]), 0, 10)
	documents.valid_date(d)
])

_problems_e contains msg if {
	some r in _records
	deadline := _deadline(r)
	documents.age_days(deadline) > evidence.config("art4a_deletion_grace_days")
	not documents.valid_date(documents.fact_or(r, "deleted_at", null))
	msg := sprintf("processing record %s: the data should have been deleted by %s (bias corrected or retention ended), but no deletion is recorded (deleted_at)", [r.source_uri, deadline])
}

_problems_e contains msg if {
	some r in _records
	deadline := _deadline(r)
	deleted := documents.fact_or(r, "deleted_at", null)
	documents.valid_date(deleted)
	documents.days_between(deadline, deleted) > evidence.config("art4a_deletion_grace_days")
	msg := sprintf("processing record %s: the data were deleted on %s, after the deadline %s", [r.source_uri, substring(deleted, 0, 10), deadline])
}

# METADATA
# title: The records of processing explain why the processing was strictly necessary
# custom:
#   id: AIACT-4a-1-f
#   citation: Art. 4a(1)(f)
#   catalogue_ids: [art4a, art10.5]
#   severity: deny
#   evidence_kinds: [special_category_processing]
#   remediation: >-
#     Reference the GDPR Art 30 record of processing activities (ropa_reference) and make sure it records
#     why the processing was strictly necessary and why other data would not do (necessity_justification).
findings contains findings.result(rego.metadata.chain(), _obs([msg | some msg in _problems_f]))

_problems_f contains msg if {
	some r in _records
	not _text_ok(documents.fact_or(r, "ropa_reference", null))
	msg := sprintf("processing record %s references no record of processing activities (ropa_reference, GDPR Art 30)", [r.source_uri])
}

_problems_f contains msg if {
	some r in _records
	_text_ok(documents.fact_or(r, "ropa_reference", null))
	not _text_ok(documents.fact_or(r, "necessity_justification", null))
	msg := sprintf("processing record %s: the record of processing gives no reason why the processing was strictly necessary", [r.source_uri])
}
