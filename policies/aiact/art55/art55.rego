# METADATA
# title: Art 55 - Obligations of providers of GPAI models with systemic risk
# description: >-
#   In addition to Arts 53-54: state-of-the-art model evaluation including documented adversarial testing
#   (55(1)(a)); assessment and mitigation of Union-level systemic risks and their sources (55(1)(b));
#   tracking and reporting serious incidents to the AI Office without undue delay (55(1)(c)); adequate
#   cybersecurity for the model and its physical infrastructure (55(1)(d)). Judged on kinds model_evaluation,
#   systemic_risk_assessment, incident (ai_office_reported_at) and security_assessment.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 55
# custom:
#   article: "55"
#   tiers: [gpai_systemic]
#   roles: [gpai_provider]
#   applies_from: gpai
package aiact.art55

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_period := evidence.config("gpai_assessment_period_days")

# recent_problems(kind, label, date_key): a fresh item of kind dated within the period.
recent_problems(kind, label, date_key) := {msg | msg := evidence.missing_message(kind, label)} | {msg |
	count(conditions.items(kind)) > 0
	latest := max({conditions.ns(d) | some i in conditions.items(kind); d := object.get(i.attributes, date_key, ""); conditions.valid_ts(d)} | {0})
	(conditions.as_of_ns - latest) / conditions.day_ns > _period
	msg := sprintf("no %s dated within the last %d days", [label, _period])
}

_evals := conditions.items("model_evaluation")

# METADATA
# title: The model is evaluated with state-of-the-art protocols, including documented adversarial testing
# custom:
#   id: AIACT-55-1-a
#   citation: Art. 55(1)(a)
#   catalogue_ids: [art55.1, art55.1.a]
#   severity: deny
#   evidence_kinds: [model_evaluation]
#   remediation: Evaluate the model with standardised protocols and run and document adversarial testing (red-teaming) at least every gpai_assessment_period_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": recent_problems("model_evaluation", "model evaluation", "evaluated_at") | {msg |
		some e in _evals
		object.get(e.attributes, "adversarial_testing", false) != true
		msg := sprintf("model evaluation %s documents no adversarial testing", [e.source_uri])
	},
	"evidence": evidence.hashes(_evals),
})

_assess := conditions.items("systemic_risk_assessment")

# METADATA
# title: Union-level systemic risks are assessed with their sources and mitigated
# custom:
#   id: AIACT-55-1-b
#   citation: Art. 55(1)(b)
#   catalogue_ids: [art55.1.b]
#   severity: deny
#   evidence_kinds: [systemic_risk_assessment]
#   remediation: Keep a systemic-risk assessment naming each risk, its source (development, market placement, use) and its mitigation, reviewed at least every gpai_assessment_period_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": recent_problems("systemic_risk_assessment", "systemic-risk assessment", "assessed_at") | {msg |
		some a in _assess
		some r in object.get(a.attributes, "risks", [])
		some k in ["source", "mitigation"]
		not conditions.filled(r, k)
		msg := sprintf("systemic risk %v has no %s", [object.get(r, "id", "?"), k])
	},
	"evidence": evidence.hashes(_assess),
})

_incidents := [i | some i in conditions.items("incident"); lower(sprintf("%v", [object.get(i.attributes, "serious", false)])) == "true"]

_delay := evidence.config("gpai_incident_report_days")

# METADATA
# title: Serious incidents are reported to the AI Office without undue delay
# custom:
#   id: AIACT-55-1-c
#   citation: Art. 55(1)(c)
#   catalogue_ids: [art55.1.c]
#   severity: deny
#   evidence_kinds: [incident]
#   remediation: Track serious incidents and report them, with possible corrective measures, to the AI Office within gpai_incident_report_days days of awareness.
findings contains findings.result(rego.metadata.chain(), {
	"problems": {msg |
		some i in _incidents
		not conditions.valid_ts(object.get(i.attributes, "ai_office_reported_at", ""))
		conditions.age_days(object.get(i.attributes, "aware_at", "")) > _delay
		msg := sprintf("serious incident %v is not reported to the AI Office", [object.get(i.attributes, "id", i.source_uri)])
	} | {msg |
		some i in _incidents
		d := conditions.days(i.attributes.aware_at, i.attributes.ai_office_reported_at)
		d > _delay
		msg := sprintf("serious incident %v was reported to the AI Office %d days after awareness (at most %d)", [object.get(i.attributes, "id", i.source_uri), floor(d), _delay])
	},
	"subjects": array.concat(["system"], [sprintf("%v", [object.get(i.attributes, "id", i.source_uri)]) | some i in _incidents]),
	"evidence": evidence.hashes(_incidents),
})

_security := conditions.items("security_assessment")

# METADATA
# title: The model and its physical infrastructure have adequate cybersecurity protection
# custom:
#   id: AIACT-55-1-d
#   citation: Art. 55(1)(d)
#   catalogue_ids: [art55.1.d]
#   severity: deny
#   evidence_kinds: [security_assessment]
#   remediation: Assess security controls for the model weights and the physical infrastructure (access control, insider threat) at least every gpai_assessment_period_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": recent_problems("security_assessment", "security assessment", "assessed_at") | {msg |
		some s in _security
		scope := {lower(x) | some x in object.get(s.attributes, "scope", [])}
		some need in ["model_weights", "infrastructure"]
		not need in scope
		msg := sprintf("security assessment %s does not cover %s", [s.source_uri, need])
	},
	"evidence": evidence.hashes(_security),
})
