# METADATA
# title: Art 54 - Authorised representatives of providers of general-purpose AI models
# description: >-
#   Before placing a GPAI model on the Union market, a provider established in a third country appoints by
#   written mandate an authorised representative established in the Union, empowered for the tasks of Art
#   54(3)(a)-(d). Not required for open-source models without systemic risk that meet Art 53(2) (Art 54(6)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 54
# custom:
#   article: "54"
#   tiers: [gpai, gpai_systemic]
#   roles: [gpai_provider, authorised_representative]
#   applies_from: gpai
package aiact.art54

import data.aiact.art22
import data.aiact.art53
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

default _reason := "the classification does not show a provider established outside the Union (Art 54 binds only those)"

_reason := "" if {
	conditions.non_eu_provider
	not art53.open_source_exempt
}

_reason := "open-source model without systemic risk meeting Art 53(2) (Art 54(6))" if {
	conditions.non_eu_provider
	art53.open_source_exempt
}

# METADATA
# title: A non-EU GPAI provider has a written mandate for an EU authorised representative covering Art 54(3)(a)-(d)
# custom:
#   id: AIACT-54-1
#   citation: Art. 54(1)-(3)
#   catalogue_ids: [art54]
#   severity: deny
#   evidence_kinds: [authorised_representative_mandate]
#   remediation: Appoint an authorised representative established in a Member State by a signed mandate listing tasks a-d of Art 54(3).
findings contains findings.result(rego.metadata.chain(), {
	"problems": art22.mandate_problems({"a", "b", "c", "d"}, "authorised representative mandate"),
	"evidence": evidence.hashes(art22.mandates),
	"not_applicable": _reason,
})
