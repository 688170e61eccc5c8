# METADATA
# title: Art 14 - Human oversight
# description: >-
#   High-risk AI systems are designed so that natural persons can oversee them effectively while in
#   use, with measures built in by the provider or identified for the deployer to implement, giving
#   the overseers the Art 14(4) capabilities. Remote biometric identification results are verified
#   by two persons (Art 14(5)). Judged on the human-oversight design record (measures, the
#   capabilities and risks each addresses), the risk register, the instructions for use and the logs.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 14
# custom:
#   article: "14"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art14

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_designs := evidence.of_kind("human_oversight")

_measures := [m | some d in _designs; some m in documents.fact_or(d, "measures", []); is_object(m)]

_register := evidence.of_kind("risk_register")

_risks := [r | some item in _register; some r in object.get(item.attributes, "risks", [])]

_covered_risks := {sprintf("%v", [r]) | some m in _measures; some r in documents.as_list(object.get(m, "risks", []))}

_ifu_sections := evidence.of_kind("instructions_for_use.section")

_ifu_oversight := documents.index(_ifu_sections, {"3(d)": object.get(evidence.config("art13_ifu_heading_patterns"), "3(d)", "human oversight")})["3(d)"]

_low_levels := {lower(l) | some l in evidence.config("art14_residual_levels_without_oversight")}

# METADATA
# title: Human oversight measures are designed in, assigned to provider or deployer, and address the remaining risks
# custom:
#   id: AIACT-14-1-3
#   citation: Art. 14(1)-(3)
#   catalogue_ids: [art14.1_3]
#   severity: deny
#   evidence_kinds: [human_oversight, risk_register, instructions_for_use.section]
#   remediation: >-
#     Keep a human-oversight design record listing each measure with a description, who implements it
#     (provider: built in; deployer: identified for the deployer) and the risks it addresses; cover every
#     risk whose residual risk is above the configured low levels, and describe the deployer's measures
#     in the instructions for use (Art 13(3)(d)).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_14_1,
	"subjects": sort(object.keys(_designs)),
	"evidence": evidence.hashes(object.union(_designs, _register)),
	"locations": documents.locations([d | some d in _designs]),
})

_problems_14_1 contains msg if msg := evidence.missing_message("human_oversight", "human oversight design record")

_problems_14_1 contains msg if {
	count(_designs) > 0
	count(_measures) == 0
	msg := "the human oversight design record lists no measures"
}

_problems_14_1 contains msg if {
	some m in _measures
	not lower(object.get(m, "implemented_by", "")) in {"provider", "deployer"}
	msg := sprintf("oversight measure %s does not say whether the provider builds it in or the deployer implements it (implemented_by)", [object.get(m, "id", "?")])
}

_problems_14_1 contains msg if {
	some m in _measures
	not _described(m)
	msg := sprintf("oversight measure %s has no description", [object.get(m, "id", "?")])
}

_described(m) if {
	d := object.get(m, "description", "")
	is_string(d)
	not documents.placeholder(d)
}

_problems_14_1 contains msg if {
	count(_designs) > 0
	some r in _risks
	level := documents.rfact_or(r, "residual_risk", "unrated")
	not lower(sprintf("%v", [level])) in _low_levels
	not sprintf("%v", [object.get(r, "id", "")]) in _covered_risks
	msg := sprintf("risk %s (residual risk %v) is addressed by no human oversight measure", [object.get(r, "id", "?"), level])
}

_problems_14_1 contains msg if {
	some m in _measures
	lower(object.get(m, "implemented_by", "")) == "deployer"
	count(_ifu_oversight) == 0
	msg := sprintf("oversight measure %s is for the deployer to implement, but the instructions for use have no human oversight section (Art 13(3)(d))", [object.get(m, "id", "?")])
}

# --- Art 14(4)(a)-(e): capabilities given to the overseers ----------------------------------------

_capability := {"a": "monitor", "b": "automation_bias", "c": "interpret", "d": "override", "e": "stop"}

_measures_for(cap) := [m |
	some m in _measures
	cap in {lower(c) | some c in documents.as_list(object.get(m, "capabilities", []))}
	_described(m)
]

_not_appropriate(cap) := reason if {
	some d in _designs
	na := documents.fact_or(d, "not_appropriate", {})
	is_object(na)
	reason := object.get(na, cap, "")
	is_string(reason)
	not documents.placeholder(reason)
}

_cap_problems(letter) := [msg] if {
	count(_designs) == 0
	msg := evidence.missing_message("human_oversight", "human oversight design record")
}

_cap_problems(letter) := [] if {
	count(_designs) > 0
	count(_measures_for(_capability[letter])) > 0
}

_cap_problems(letter) := [] if {
	count(_designs) > 0
	count(_measures_for(_capability[letter])) == 0
	_not_appropriate(_capability[letter])
}

_cap_problems(letter) := [msg] if {
	count(_designs) > 0
	count(_measures_for(_capability[letter])) == 0
	not _not_appropriate(_capability[letter])
	msg := sprintf("no described oversight measure gives the capability %q, and the design record does not explain why it is not appropriate (not_appropriate.%s)", [_capability[letter], _capability[letter]])
}

_cap_obs(letter) := {
	"problems": array.concat(_cap_problems(letter), _cap_extra(letter)),
	"subjects": sort([sprintf("%v", [object.get(m, "id", "?")]) | some m in _measures_for(_capability[letter])]),
	"evidence": evidence.hashes(_designs),
	"locations": documents.locations([d | some d in _designs]),
}

_cap_extra(letter) := [msg |
	letter == "e"
	ms := _measures_for("stop")
	count(ms) > 0
	not _any_provider(ms)
	msg := "the stop capability is left to the deployer: Art 14(4)(e) asks for a stop button or similar procedure in the system itself (implemented_by provider)"
]

_any_provider(ms) if {
	some m in ms
	lower(object.get(m, "implemented_by", "")) == "provider"
}

# METADATA
# title: Overseers can understand capacities and limitations and monitor operation, detecting anomalies
# custom:
#   id: AIACT-14-4-a
#   citation: Art. 14(4)(a)
#   catalogue_ids: [art14.4, art14.4.a]
#   severity: deny
#   evidence_kinds: [human_oversight]
#   remediation: >-
#     Describe the measure (dashboards, alerts, documentation of limitations) that lets overseers monitor
#     operation and detect anomalies, with capabilities: [monitor].
findings contains findings.result(rego.metadata.chain(), _cap_obs("a"))

# METADATA
# title: Overseers are made aware of automation bias
# custom:
#   id: AIACT-14-4-b
#   citation: Art. 14(4)(b)
#   catalogue_ids: [art14.4, art14.4.b]
#   severity: deny
#   evidence_kinds: [human_oversight]
#   remediation: >-
#     Describe the measure (training, UI warnings) that keeps overseers aware of the tendency to over-rely
#     on the output, with capabilities: [automation_bias].
findings contains findings.result(rego.metadata.chain(), _cap_obs("b"))

# METADATA
# title: Overseers can correctly interpret the output, with interpretation tools
# custom:
#   id: AIACT-14-4-c
#   citation: Art. 14(4)(c)
#   catalogue_ids: [art14.4, art14.4.c]
#   severity: deny
#   evidence_kinds: [human_oversight]
#   remediation: >-
#     Describe the interpretation aids (explanations, reason codes, confidence) given to overseers, with
#     capabilities: [interpret].
findings contains findings.result(rego.metadata.chain(), _cap_obs("c"))

# METADATA
# title: Overseers can decide not to use the system, or disregard, override or reverse its output
# custom:
#   id: AIACT-14-4-d
#   citation: Art. 14(4)(d)
#   catalogue_ids: [art14.4, art14.4.d]
#   severity: deny
#   evidence_kinds: [human_oversight]
#   remediation: Describe the override / disregard / reverse control, with capabilities [override].
findings contains findings.result(rego.metadata.chain(), _cap_obs("d"))

# METADATA
# title: Overseers can interrupt the system with a stop button or similar procedure to a safe state
# custom:
#   id: AIACT-14-4-e
#   citation: Art. 14(4)(e)
#   catalogue_ids: [art14.4, art14.4.e]
#   severity: deny
#   evidence_kinds: [human_oversight]
#   remediation: >-
#     Build a stop control into the system that halts it in a safe state, and describe it as a measure
#     implemented_by provider with capabilities [stop].
findings contains findings.result(rego.metadata.chain(), _cap_obs("e"))

# --- Art 14(5): two-person verification for remote biometric identification ----------------------

_rbi if {
	some p in object.get(object.get(input, "classification", {}), "triggering_provisions", [])
	p.id == "annex3.1.a"
}

_streams := evidence.of_kind("log_stream")

_min_ratio := evidence.config("log_field_completeness_min")

_derogation := evidence.attestations("art14.5")

_problems_14_5 contains msg if {
	count(_derogation) == 0
	count(_measures_for("dual_verification")) == 0
	msg := "no oversight measure enforces separate verification and confirmation by at least two persons (capabilities: [dual_verification])"
}

_problems_14_5 contains msg if {
	count(_derogation) == 0
	msg := evidence.missing_message("log_stream", "log stream with verification records")
}

_problems_14_5 contains msg if {
	count(_derogation) == 0
	some s in _streams
	some field in evidence.config("art14_5_verifier_fields")
	ratio := _ratio(s, field)
	ratio < _min_ratio
	msg := sprintf("log stream %s: verifier field %s is present in %v%% of records (at least %v%% required)", [s.source_uri, field, documents.pct(ratio), documents.pct(_min_ratio)])
}

_ratio(s, field) := documents.field_ratio(s, field)

_ratio(s, field) := 0 if not documents.field_ratio(s, field)

_na_14_5 := "" if _rbi

_na_14_5 := "Art 14(5) binds remote biometric identification systems (Annex III point 1(a)); this system's classification was not triggered by that point" if not _rbi

# METADATA
# title: Remote biometric identification results are verified and confirmed by two persons before any action
# custom:
#   id: AIACT-14-5
#   citation: Art. 14(5)
#   catalogue_ids: [art14.5]
#   severity: deny
#   roles: [provider, deployer]
#   evidence_kinds: [human_oversight, log_stream, attestation]
#   remediation: >-
#     Enforce dual confirmation in the workflow (a measure with capabilities [dual_verification]) and log
#     both verifiers on every match (art14_5_verifier_fields). Where Union or national law disapplies the
#     requirement for law enforcement, migration, border control or asylum, record an attestation
#     covering art14.5 naming that law.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_14_5,
	"evidence": evidence.hashes(array.concat([s | some s in _streams], _derogation)),
	"not_applicable": _na_14_5,
})
