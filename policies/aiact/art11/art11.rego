# METADATA
# title: Art 11 - Technical documentation
# description: >-
#   Providers draw up the technical documentation of a high-risk AI system before it is placed on the
#   market or put into service and keep it up to date; it contains at least the Annex IV information
#   (judged point by point in package aiact.annex_iv). SMEs and SMCs may use the Commission's
#   simplified form (Art 11(1) second subparagraph as amended by Regulation (EU) 2026/1744).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 11
#   - ref: https://eur-lex.europa.eu/eli/reg/2026/1744/oj
#     description: Regulation (EU) 2026/1744 (Art 11(1) second subparagraph as amended)
# custom:
#   article: "11"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art11

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_docs := evidence.of_kind("technical_documentation")

_versions := evidence.of_kind("model_version")

_deployed := documents.deployed_versions(_versions, {lower(a) | some a in evidence.config("deployed_model_aliases")})

_doc_date(d) := [v |
	some key in ["updated_at", "date", "version_date"]
	v := documents.fact_or(d, key, null)
	documents.valid_date(v)
][0]

_sme_evidence if count(evidence.attestations("art11")) > 0

# METADATA
# title: Technical documentation is drawn up, versioned, dated and kept up to date with the deployed model
# custom:
#   id: AIACT-11-1
#   citation: Art. 11(1)
#   catalogue_ids: [art11]
#   severity: deny
#   evidence_kinds: [technical_documentation, model_version, attestation]
#   remediation: >-
#     Keep the technical documentation under version control with a version and a date (updated_at),
#     and update it whenever a new model version is registered for release. If the simplified SME/SMC
#     form is used (simplified_form: true), record the SME/SMC status as an attestation covering art11.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_11,
	"subjects": sort(object.keys(_docs)),
	"evidence": evidence.hashes(object.union(_docs, _deployed)),
	"locations": documents.locations([d | some d in _docs]),
})

_problems_11 contains msg if msg := evidence.missing_message("technical_documentation", "technical documentation")

_problems_11 contains msg if {
	some d in _docs
	not documents.has_fact(d, "version")
	msg := sprintf("technical documentation %s carries no version", [d.source_uri])
}

_problems_11 contains msg if {
	some d in _docs
	not _doc_date(d)
	msg := sprintf("technical documentation %s carries no date (updated_at), so it cannot be shown to be kept up to date", [d.source_uri])
}

_problems_11 contains msg if {
	some d in _docs
	dated := _doc_date(d)
	some v in _deployed
	created := documents.version_created_ns(v)
	created > documents.date_ns(dated)
	msg := sprintf("technical documentation %s (dated %s) predates deployed model version %s (registered %s): it is not up to date", [
		d.source_uri, substring(dated, 0, 10), documents.version_label(v), substring(time.format([created, "UTC", "2006-01-02"]), 0, 10),
	])
}

_problems_11 contains msg if {
	some d in _docs
	documents.fact_or(d, "simplified_form", false) == true
	not _sme_evidence
	msg := sprintf("technical documentation %s uses the simplified SME/SMC form, but no attestation covering art11 records the SME/SMC status (Art 11(1) second subparagraph)", [d.source_uri])
}
