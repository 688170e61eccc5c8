# METADATA
# title: Art 24 - Obligations of distributors
# description: >-
#   Before making a high-risk system available the distributor verifies the CE marking, a copy of the
#   declaration of conformity and the instructions for use, and that provider and importer met Art 16(b)-(c)
#   and Art 23(3) (Art 24(1)). Judged on the intake verification record (kind distribution_verification:
#   checks, verified_at, verified_by); the remaining duties are attested.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 24
# custom:
#   article: "24"
#   tiers: [high_risk]
#   roles: [distributor]
#   applies_from: high_risk
package aiact.art24

import data.aiact.art23
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_verifications := conditions.items("distribution_verification")

_checks := {
	"ce_marking": "the CE marking",
	"declaration_of_conformity": "a copy of the EU declaration of conformity",
	"instructions_for_use": "the instructions for use",
	"provider_identified": "the provider's name and contact (Art 16(b))",
	"provider_qms": "the provider's quality management system (Art 16(c))",
	"importer_identified": "the importer's name and contact (Art 23(3)), where there is an importer",
}

# METADATA
# title: The distributor verified CE marking, declaration, instructions and operator identification
# custom:
#   id: AIACT-24-1
#   citation: Art. 24(1)
#   catalogue_ids: [art24]
#   severity: deny
#   evidence_kinds: [distribution_verification]
#   remediation: Record a dated, signed intake check confirming each item of Art 24(1) before making the system available.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg | msg := evidence.missing_message("distribution_verification", "distributor intake verification record")} | art23.checklist_problems(_verifications, _checks, "intake verification"),
	"evidence": evidence.hashes(_verifications),
})

# METADATA
# title: Non-conforming systems are withheld or corrected and risks are reported; storage keeps compliance; authorities get cooperation
# custom:
#   id: AIACT-24-manual
#   citation: Art. 24(2)-(6)
#   catalogue_ids: [art24]
#   severity: warn
#   manual: true
#   attest: >-
#     systems believed non-conforming are not made available, corrective action is taken or ensured for
#     those already supplied, risks are reported to the provider or importer and the authorities, storage and
#     transport keep compliance, and documentation of these actions is supplied to authorities on request
#   evidence_kinds: [attestation]
#   remediation: Record an attestation by the responsible manager covering catalogue id art24.
findings contains findings.result(rego.metadata.chain(), conditions.attestation(rego.metadata.chain()))
