# METADATA
# title: Art 5 - Prohibited AI practices
# description: >-
#   A classification that triggers an Art 5 provision is a blocking finding of its own, one per
#   provision, whatever the evidence says: the practice may not be placed on the market, put into
#   service or used. Every other system gets a passing finding per provision, so the report shows the
#   screen was made. Importers and distributors are included: they place or make systems available and
#   the catalogue's binds_note says they are exposed through the supply chain.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 5, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "5"
#   tiers: [all_ai_systems]
#   roles: [provider, deployer, importer, distributor]
#   applies_from: prohibitions
package aiact.art5

import data.lib.findings
import rego.v1

_classification := object.get(input, "classification", {})

# Provisions met outright: the classification's prohibited_practices, and triggering provisions without
# a qualifier (an Art 5(1)(h) "exception", its "conditions" or Art 5(1a) "safeguards" are not practices).
_provisions := array.concat([p |
	some p in object.get(_classification, "triggering_provisions", [])
	object.get(p, "qualifier", "") == ""
	startswith(p.id, "art5.")
], [{"id": id, "citation": id, "reason": "listed among the classification's prohibited practices"} |
	some id in object.get(_classification, "prohibited_practices", [])
	not id in _met_ids
])

_met_ids := {p.id | some p in object.get(_classification, "triggering_provisions", []); object.get(p, "qualifier", "") == ""}

# _obs(id): one problem when the classification triggers catalogue provision `id`.
_obs(id) := {"problems": [msg |
	some p in _provisions
	p.id == id
	msg := sprintf("the system is classified as a prohibited practice under %s: %s; it may not be placed on the market, put into service or used", [
		object.get(p, "citation", id), object.get(p, "reason", "see the classification"),
	])
]}

# METADATA
# title: Not a subliminal, manipulative or deceptive technique causing significant harm
# custom:
#   id: AIACT-5-1-a
#   citation: Art. 5(1)(a)
#   catalogue_ids: [art5.1.a]
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system, or redesign it so that the practice no longer occurs, and classify it again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.a"))

# METADATA
# title: Not exploiting vulnerabilities due to age, disability or social or economic situation
# custom:
#   id: AIACT-5-1-b
#   citation: Art. 5(1)(b)
#   catalogue_ids: [art5.1.b]
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system, or redesign it so that the practice no longer occurs, and classify it again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.b"))

# METADATA
# title: No non-consensual intimate imagery of identifiable persons
# custom:
#   id: AIACT-5-1-ba
#   citation: Art. 5(1)(ba), 5(1a), 5(1b)
#   catalogue_ids: [art5.1.ba]
#   severity: deny
#   applies_from: "2026-12-02"
#   evidence_kinds: []
#   remediation: >-
#     Stop offering the capability, or add reasonable and adequate safeguards that reliably prevent the
#     generation (Art 5(1a)) and a channel to correct reported misuse, and classify the system again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.ba"))

# METADATA
# title: No AI-generated child sexual abuse material
# custom:
#   id: AIACT-5-1-bb
#   citation: Art. 5(1)(bb), 5(1a)
#   catalogue_ids: [art5.1.bb]
#   severity: deny
#   applies_from: "2026-12-02"
#   evidence_kinds: []
#   remediation: Stop offering the capability and put CSAM prevention controls in place; classify the system again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.bb"))

# METADATA
# title: No social scoring leading to detrimental or disproportionate treatment
# custom:
#   id: AIACT-5-1-c
#   citation: Art. 5(1)(c)
#   catalogue_ids: [art5.1.c]
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system, or redesign it so that the practice no longer occurs, and classify it again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.c"))

# METADATA
# title: No criminal-risk prediction based solely on profiling or personality traits
# custom:
#   id: AIACT-5-1-d
#   citation: Art. 5(1)(d)
#   catalogue_ids: [art5.1.d]
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system, or restrict it to supporting a human assessment based on objective, verifiable facts.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.d"))

# METADATA
# title: No untargeted scraping of facial images to build recognition databases
# custom:
#   id: AIACT-5-1-e
#   citation: Art. 5(1)(e)
#   catalogue_ids: [art5.1.e]
#   severity: deny
#   evidence_kinds: []
#   remediation: Stop the scraping, delete the database built from it, and classify the system again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.e"))

# METADATA
# title: No emotion recognition in the workplace or in education (save medical or safety reasons)
# custom:
#   id: AIACT-5-1-f
#   citation: Art. 5(1)(f)
#   catalogue_ids: [art5.1.f]
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system in the workplace or education setting, and classify it again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.f"))

# METADATA
# title: No biometric categorisation inferring sensitive characteristics
# custom:
#   id: AIACT-5-1-g
#   citation: Art. 5(1)(g)
#   catalogue_ids: [art5.1.g]
#   severity: deny
#   evidence_kinds: []
#   remediation: Remove the inference of the listed characteristics, or withdraw the system, and classify it again.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.g"))

# METADATA
# title: No real-time remote biometric identification in public spaces for law enforcement outside the exceptions
# custom:
#   id: AIACT-5-1-h
#   citation: Art. 5(1)(h), 5(2)-(7)
#   catalogue_ids: [art5.1.h]
#   severity: deny
#   evidence_kinds: []
#   remediation: >-
#     Stop the use, unless it is strictly necessary for an objective in Art 5(1)(h)(i)-(iii), national law
#     enables it (Art 5(5)), and the prior authorisation, FRIA and registration of Art 5(2)-(4) exist.
findings contains findings.result(rego.metadata.chain(), _obs("art5.1.h"))

# A provision id the classification triggers that no rule above names (a newer Art 5 point) is still blocking.

# METADATA
# title: No other prohibited practice
# custom:
#   id: AIACT-5-other
#   citation: Art. 5
#   catalogue_ids: []
#   severity: deny
#   evidence_kinds: []
#   remediation: Withdraw or stop using the system and classify it again.
findings contains findings.result(rego.metadata.chain(), {"problems": [msg |
	some p in _provisions
	startswith(p.id, "art5.")
	not p.id in _known
	msg := sprintf("the classification triggers %s, a prohibited practice", [object.get(p, "citation", p.id)])
]})

_known := {"art5.1.a", "art5.1.b", "art5.1.ba", "art5.1.bb", "art5.1.c", "art5.1.d", "art5.1.e", "art5.1.f", "art5.1.g", "art5.1.h"}
