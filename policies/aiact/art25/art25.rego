# METADATA
# title: Art 25 - Responsibilities along the AI value chain
# description: >-
#   A distributor, importer, deployer or other third party becomes the provider of a high-risk system when
#   it puts its name or trade mark on it, substantially modifies it, or changes its intended purpose so that
#   it becomes high-risk (Art 25(1)). Judged on change-impact assessments (kind change_impact_assessment:
#   name_or_trademark_applied, substantial_modification, repurposed_to_high_risk, assessed_at) against the
#   roles assessed, and, for providers, on written agreements with suppliers of AI components (Art 25(4);
#   kind supplier_agreement: supplier, covers [information, capabilities, technical_access], signed_at,
#   open_source, gpai_model; kind third_party_component: name, supplier).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 25, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "25"
#   tiers: [high_risk]
#   roles: [provider, deployer, importer, distributor, product_manufacturer]
#   applies_from: high_risk
package aiact.art25

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_assessments := conditions.items("change_impact_assessment")

_roles := {r | some r in object.get(object.get(input, "scope", {}), "roles", [])}

_triggers := {
	"name_or_trademark_applied": "Art 25(1)(a): own name or trade mark put on the system",
	"substantial_modification": "Art 25(1)(b): substantial modification of a high-risk system",
	"repurposed_to_high_risk": "Art 25(1)(c): intended purpose changed so that the system becomes high-risk",
}

# METADATA
# title: An operator that modified, rebranded or repurposed the system takes on the provider's obligations
# custom:
#   id: AIACT-25-1
#   citation: Art. 25(1)
#   catalogue_ids: [art25]
#   severity: deny
#   evidence_kinds: [change_impact_assessment]
#   remediation: >-
#     Assess the system as its provider (add `provider` to the roles in the answers) and meet Art 16, or
#     reverse the change; record the outcome in the change-impact assessment.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_1,
	"evidence": evidence.hashes(_assessments),
})

_problems_1 contains msg if {
	not "provider" in _roles
	some a in _assessments
	some key, why in _triggers
	object.get(a.attributes, key, false) == true
	msg := sprintf("%s (%s): the operator becomes the provider, but the assessment is run for roles %s", [why, a.source_uri, concat("/", sort(_roles))])
}

_problems_1 contains msg if {
	some a in _assessments
	not conditions.valid_ts(object.get(a.attributes, "assessed_at", ""))
	msg := sprintf("change-impact assessment %s is not dated (assessed_at)", [a.source_uri])
}

_agreements := conditions.items("supplier_agreement")

_components := conditions.items("third_party_component")

_needed := {"information", "capabilities", "technical_access"}

_exempt(c) if {
	object.get(c.attributes, "open_source", false) == true
	object.get(c.attributes, "gpai_model", false) != true
}

# METADATA
# title: Written agreements with suppliers of AI components cover information, capabilities and access
# custom:
#   id: AIACT-25-4
#   citation: Art. 25(4)
#   catalogue_ids: [art25]
#   severity: deny
#   roles: [provider]
#   evidence_kinds: [third_party_component, supplier_agreement]
#   remediation: >-
#     Sign a written agreement with each supplier of AI systems, models, tools or services integrated in the
#     system, specifying the information, capabilities and technical access needed (free and open-source
#     suppliers other than GPAI models are exempt).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_4,
	"subjects": ["system"],
	"evidence": evidence.hashes(object.union(_agreements, _components)),
})

_problems_4 contains msg if {
	some c in _components
	not _exempt(c)
	supplier := object.get(c.attributes, "supplier", "")
	not _agreed(supplier)
	msg := sprintf("component %s from %q has no signed supplier agreement covering %s", [object.get(c.attributes, "name", c.source_uri), supplier, concat(", ", sort(_needed))])
}

_agreed(supplier) if {
	some a in _agreements
	lower(object.get(a.attributes, "supplier", "")) == lower(supplier)
	conditions.valid_ts(object.get(a.attributes, "signed_at", ""))
	covers := {lower(x) | some x in object.get(a.attributes, "covers", [])}
	count(_needed - covers) == 0
}

# METADATA
# title: The initial provider cooperates with an operator that became the provider
# custom:
#   id: AIACT-25-2
#   citation: Art. 25(2)
#   catalogue_ids: [art25]
#   severity: warn
#   roles: [provider]
#   manual: true
#   attest: >-
#     where another operator became the provider of this system, the initial provider handed over the
#     technical documentation, known limitations and failure modes, and technical access it needs (or had
#     clearly specified that the system must not be turned into a high-risk system)
#   evidence_kinds: [attestation]
#   remediation: Record an attestation covering catalogue id art25.
findings contains findings.result(rego.metadata.chain(), conditions.attestation(rego.metadata.chain()))
