# METADATA
# title: Art 22 - Authorised representative of providers established outside the Union
# description: >-
#   Before making a high-risk system available in the Union, a provider established in a third country
#   appoints, by written mandate, an authorised representative established in the Union, empowered to carry
#   out the tasks of Art 22(3)(a)-(e). Judged on the mandate (kind authorised_representative_mandate:
#   representative {name, country}, signed_at, tasks [a..e], language). Binds only non-EU providers
#   (classification fact provider_established_in_eu false, or provider_country outside the EU).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 22
# custom:
#   article: "22"
#   tiers: [high_risk]
#   roles: [provider, authorised_representative]
#   applies_from: high_risk
package aiact.art22

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

mandates := conditions.items("authorised_representative_mandate")

# mandate_problems(tasks, label): problems of the mandates against the tasks they must empower.
mandate_problems(tasks, label) := {msg | msg := evidence.missing_message("authorised_representative_mandate", label)} | {msg |
	some m in mandates
	given := {lower(t) | some t in object.get(m.attributes, "tasks", [])}
	missing := tasks - given
	count(missing) > 0
	msg := sprintf("the mandate %s does not empower the representative for task(s) %s", [m.source_uri, concat(", ", sort(missing))])
} | {msg |
	some m in mandates
	c := upper(object.get(object.get(m.attributes, "representative", {}), "country", ""))
	not c in conditions.eu_member_states
	msg := sprintf("the authorised representative in %s is not established in a Member State (country %q)", [m.source_uri, c])
} | {msg |
	some m in mandates
	not conditions.valid_ts(object.get(m.attributes, "signed_at", ""))
	msg := sprintf("the mandate %s is not signed and dated (signed_at)", [m.source_uri])
}

_reason := "" if conditions.non_eu_provider

_reason := "the classification does not show a provider established outside the Union (Art 22 binds only those)" if not conditions.non_eu_provider

# METADATA
# title: A non-EU provider has a written mandate for an EU authorised representative covering Art 22(3)(a)-(e)
# custom:
#   id: AIACT-22-1
#   citation: Art. 22(1), 22(3)
#   catalogue_ids: [art22]
#   severity: deny
#   evidence_kinds: [authorised_representative_mandate]
#   remediation: >-
#     Appoint an authorised representative established in a Member State by a signed written mandate that
#     lists tasks a-e of Art 22(3) (verify DoC and documentation, keep documents 10 years, provide information,
#     cooperate, handle registration).
findings contains findings.result(rego.metadata.chain(), {
	"problems": mandate_problems({"a", "b", "c", "d", "e"}, "authorised representative mandate"),
	"evidence": evidence.hashes(mandates),
	"not_applicable": _reason,
})
