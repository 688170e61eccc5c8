# METADATA
# title: Art 15 - Accuracy, robustness and cybersecurity
# description: >-
#   High-risk AI systems achieve an appropriate level of accuracy, robustness and cybersecurity and
#   perform consistently in those respects throughout their lifecycle. The accuracy levels and metrics
#   are declared in the instructions for use, and those declarations must match what was measured on
#   the registered model version that is deployed.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 15 and Article 42(2)
#   - ref: https://eur-lex.europa.eu/eli/reg/2026/1744/oj
#     description: Regulation (EU) 2026/1744 (Art 42(3), Cyber Resilience Act presumption)
# custom:
#   article: "15"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art15

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_ifus := evidence.of_kind("instructions_for_use")

_versions := evidence.of_kind("model_version")

_deployed := documents.deployed_versions(_versions, {lower(a) | some a in evidence.config("deployed_model_aliases")})

_measured(v) := documents.version_metrics(v)

# The measured value for a declared metric name: exact name first, then with the configured prefixes
# (MLflow runs often log "test_auc" for what the instructions call "auc").
_lookup(measured, name) := [[key, measured[key]] |
	some prefix in evidence.config("accuracy_metric_prefixes")
	key := concat("", [lower(prefix), name])
	measured[key]
][0]

_tolerance(name) := t if {
	t := object.get(evidence.config("accuracy_tolerance_by_metric"), name, null)
	is_number(t)
}

_tolerance(name) := evidence.config("accuracy_tolerance") if not is_number(object.get(evidence.config("accuracy_tolerance_by_metric"), name, null))

_declared(d) := documents.named_numbers(documents.fact_or(d, "declared_metrics", {}))

# METADATA
# title: Accuracy declared in the instructions for use matches the deployed model version's measured metrics
# custom:
#   id: AIACT-15-3
#   citation: Art. 15(3), 13(3)(b)(ii)
#   catalogue_ids: [art15, art15.3]
#   severity: deny
#   evidence_kinds: [instructions_for_use, model_version]
#   remediation: >-
#     Declare each accuracy metric with its value in the instructions for use (declared_metrics) and
#     keep it equal, within the configured tolerance (accuracy_tolerance), to the metric logged for the
#     registered model version that is deployed; update the instructions when a new version is released.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_15_3,
	"subjects": sort(object.keys(_deployed)),
	"evidence": evidence.hashes(object.union(_ifus, _deployed)),
	"locations": documents.locations([d | some d in _ifus]),
})

_problems_15_3 contains msg if msg := evidence.missing_message("instructions_for_use", "instructions for use")

_problems_15_3 contains msg if msg := evidence.missing_message("model_version", "registered model version")

_problems_15_3 contains msg if {
	some d in _ifus
	count(_declared(d)) == 0
	msg := sprintf("instructions for use %s declare no accuracy metrics with values (declared_metrics)", [d.source_uri])
}

_problems_15_3 contains msg if {
	some d in _ifus
	some name, _ in _declared(d)
	some v in _deployed
	not _lookup(_measured(v), name)
	msg := sprintf("instructions for use declare %s, but deployed model version %s has no measured %s", [name, documents.version_label(v), name])
}

_problems_15_3 contains msg if {
	some d in _ifus
	some name, declared in _declared(d)
	some v in _deployed
	[key, measured] := _lookup(_measured(v), name)
	diff := abs(declared - measured)
	tol := _tolerance(name)
	diff > tol
	msg := sprintf("instructions for use declare %s = %v, but deployed model version %s measured %s = %v (difference %v exceeds tolerance %v)", [
		name, declared, documents.version_label(v), key, measured, round(diff * 10000) / 10000, tol,
	])
}

# --- Art 15(1): appropriate and consistent accuracy ------------------------------------------------

_monitoring := evidence.of_kind("monitoring_metrics")

_lower_better := {lower(m) | some m in evidence.config("metric_lower_is_better")}

_worse(name, value, ref, slack) if {
	not name in _lower_better
	value < ref - slack
}

_worse(name, value, ref, slack) if {
	name in _lower_better
	value > ref + slack
}

# The latest monitored value of a metric in a monitoring_metrics stream (the logs collector's
# metrics.<name>.last {at, value}), matched case-insensitively.
_last_monitored(m, name) := last if {
	some key, stat in object.get(m.attributes, "metrics", {})
	lower(key) == name
	last := stat.last
	is_number(last.value)
}

# METADATA
# title: The deployed model version has measured accuracy meeting the minima, and keeps it in operation
# custom:
#   id: AIACT-15-1
#   citation: Art. 15(1)
#   catalogue_ids: [art15, art15.1]
#   severity: deny
#   evidence_kinds: [model_version, monitoring_metrics, instructions_for_use]
#   remediation: >-
#     Log the evaluation metrics on the registered model version, meet the organisation's minima
#     (accuracy_minima), and monitor them in operation (monitoring_metrics evidence); when a monitored value falls
#     below the declared level by more than accuracy_drift_tolerance, investigate and correct.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_15_1,
	"subjects": sort(object.keys(_deployed)),
	"evidence": evidence.hashes(object.union(_deployed, _monitoring)),
})

_problems_15_1 contains msg if msg := evidence.missing_message("model_version", "registered model version")

_problems_15_1 contains msg if {
	some v in _deployed
	count(_measured(v)) == 0
	msg := sprintf("deployed model version %s has no measured metrics", [documents.version_label(v)])
}

_problems_15_1 contains msg if {
	some v in _deployed
	some name, minimum in evidence.config("accuracy_minima")
	not _lookup(_measured(v), lower(name))
	msg := sprintf("deployed model version %s has no measured %s (minimum %v)", [documents.version_label(v), name, minimum])
}

_problems_15_1 contains msg if {
	some v in _deployed
	some name, minimum in evidence.config("accuracy_minima")
	[key, value] := _lookup(_measured(v), lower(name))
	_worse(lower(name), value, minimum, 0)
	msg := sprintf("deployed model version %s: %s = %v does not meet the minimum %v", [documents.version_label(v), key, value, minimum])
}

_problems_15_1 contains msg if {
	some d in _ifus
	some name, declared in _declared(d)
	some m in _monitoring
	last := _last_monitored(m, name)
	slack := evidence.config("accuracy_drift_tolerance")
	_worse(name, last.value, declared, slack)
	msg := sprintf("monitored %s fell to %v at %v (%s), beyond the declared %v by more than %v: performance is not consistent", [
		name, last.value, object.get(last, "at", "?"), m.source_uri, declared, slack,
	])
}

# --- Art 15(4): robustness; feedback loops for systems that keep learning ------------------------

_reports := evidence.of_kind("test_report")

_robustness := [r |
	some r in _reports
	lower(sprintf("%v", [documents.fact_or(r, "type", "")])) in {"robustness", "resilience", "stress"}
]

_register := evidence.of_kind("risk_register")

_learning(v) if lower(sprintf("%v", [object.get(object.get(v.attributes, "tags", {}), "continuous_learning", "false")])) in {"true", "yes", "1"}

_feedback_risk_mitigated if {
	some item in _register
	some r in object.get(item.attributes, "risks", [])
	some c in array.concat(documents.as_list(object.get(r, "categories", [])), documents.as_list(object.get(r, "category", [])))
	lower(c) in {"feedback_loop", "feedback_loops"}
	documents.nonempty(r, "mitigation")
}

# METADATA
# title: Robustness is tested, and systems that keep learning mitigate biased feedback loops
# custom:
#   id: AIACT-15-4
#   citation: Art. 15(4)
#   catalogue_ids: [art15, art15.4]
#   severity: deny
#   evidence_kinds: [test_report, model_version, risk_register]
#   remediation: >-
#     Run robustness tests (errors, faults, inconsistent inputs) and keep a signed, dated report
#     (test_report with type robustness) with no failed tests; if the model keeps learning after
#     release (tag continuous_learning), register the feedback-loop risk with its mitigation.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_15_4,
	"evidence": evidence.hashes(array.concat(_robustness, [v | some v in _deployed])),
	"locations": documents.locations(_robustness),
})

_problems_15_4 contains msg if {
	count(_robustness) == 0
	msg := "no robustness test report (test_report with type robustness) found in the collected evidence"
}

_problems_15_4 contains msg if {
	some r in _robustness
	some field in ["signed_by", "executed_at"]
	not documents.has_fact(r, field)
	msg := sprintf("robustness test report %s has no %s", [r.source_uri, field])
}

_problems_15_4 contains msg if {
	some r in _robustness
	failed := documents.as_list(documents.fact_or(r, "failed_tests", []))
	count(failed) > 0
	msg := sprintf("robustness test report %s lists failed tests: %s", [r.source_uri, concat(", ", sort([sprintf("%v", [t]) | some t in failed]))])
}

_problems_15_4 contains msg if {
	some v in _deployed
	_learning(v)
	not _feedback_risk_mitigated
	msg := sprintf("model version %s keeps learning after release, but the risk register has no mitigated feedback_loop risk", [documents.version_label(v)])
}

# --- Art 15(5): cybersecurity, including AI-specific attacks --------------------------------------

_presumption := array.concat(
	[c | some c in evidence.of_kind("cybersecurity_certificate")],
	[c | some c in evidence.of_kind("cra_conformity")],
)

_assessments := evidence.of_kind("security_assessment")

_ai_threats := {lower(t) | some t in evidence.config("art15_ai_threats")}

# METADATA
# title: Cybersecurity measures address AI-specific attacks, or a certificate gives the presumption
# custom:
#   id: AIACT-15-5
#   citation: Art. 15(5), 42(2)-(3)
#   catalogue_ids: [art15, art15.5]
#   severity: deny
#   evidence_kinds: [security_assessment, cybersecurity_certificate, cra_conformity]
#   remediation: >-
#     Keep a current security assessment (threat model and penetration test) that covers data poisoning,
#     model poisoning, adversarial examples / model evasion, confidentiality attacks and model flaws,
#     with no open critical or high findings; or hold an EU cybersecurity certificate (Art 42(2)) or
#     Cyber Resilience Act conformity evidence (Art 42(3)).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_15_5,
	"evidence": evidence.hashes(array.concat(_presumption, [a | some a in _assessments])),
})

_problems_15_5 contains msg if {
	count(_presumption) == 0
	msg := evidence.missing_message("security_assessment", "security assessment (threat model, penetration test) or cybersecurity certificate")
}

_problems_15_5 contains msg if {
	count(_presumption) == 0
	some a in _assessments
	missing := _ai_threats - {lower(t) | some t in documents.as_list(documents.fact_or(a, "threats_covered", []))}
	count(missing) > 0
	msg := sprintf("security assessment %s does not cover AI-specific threats: %s", [a.source_uri, concat(", ", sort(missing))])
}

_problems_15_5 contains msg if {
	count(_presumption) == 0
	some a in _assessments
	not documents.valid_date(documents.fact_or(a, "date", null))
	msg := sprintf("security assessment %s is not dated", [a.source_uri])
}

_problems_15_5 contains msg if {
	count(_presumption) == 0
	some a in _assessments
	d := documents.fact(a, "date")
	documents.age_days(d) > evidence.config("security_assessment_max_age_days")
	msg := sprintf("security assessment %s dates from %s, older than %d days", [a.source_uri, substring(d, 0, 10), evidence.config("security_assessment_max_age_days")])
}

_problems_15_5 contains msg if {
	count(_presumption) == 0
	some a in _assessments
	open := [sprintf("%v", [object.get(f, "id", "?")]) |
		some f in documents.fact_or(a, "open_findings", [])
		is_object(f)
		lower(object.get(f, "severity", "")) in {"critical", "high"}
	]
	count(open) > 0
	msg := sprintf("security assessment %s has open critical/high findings: %s", [a.source_uri, concat(", ", sort(open))])
}
