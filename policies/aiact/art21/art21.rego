# METADATA
# title: Art 21 - Cooperation with competent authorities
# description: >-
#   On a reasoned request the provider gives a competent authority all information and documentation needed
#   to show conformity, in an official Union language the authority understands, and access to the logs under
#   its control (Art 21(1)-(2); Art 16(k)). Judged on the authority-request procedure (kind procedure, topic
#   authority_requests: languages, response_days, log_export_tested_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 21
# custom:
#   article: "21"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art21

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_procedures := {id: p | some id, p in conditions.items("procedure"); lower(object.get(p.attributes, "topic", "")) == "authority_requests"}

# The 24 official languages of the Union (ISO 639-1).
eu_languages := {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}

# METADATA
# title: Authority requests can be answered in an official language, with access to logs
# custom:
#   id: AIACT-21-1
#   citation: Art. 21(1)-(2), 16(k)
#   catalogue_ids: [art21, art16.k]
#   severity: deny
#   evidence_kinds: [procedure]
#   remediation: >-
#     Keep a procedure (topic authority_requests) naming the official EU languages documentation can be
#     supplied in, and test the export of logs to an authority at least every log_export_test_period_days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"evidence": evidence.hashes(_procedures),
})

_problems contains "no procedure for authority requests (kind procedure, topic authority_requests) found in the collected evidence" if count(_procedures) == 0

_problems contains msg if {
	some p in _procedures
	langs := {lower(l) | some l in object.get(p.attributes, "languages", [])}
	count(langs & eu_languages) == 0
	msg := sprintf("procedure %s names no official Union language for documentation (languages: %v)", [p.source_uri, sort(langs)])
}

_problems contains msg if {
	count(_procedures) > 0
	tested := {conditions.ns(t) | some p in _procedures; t := object.get(p.attributes, "log_export_tested_at", ""); conditions.valid_ts(t)}
	_stale_test(tested)
	msg := sprintf("giving authorities access to logs (Art 21(2)) has not been tested within %d days", [evidence.config("log_export_test_period_days")])
}

_stale_test(tested) if count(tested) == 0

_stale_test(tested) if {
	count(tested) > 0
	(conditions.as_of_ns - max(tested)) / conditions.day_ns > evidence.config("log_export_test_period_days")
}
