# METADATA
# title: Art 26 - Obligations of deployers of high-risk AI systems
# description: >-
#   Every paragraph of Art 26 that binds a deployer, judged on the deployer's own records: deployment
#   procedure tied to the instructions-for-use version (1), oversight assignments (2), input-data checks (4),
#   monitoring and incident escalation (5), log retention of at least six months (6), worker information (7),
#   registration by public authorities (8), DPIA (9), post remote biometric identification (10), information
#   of affected persons (11) and cooperation (12). Paragraphs that bind only some deployers are reported as
#   not applicable, with the reason, when the classification facts do not show the condition.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 26
# custom:
#   article: "26"
#   tiers: [high_risk]
#   roles: [deployer]
#   applies_from: high_risk
package aiact.art26

import data.aiact.art19
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_topic(t) := {id: p | some id, p in conditions.items("procedure"); lower(object.get(p.attributes, "topic", "")) == t}

_id(item) := object.get(item.attributes, "id", object.get(item.attributes, "person", item.source_uri))

# --- 26(1) -----------------------------------------------------------------------------------

_deploy := _topic("deployment")

_ifu_versions := {sprintf("%v", [v]) | some i in conditions.items("instructions_for_use"); v := object.get(i.attributes, "version", null); v != null}

# METADATA
# title: The system is used in line with the current instructions for use
# custom:
#   id: AIACT-26-1
#   citation: Art. 26(1)
#   catalogue_ids: [art26, art26.1]
#   severity: deny
#   evidence_kinds: [procedure, instructions_for_use]
#   remediation: Keep a deployment procedure (topic deployment) that names the instructions-for-use version it follows (ifu_version), and update it when the provider issues a new version.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(_deploy),
})

_p1 contains "no deployment procedure (kind procedure, topic deployment) found in the collected evidence" if count(_deploy) == 0

_p1 contains msg if {
	some p in _deploy
	v := sprintf("%v", [object.get(p.attributes, "ifu_version", "")])
	not v in _ifu_versions
	msg := sprintf("deployment procedure %s follows instructions for use version %q, but the collected instructions are version(s) %s", [p.source_uri, v, concat(", ", sort(_ifu_versions))])
}

# --- 26(2) -----------------------------------------------------------------------------------

_oversight := conditions.items("oversight_assignment")

_trained := {lower(object.get(r.attributes, "person", "")) | some r in conditions.items("literacy_record")}

# METADATA
# title: Human oversight is assigned to competent, trained people with authority to override
# custom:
#   id: AIACT-26-2
#   citation: Art. 26(2)
#   catalogue_ids: [art26.2]
#   severity: deny
#   evidence_kinds: [oversight_assignment, literacy_record]
#   remediation: Name the people assigned to oversee the system (oversight_assignment), give each authority to override or stop it, and record their training.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p2,
	"subjects": ["system"],
	"evidence": evidence.hashes(_oversight),
})

_p2 contains msg if msg := evidence.missing_message("oversight_assignment", "human-oversight assignment")

_p2 contains msg if {
	some a in _oversight
	object.get(a.attributes, "authority_to_override", false) != true
	msg := sprintf("oversight person %s has no recorded authority to override or stop the system", [_id(a)])
}

_p2 contains msg if {
	some a in _oversight
	not conditions.valid_ts(object.get(a.attributes, "trained_at", ""))
	not lower(object.get(a.attributes, "person", "")) in _trained
	msg := sprintf("oversight person %s has no training record", [_id(a)])
}

# --- 26(4) -----------------------------------------------------------------------------------

_checks := conditions.items("input_data_check")

default _controls_input := ""

_controls_input := "the deployer does not control the input data (Art 26(4) binds only to the extent it does)" if conditions.fact("deployer_controls_input_data") == false

# METADATA
# title: Input data under the deployer's control is relevant and representative
# custom:
#   id: AIACT-26-4
#   citation: Art. 26(4)
#   catalogue_ids: [art26.4]
#   severity: deny
#   evidence_kinds: [input_data_check]
#   remediation: Check periodically that the input data you supply is relevant and sufficiently representative for the intended purpose, and record the result.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p4,
	"evidence": evidence.hashes(_checks),
	"not_applicable": _controls_input,
})

_p4 contains msg if msg := evidence.missing_message("input_data_check", "input-data quality check")

_p4 contains msg if {
	some c in _checks
	some k in ["relevant", "representative"]
	object.get(c.attributes, k, false) != true
	msg := sprintf("input-data check %s does not find the data %s", [c.source_uri, k])
}

_p4 contains msg if {
	count(_checks) > 0
	latest := max({conditions.ns(t) | some c in _checks; t := object.get(c.attributes, "checked_at", ""); conditions.valid_ts(t)} | {0})
	(conditions.as_of_ns - latest) / conditions.day_ns > evidence.config("deployer_monitoring_period_days")
	msg := sprintf("no input-data check within the last %d days", [evidence.config("deployer_monitoring_period_days")])
}

# --- 26(5) -----------------------------------------------------------------------------------

_monitoring := conditions.items("monitoring_record")

_incidents := [i | some i in conditions.items("incident"); object.get(i.attributes, "serious", false) == true]

# METADATA
# title: Operation is monitored and serious incidents are reported to the provider immediately
# custom:
#   id: AIACT-26-5
#   citation: Art. 26(5)
#   catalogue_ids: [art26.5]
#   severity: deny
#   evidence_kinds: [monitoring_record, incident]
#   remediation: >-
#     Monitor operation per the instructions for use at least every deployer_monitoring_period_days days, and
#     inform the provider of each serious incident within deployer_incident_notify_hours of becoming aware.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p5,
	"subjects": array.concat(["system"], [_id(i) | some i in _incidents]),
	"evidence": evidence.hashes(array.concat([m | some m in _monitoring], _incidents)),
})

_p5 contains msg if msg := evidence.missing_message("monitoring_record", "operational monitoring record")

_p5 contains msg if {
	count(_monitoring) > 0
	latest := max({conditions.ns(t) | some m in _monitoring; t := object.get(m.attributes, "period_end", object.get(m.attributes, "date", "")); conditions.valid_ts(t)} | {0})
	(conditions.as_of_ns - latest) / conditions.day_ns > evidence.config("deployer_monitoring_period_days")
	msg := sprintf("no monitoring record within the last %d days", [evidence.config("deployer_monitoring_period_days")])
}

_p5 contains msg if {
	some i in _incidents
	not conditions.valid_ts(object.get(i.attributes, "provider_informed_at", ""))
	msg := sprintf("serious incident %s: no record that the provider was informed", [_id(i)])
}

_p5 contains msg if {
	some i in _incidents
	h := conditions.days(i.attributes.aware_at, i.attributes.provider_informed_at) * 24
	h > evidence.config("deployer_incident_notify_hours")
	msg := sprintf("serious incident %s: the provider was informed %d hours after awareness (at most %d)", [_id(i), floor(h), evidence.config("deployer_incident_notify_hours")])
}

# --- 26(6) -----------------------------------------------------------------------------------

_min := evidence.config("log_retention_min_days")

# METADATA
# title: Logs under the deployer's control are kept at least six months
# custom:
#   id: AIACT-26-6
#   citation: Art. 26(6)
#   catalogue_ids: [art26.6]
#   severity: deny
#   evidence_kinds: [log_retention_config, log_stream]
#   remediation: Keep the automatically generated logs under your control for at least log_retention_min_days (six months), configured and actually held.
findings contains findings.result(rego.metadata.chain(), {
	"problems": art19.config_problems(_min) | art19.stream_problems(_min),
	"evidence": evidence.hashes(object.union(art19.configs, art19.streams)),
})

# --- 26(7) -----------------------------------------------------------------------------------

_workplace if conditions.fact("workplace_or_education") == true

_workplace if conditions.has_provision("annex3.4")

_workers := conditions.items("worker_information")

_first_use := conditions.fact("first_use_at")

# METADATA
# title: Workers' representatives and affected workers are informed before workplace use
# custom:
#   id: AIACT-26-7
#   citation: Art. 26(7)
#   catalogue_ids: [art26.7]
#   severity: deny
#   evidence_kinds: [worker_information]
#   remediation: Inform workers' representatives and the affected workers before putting the system into service at the workplace, and keep the dated notice.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p7,
	"evidence": evidence.hashes(_workers),
	"not_applicable": _na7,
})

default _na7 := "the classification does not show use at the workplace (Art 26(7) binds employers)"

_na7 := "" if _workplace

_p7 contains msg if msg := evidence.missing_message("worker_information", "worker information notice")

_p7 contains msg if {
	some w in _workers
	got := {lower(r) | some r in object.get(w.attributes, "recipients", [])}
	some need in ["workers_representatives", "affected_workers"]
	not need in got
	msg := sprintf("worker information %s was not given to %s", [w.source_uri, need])
}

_p7 contains msg if {
	some w in _workers
	conditions.days(w.attributes.informed_at, _first_use) < 0
	msg := sprintf("workers were informed on %s, after first use on %s", [w.attributes.informed_at, _first_use])
}

# --- 26(8) -----------------------------------------------------------------------------------

public_deployer if "public_authority_deployer" in object.get(object.get(input, "scope", {}), "roles", [])

public_deployer if conditions.fact("deployer_is_public_body_or_public_service") == true

public_deployer if conditions.fact("public_authority") == true

_registrations := [r | some r in conditions.items("eu_database_registration"); upper(object.get(r.attributes, "section", "")) == "C"]

# METADATA
# title: A public-authority deployer registered its use and uses only a registered system
# custom:
#   id: AIACT-26-8
#   citation: Art. 26(8), 49(3)
#   catalogue_ids: [art26.8]
#   severity: deny
#   evidence_kinds: [eu_database_registration]
#   remediation: Register your use in the EU database (Annex VIII Section C) before use, referring to the provider's registration of the system; do not use an unregistered system.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p8,
	"evidence": evidence.hashes(_registrations),
	"not_applicable": _na8,
})

default _na8 := "the deployer is not shown to be a public authority, Union body or acting on their behalf"

_na8 := "" if public_deployer

_p8 contains "no EU database registration of use (Annex VIII Section C) found in the collected evidence" if count(_registrations) == 0

_p8 contains msg if {
	some r in _registrations
	not conditions.filled(object.get(r.attributes, "fields", {}), "3")
	msg := sprintf("registration %s does not refer to the provider's database entry for the system (Annex VIII C.3); the system may be unregistered", [r.source_uri])
}

# --- 26(9) -----------------------------------------------------------------------------------

_dpias := conditions.items("dpia")

# METADATA
# title: A data protection impact assessment uses the provider's Art 13 information
# custom:
#   id: AIACT-26-9
#   citation: Art. 26(9)
#   catalogue_ids: [art26.9]
#   severity: deny
#   evidence_kinds: [dpia]
#   remediation: Carry out the GDPR Art 35 (or LED Art 27) DPIA using the instructions for use, and record that it does (uses_provider_information).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p9,
	"evidence": evidence.hashes(_dpias),
	"not_applicable": _na9,
})

default _na9 := "the classification does not show processing of personal data"

_na9 := "" if conditions.personal_data

_p9 contains msg if msg := evidence.missing_message("dpia", "data protection impact assessment")

_p9 contains msg if {
	some d in _dpias
	object.get(d.attributes, "uses_provider_information", false) != true
	msg := sprintf("DPIA %s does not show it used the provider's Art 13 information", [d.source_uri])
}

# --- 26(10) ----------------------------------------------------------------------------------

_post_rbi if {
	conditions.fact("remote_biometric_identification") == "post"
	conditions.fact("law_enforcement_use") == true
}

_uses := conditions.items("rbi_use")

# METADATA
# title: Each post remote biometric identification is authorised within 48 hours and documented
# custom:
#   id: AIACT-26-10
#   citation: Art. 26(10)
#   catalogue_ids: [art26.10]
#   severity: deny
#   roles: [deployer, law_enforcement_authority]
#   evidence_kinds: [rbi_use]
#   remediation: >-
#     For each use request authorisation from a judicial or binding administrative authority beforehand or
#     within 48 hours, stop and delete when refused, and record the use in the police file.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p10,
	"subjects": array.concat(["system"], [_id(u) | some u in _uses]),
	"evidence": evidence.hashes(_uses),
	"not_applicable": _na10,
})

default _na10 := "the system is not used for post remote biometric identification in a criminal investigation"

_na10 := "" if _post_rbi

_p10 contains msg if {
	some u in _uses
	object.get(u.attributes, "initial_suspect_identification", false) != true
	not conditions.valid_ts(object.get(u.attributes, "authorisation_requested_at", ""))
	msg := sprintf("use %s has no authorisation request", [_id(u)])
}

_p10 contains msg if {
	some u in _uses
	h := conditions.days(u.attributes.used_at, u.attributes.authorisation_requested_at) * 24
	h > 48
	msg := sprintf("use %s: authorisation was requested %d hours after use (at most 48, Art 26(10))", [_id(u), floor(h)])
}

_p10 contains msg if {
	some u in _uses
	object.get(u.attributes, "authorisation", "") == "refused"
	not conditions.valid_ts(object.get(u.attributes, "deleted_at", ""))
	msg := sprintf("use %s: authorisation was refused but the use was not stopped and its data deleted", [_id(u)])
}

_p10 contains msg if {
	some u in _uses
	not conditions.filled(u.attributes, "police_file_ref")
	msg := sprintf("use %s is not documented in the police file", [_id(u)])
}

# --- 26(11) ----------------------------------------------------------------------------------

_notices := conditions.items("notice_to_affected_persons")

_decides_on_people if {
	conditions.has_provision("annex3")
	not _no_decisions
}

_no_decisions if conditions.fact("decides_or_assists_decisions_on_natural_persons") == false

# METADATA
# title: People subject to decisions made or assisted by the system are informed
# custom:
#   id: AIACT-26-11
#   citation: Art. 26(11)
#   catalogue_ids: [art26.11]
#   severity: deny
#   evidence_kinds: [notice_to_affected_persons]
#   remediation: Tell the natural persons concerned that they are subject to a high-risk AI system (e.g. in the application flow), and keep the notice and delivery evidence.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p11,
	"evidence": evidence.hashes(_notices),
	"not_applicable": _na11,
})

default _na11 := "the system is not shown to make or assist decisions about natural persons under Annex III"

_na11 := "" if _decides_on_people

_p11 contains msg if msg := evidence.missing_message("notice_to_affected_persons", "notice to affected persons")

_p11 contains msg if {
	some n in _notices
	not conditions.filled(n.attributes, "delivery")
	msg := sprintf("notice %s does not show how it reaches the persons concerned (delivery)", [n.source_uri])
}

# --- 26(12) ----------------------------------------------------------------------------------

# METADATA
# title: The deployer cooperates with the competent authorities
# custom:
#   id: AIACT-26-12
#   citation: Art. 26(12)
#   catalogue_ids: [art26.12]
#   severity: warn
#   manual: true
#   attest: the deployer answers requests of competent authorities and cooperates in any action they take in relation to the system
#   evidence_kinds: [attestation]
#   remediation: Record an attestation covering catalogue id art26.12.
findings contains findings.result(rego.metadata.chain(), conditions.attestation(rego.metadata.chain()))
