# METADATA
# title: Art 53 - Obligations of providers of general-purpose AI models
# description: >-
#   Technical documentation with the Annex XI content for the AI Office (53(1)(a)); information for
#   downstream providers with the Annex XII content (53(1)(b)); a copyright policy honouring text-and-data-
#   mining reservations (53(1)(c)); a public summary of training content (53(1)(d)); cooperation and means of
#   demonstrating compliance (53(3)-(4)). The open-source exemption (53(2)) lifts (a) and (b) only for models
#   under a free and open-source licence with public weights, not monetised, and without systemic risk.
#   Judged on kinds gpai_technical_documentation and gpai_downstream_documentation (fields {item: text}),
#   copyright_policy, training_content_summary and code_of_practice.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 53 and Annexes XI-XII
# custom:
#   article: "53"
#   tiers: [gpai, gpai_systemic]
#   roles: [gpai_provider]
#   applies_from: gpai
package aiact.art53

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

systemic if "gpai_systemic" in object.get(object.get(input, "scope", {}), "tiers", [])

_claims_open_source if conditions.fact("open_source_licence") == true

# Art 53(2), recital 103: free and open-source licence, public parameters and weights, not monetised,
# no systemic risk.
open_source_exempt if {
	_claims_open_source
	conditions.fact("weights_public") == true
	conditions.fact("monetised") == false
	not systemic
}

default _na_os := ""

_na_os := "open-source model without systemic risk, public weights, not monetised (Art 53(2))" if open_source_exempt

# fields_problems(kind, label, wanted): every wanted field of the newest fresh item of kind is filled.
fields_problems(kind, label, wanted) := {msg | msg := evidence.missing_message(kind, label)} | {msg |
	some item in conditions.items(kind)
	some key, what in wanted
	not conditions.nonempty(object.get(object.get(item.attributes, "fields", {}), key, null))
	msg := sprintf("%s %s lacks %s (%s)", [label, item.source_uri, what, key])
}

_annex_xi := {
	"tasks": "tasks and types of systems it can be integrated in", "acceptable_use": "acceptable-use policies",
	"release_date": "release date and distribution methods", "architecture": "architecture and number of parameters",
	"modalities": "input and output modalities and formats", "licence": "licence",
	"training_process": "design specifications and training process", "training_data": "training, testing and validation data (type, provenance, curation)",
	"compute": "training compute", "energy": "known or estimated energy consumption",
}

_annex_xi_2 := {"evaluation": "evaluation strategies and results", "adversarial_testing": "adversarial testing and red-teaming", "system_architecture": "system architecture"}

_xi := object.union(_annex_xi, _annex_xi_2) if systemic

_xi := _annex_xi if not systemic

# METADATA
# title: Technical documentation with the Annex XI content is kept for the AI Office
# custom:
#   id: AIACT-53-1-a
#   citation: Art. 53(1)(a), Annex XI
#   catalogue_ids: [art53.1.a]
#   severity: deny
#   evidence_kinds: [gpai_technical_documentation]
#   remediation: Complete every Annex XI item (Section 2 too for systemic-risk models), e.g. with the Code of Practice Model Documentation Form.
findings contains findings.result(rego.metadata.chain(), {
	"problems": fields_problems("gpai_technical_documentation", "the Annex XI documentation", _xi),
	"evidence": evidence.hashes(conditions.items("gpai_technical_documentation")),
	"not_applicable": _na_os,
})

_annex_xii := {
	"tasks": "tasks and types of systems it can be integrated in", "acceptable_use": "acceptable-use policies",
	"release_date": "release date and distribution methods", "interaction": "interaction with external hardware or software",
	"software_versions": "relevant software versions", "architecture": "architecture and number of parameters",
	"modalities": "modalities, formats and maximum input size", "licence": "licence", "integration": "technical means for integration",
	"training_data": "training, testing and validation data",
}

# METADATA
# title: Downstream providers get the Annex XII information
# custom:
#   id: AIACT-53-1-b
#   citation: Art. 53(1)(b), Annex XII
#   catalogue_ids: [art53.1.b]
#   severity: deny
#   evidence_kinds: [gpai_downstream_documentation]
#   remediation: Publish or hand to integrators documentation covering every Annex XII item, and keep it current.
findings contains findings.result(rego.metadata.chain(), {
	"problems": fields_problems("gpai_downstream_documentation", "the downstream documentation", _annex_xii),
	"evidence": evidence.hashes(conditions.items("gpai_downstream_documentation")),
	"not_applicable": _na_os,
})

_copyright := conditions.items("copyright_policy")

# METADATA
# title: A copyright policy identifies and honours text-and-data-mining reservations
# custom:
#   id: AIACT-53-1-c
#   citation: Art. 53(1)(c)
#   catalogue_ids: [art53.1.c]
#   severity: deny
#   evidence_kinds: [copyright_policy]
#   remediation: Adopt a written copyright policy with an owner, honour machine-readable TDM opt-outs (Art 4(3) Directive 2019/790) in crawling, and offer a rightsholder contact.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg | msg := evidence.missing_message("copyright_policy", "copyright policy")} | {msg |
		some p in _copyright
		some key, what in {"owner": "an owner", "rightsholder_contact": "a contact point for rightsholders"}
		not conditions.filled(p.attributes, key)
		msg := sprintf("copyright policy %s names no %s", [p.source_uri, what])
	} | {msg |
		some p in _copyright
		object.get(p.attributes, "honours_tdm_opt_out", false) != true
		msg := sprintf("copyright policy %s does not honour machine-readable text-and-data-mining reservations", [p.source_uri])
	},
	"evidence": evidence.hashes(_copyright),
})

_summaries := conditions.items("training_content_summary")

# METADATA
# title: A sufficiently detailed summary of training content is published on the AI Office template
# custom:
#   id: AIACT-53-1-d
#   citation: Art. 53(1)(d)
#   catalogue_ids: [art53.1.d]
#   severity: deny
#   evidence_kinds: [training_content_summary]
#   remediation: Publish the training-content summary using the AI Office template and record its URL and publication date.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg | msg := evidence.missing_message("training_content_summary", "public training-content summary")} | {msg |
		some s in _summaries
		not startswith(lower(object.get(s.attributes, "url", "")), "https://")
		msg := sprintf("training-content summary %s has no public https URL", [s.source_uri])
	} | {msg |
		some s in _summaries
		lower(object.get(s.attributes, "template", "")) != "ai_office"
		msg := sprintf("training-content summary %s does not follow the AI Office template", [s.source_uri])
	},
	"evidence": evidence.hashes(_summaries),
})

# METADATA
# title: The open-source exemption is claimed only where its conditions hold
# custom:
#   id: AIACT-53-2
#   citation: Art. 53(2)
#   catalogue_ids: [art53.2]
#   severity: deny
#   evidence_kinds: []
#   remediation: Either meet every condition (free and open-source licence, public weights and architecture, no monetisation, no systemic risk) or comply with Art 53(1)(a)-(b) and Art 54.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p2,
	"not_applicable": _na2,
})

default _na2 := "the classification claims no open-source release"

_na2 := "" if _claims_open_source

_p2 contains "the model has systemic risk, so the open-source exemption does not apply" if {
	_claims_open_source
	systemic
}

_p2 contains "the weights are not public, so the open-source exemption does not apply" if {
	_claims_open_source
	not conditions.fact("weights_public") == true
}

_p2 contains "the model is monetised, so the open-source exemption does not apply (recital 103)" if {
	_claims_open_source
	not conditions.fact("monetised") == false
}

_cop := conditions.items("code_of_practice")

# METADATA
# title: Compliance is demonstrated through the Code of Practice or documented alternative means
# custom:
#   id: AIACT-53-4
#   citation: Art. 53(3)-(4)
#   catalogue_ids: [art53.3_4, art40_41]
#   severity: warn
#   evidence_kinds: [code_of_practice]
#   remediation: Record your Code of Practice signature (chapters signed) or the alternative adequate means of compliance you rely on.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg | msg := evidence.missing_message("code_of_practice", "Code of Practice signature or alternative compliance record")} | {msg |
		some c in _cop
		object.get(c.attributes, "signatory", false) != true
		not conditions.filled(c.attributes, "alternative_means")
		msg := sprintf("%s shows neither a Code of Practice signature nor alternative means of compliance", [c.source_uri])
	},
	"evidence": evidence.hashes(_cop),
})
