# METADATA
# title: Art 86 - Right to explanation of individual decision-making
# description: >-
#   A person subject to a deployer's decision based on the output of an Annex III high-risk system (except
#   point 2) with legal or similarly significant effects may obtain a clear and meaningful explanation of the
#   system's role and the main elements of the decision. Judged on the deployer's procedure (kind procedure,
#   topic explanation_requests) and the request log (kind explanation_request: received_at, answered_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 86
# custom:
#   article: "86"
#   tiers: [high_risk]
#   roles: [deployer]
#   applies_from: high_risk
package aiact.art86

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_procedures := {id: p | some id, p in conditions.items("procedure"); lower(object.get(p.attributes, "topic", "")) == "explanation_requests"}

_requests := conditions.items("explanation_request")

_days := evidence.config("explanation_response_days")

default _reason := "Art 86 concerns decisions based on Annex III systems other than point 2; the classification shows none"

_reason := "" if {
	conditions.has_provision("annex3")
	not conditions.has_provision("annex3.2")
}

# METADATA
# title: Affected persons can obtain an explanation, and requests are answered
# custom:
#   id: AIACT-86-1
#   citation: Art. 86(1)
#   catalogue_ids: [art86]
#   severity: deny
#   evidence_kinds: [procedure, explanation_request]
#   remediation: >-
#     Keep a procedure (topic explanation_requests) for explaining the system's role and the main elements of a
#     decision, and answer each request within explanation_response_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"evidence": evidence.hashes(object.union(_procedures, _requests)),
	"not_applicable": _reason,
})

_problems contains "no procedure for explanation requests (kind procedure, topic explanation_requests) found in the collected evidence" if count(_procedures) == 0

_problems contains msg if {
	some r in _requests
	not conditions.valid_ts(object.get(r.attributes, "answered_at", ""))
	conditions.age_days(object.get(r.attributes, "received_at", "")) > _days
	msg := sprintf("explanation request %v received %s is unanswered after %d days", [object.get(r.attributes, "id", r.source_uri), r.attributes.received_at, _days])
}

_problems contains msg if {
	some r in _requests
	conditions.days(r.attributes.received_at, r.attributes.answered_at) > _days
	msg := sprintf("explanation request %v was answered after more than %d days", [object.get(r.attributes, "id", r.source_uri), _days])
}
