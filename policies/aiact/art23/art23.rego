# METADATA
# title: Art 23 - Obligations of importers
# description: >-
#   Before placing a high-risk system on the market the importer verifies the conformity assessment,
#   the technical documentation, the CE marking, declaration and instructions for use, and the authorised
#   representative (Art 23(1)); shows its own name and contact (Art 23(3)); keeps certificate, instructions
#   and declaration for ten years (Art 23(5)). Judged on the pre-import verification record (kind
#   import_verification: checks {item: true}, verified_at, verified_by), the product label (importer
#   {name, address|contact}) and the retention schedule.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 23
# custom:
#   article: "23"
#   tiers: [high_risk]
#   roles: [importer]
#   applies_from: high_risk
package aiact.art23

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

# checklist_problems(items, checks, label): each item verified every check, dated and signed.
checklist_problems(items, checks, label) := {msg |
	some i in items
	c := object.get(i.attributes, "checks", {})
	some check, what in checks
	object.get(c, check, false) != true
	msg := sprintf("%s %s does not confirm %s", [label, i.source_uri, what])
} | {msg |
	some i in items
	not conditions.valid_ts(object.get(i.attributes, "verified_at", ""))
	msg := sprintf("%s %s is not dated (verified_at)", [label, i.source_uri])
} | {msg |
	some i in items
	not conditions.filled(i.attributes, "verified_by")
	msg := sprintf("%s %s names no signatory (verified_by)", [label, i.source_uri])
}

_verifications := conditions.items("import_verification")

_checks := {
	"conformity_assessment": "that the provider carried out the Art 43 conformity assessment (Art 23(1)(a))",
	"technical_documentation": "that the technical documentation exists (Art 23(1)(b))",
	"ce_marking": "the CE marking (Art 23(1)(c))",
	"declaration_of_conformity": "the EU declaration of conformity (Art 23(1)(c))",
	"instructions_for_use": "the instructions for use (Art 23(1)(c))",
	"authorised_representative": "the appointment of an authorised representative (Art 23(1)(d))",
}

# METADATA
# title: The importer verified conformity before placing the system on the market
# custom:
#   id: AIACT-23-1
#   citation: Art. 23(1)-(2)
#   catalogue_ids: [art23]
#   severity: deny
#   evidence_kinds: [import_verification]
#   remediation: Record a dated, signed pre-import check confirming each item of Art 23(1)(a)-(d).
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg | msg := evidence.missing_message("import_verification", "pre-import verification record")} | checklist_problems(_verifications, _checks, "pre-import verification"),
	"evidence": evidence.hashes(_verifications),
})

_labels := conditions.items("product_label")

# METADATA
# title: The importer's name and contact address are on the system, packaging or documentation
# custom:
#   id: AIACT-23-3
#   citation: Art. 23(3)
#   catalogue_ids: [art23]
#   severity: deny
#   evidence_kinds: [product_label]
#   remediation: Show the importer's name, registered trade name or mark and contact address on the system, its packaging or documentation.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_3,
	"evidence": evidence.hashes(_labels),
})

_problems_3 contains msg if msg := evidence.missing_message("product_label", "product label")

_problems_3 contains "no product label names the importer with an address or contact" if {
	count(_labels) > 0
	not _importer_shown
}

_importer_shown if {
	some l in _labels
	imp := object.get(l.attributes, "importer", {})
	is_object(imp)
	conditions.filled(imp, "name")
	_contact(imp)
}

_contact(p) if conditions.filled(p, "address")

_contact(p) if conditions.filled(p, "contact")

# retention_problems(records, label): the retention schedule keeps each record >= 10 years.
retention_problems(records, label) := {msg | msg := evidence.missing_message("retention_schedule", "records-retention schedule")} | {msg |
	entries := [e | some s in conditions.items("retention_schedule"); some e in object.get(s.attributes, "records", [])]
	some r in records
	years := [y | some e in entries; lower(object.get(e, "record", "")) == r; y := object.get(e, "retention_years", 0)]
	not _ten(years)
	msg := sprintf("%s: the retention schedule does not keep %s for ten years", [label, r])
}

_ten(years) if {
	some y in years
	is_number(y)
	y >= 10
}

# METADATA
# title: The importer keeps certificate, instructions for use and declaration for ten years
# custom:
#   id: AIACT-23-5
#   citation: Art. 23(5)
#   catalogue_ids: [art23]
#   severity: deny
#   evidence_kinds: [retention_schedule]
#   remediation: Add instructions_for_use, declaration_of_conformity and (where issued) notified_body_certificate to the retention schedule with retention_years >= 10.
findings contains findings.result(rego.metadata.chain(), {
	"problems": retention_problems(["instructions_for_use", "declaration_of_conformity"], "Art 23(5)"),
	"evidence": evidence.hashes(conditions.items("retention_schedule")),
})

# METADATA
# title: Storage and transport keep the system compliant; non-conformities and risks are escalated; authorities get cooperation
# custom:
#   id: AIACT-23-manual
#   citation: Art. 23(2), 23(4), 23(6), 23(7)
#   catalogue_ids: [art23]
#   severity: warn
#   manual: true
#   attest: >-
#     systems believed non-conforming are not placed on the market and Art 79(1) risks are reported to the
#     provider, authorised representative and market surveillance authority; storage and transport do not
#     jeopardise compliance; information is supplied to authorities on request
#   evidence_kinds: [attestation]
#   remediation: Record an attestation by the responsible manager covering catalogue id art23.
findings contains findings.result(rego.metadata.chain(), conditions.attestation(rego.metadata.chain()))
