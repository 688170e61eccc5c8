# METADATA
# title: Art 9 - Risk management system
# description: Providers of high-risk AI systems establish, document and maintain a risk management system.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 9
# custom:
#   article: "9"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art9

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_register := evidence.of_kind("risk_register")

_risks := [r | some item in _register; some r in object.get(item.attributes, "risks", [])]

_required_categories := {"health", "safety", "fundamental_rights"}

# METADATA
# title: A risk register covers health, safety and fundamental rights
# custom:
#   id: AIACT-9-2-a
#   citation: Art. 9(2)(a)
#   catalogue_ids: [art9.2.a]
#   severity: deny
#   evidence_kinds: [risk_register]
#   remediation: >-
#     Keep a risk register (YAML, JSON or CSV) with one row per known or foreseeable risk, its category
#     (health, safety, fundamental_rights) and a mitigation, owner and review date.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_2_a,
	"evidence": evidence.hashes(_register),
})

_problems_9_2_a contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_2_a contains msg if {
	count(_register) > 0
	covered := {c | some r in _risks; some c in _categories(r)}
	missing := _required_categories - covered
	count(missing) > 0
	msg := sprintf("risk register has no risk in categories: %s", [concat(", ", sort(missing))])
}

# METADATA
# title: Every identified risk has a mitigation, an owner and a current review date
# custom:
#   id: AIACT-9-2-d
#   citation: Art. 9(2)(d), 9(3)-(4)
#   catalogue_ids: [art9.2.d]
#   severity: deny
#   evidence_kinds: [risk_register]
#   remediation: Give each risk a mitigation measure, a named owner and a review date within the review period.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_2_d,
	"evidence": evidence.hashes(_register),
})

_problems_9_2_d contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_2_d contains msg if {
	some r in _risks
	some field in ["mitigation", "owner", "review_date"]
	not _nonempty(r, field)
	msg := sprintf("risk %s has no %s", [object.get(r, "id", "?"), field])
}

_problems_9_2_d contains msg if {
	some r in _risks
	_nonempty(r, "review_date")
	period := evidence.config("risk_review_period_days")
	age_days := (time.parse_rfc3339_ns(input.as_of) - time.parse_ns("2006-01-02", r.review_date)) / (((24 * 60) * 60) * 1000000000)
	age_days > period
	msg := sprintf("risk %s was last reviewed on %s, more than %d days before %s", [r.id, r.review_date, period, substring(input.as_of, 0, 10)])
}

# A risk's categories: `category` and the collector's `categories` list (lower-case).
_categories(r) := {lower(c) | some c in array.concat(documents.as_list(object.get(r, "categories", [])), documents.as_list(object.get(r, "category", [])))}

_nonempty(obj, field) if {
	v := object.get(obj, field, "")
	v != ""
	v != null
}

# --- Art 9(1)-(2): a documented, continuous, iterative process ---------------------------------

_plans := evidence.of_kind("risk_management_plan")

# The register's last review: its own reviewed_at, else the latest review date of its risks.
_last_review(item) := documents.fact(item, "reviewed_at") if documents.valid_date(documents.fact_or(item, "reviewed_at", null))

_last_review(item) := d if {
	not documents.valid_date(documents.fact_or(item, "reviewed_at", null))
	dates := [r.review_date | some r in object.get(item.attributes, "risks", []); documents.valid_date(object.get(r, "review_date", null))]
	count(dates) > 0
	d := max(dates)
}

# METADATA
# title: A documented risk management system runs as a continuous process over the lifecycle
# custom:
#   id: AIACT-9-1
#   citation: Art. 9(1)-(2)
#   catalogue_ids: [art9.1]
#   severity: deny
#   evidence_kinds: [risk_management_plan, risk_register]
#   remediation: >-
#     Keep a risk management plan (YAML/JSON record) naming its owner, the lifecycle stages it covers
#     (at least development and post-market) and a review cadence in days no longer than the review
#     period, and review the risk register at that cadence (reviewed_at on the register).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_1,
	"evidence": evidence.hashes(object.union(_plans, _register)),
	"locations": documents.locations([p | some p in _plans]),
})

_problems_9_1 contains msg if msg := evidence.missing_message("risk_management_plan", "risk management plan")

_problems_9_1 contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_1 contains msg if {
	some p in _plans
	not documents.has_fact(p, "owner")
	msg := sprintf("risk management plan %s names no owner", [p.source_uri])
}

_problems_9_1 contains msg if {
	some p in _plans
	stages := {lower(s) | some s in documents.as_list(documents.fact_or(p, "lifecycle_stages", []))}
	missing := {s | some s in evidence.config("art9_lifecycle_stages")} - stages
	count(missing) > 0
	msg := sprintf("risk management plan %s does not cover lifecycle stages: %s", [p.source_uri, concat(", ", sort(missing))])
}

_problems_9_1 contains msg if {
	some p in _plans
	not is_number(documents.fact_or(p, "review_cadence_days", null))
	msg := sprintf("risk management plan %s sets no review cadence (review_cadence_days)", [p.source_uri])
}

_problems_9_1 contains msg if {
	some p in _plans
	cadence := documents.fact(p, "review_cadence_days")
	is_number(cadence)
	period := evidence.config("risk_review_period_days")
	cadence > period
	msg := sprintf("risk management plan %s reviews every %d days, longer than the review period of %d days", [p.source_uri, cadence, period])
}

_problems_9_1 contains msg if {
	some item in _register
	not _last_review(item)
	msg := sprintf("risk register %s shows no review date (reviewed_at or review_date per risk)", [item.source_uri])
}

_problems_9_1 contains msg if {
	some item in _register
	last := _last_review(item)
	limit := _review_limit
	documents.age_days(last) > limit
	msg := sprintf("risk register %s was last reviewed on %s, more than %d days before %s: the process is not kept up to date", [item.source_uri, substring(last, 0, 10), limit, substring(input.as_of, 0, 10)])
}

# The plan's own cadence when it is shorter than the configured period.
_review_limit := min(array.concat(
	[evidence.config("risk_review_period_days")],
	[c | some p in _plans; c := documents.fact_or(p, "review_cadence_days", null); is_number(c)],
))

# --- Art 9(2)(b): estimation and evaluation, including foreseeable misuse -------------------------

# METADATA
# title: Risks are estimated (likelihood, severity) under intended use and foreseeable misuse
# custom:
#   id: AIACT-9-2-b
#   citation: Art. 9(2)(b)
#   catalogue_ids: [art9.2.b]
#   severity: deny
#   evidence_kinds: [risk_register]
#   remediation: >-
#     Rate each risk's likelihood and severity, record the acceptance criteria used
#     (acceptance_criteria on the register) and include the reasonably foreseeable misuse scenarios
#     (scenario: foreseeable_misuse).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_2_b,
	"evidence": evidence.hashes(_register),
})

_problems_9_2_b contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_2_b contains msg if {
	some r in _risks
	some field in ["likelihood", "severity"]
	not _nonempty(r, field)
	msg := sprintf("risk %s has no %s rating", [object.get(r, "id", "?"), field])
}

_problems_9_2_b contains msg if {
	count(_register) > 0
	misuse := {s | some s in evidence.config("art9_misuse_scenarios")}
	not _any_misuse(misuse)
	msg := sprintf("risk register has no risk under reasonably foreseeable misuse (scenario one of: %s)", [concat(", ", sort(misuse))])
}

_any_misuse(misuse) if {
	some r in _risks
	lower(sprintf("%v", [documents.rfact_or(r, "scenario", "")])) in misuse
}

_problems_9_2_b contains msg if {
	some item in _register
	not documents.has_fact(item, "acceptance_criteria")
	msg := sprintf("risk register %s states no risk acceptance criteria", [item.source_uri])
}

# --- Art 9(2)(c): post-market monitoring data feed the register -------------------------------

_incidents := evidence.of_kind("incident")

_pmm_reports := evidence.of_kind("pmm_report")

_referenced := {ref | some r in _risks; some ref in documents.as_list(documents.rfact_or(r, "references", []))}

_pmm_inputs contains {"id": object.get(i.attributes, "id", id), "what": "incident", "date": object.get(i.attributes, "detected_at", object.get(i.attributes, "occurred_at", null))} if {
	some id, i in _incidents
}

_pmm_inputs contains {"id": f.id, "what": "post-market monitoring finding", "date": documents.fact_or(p, "date", documents.fact_or(p, "period_end", null))} if {
	some p in _pmm_reports
	some f in documents.fact_or(p, "findings", [])
}

# METADATA
# title: Post-market monitoring findings and incidents are evaluated in the risk register
# custom:
#   id: AIACT-9-2-c
#   citation: Art. 9(2)(c)
#   catalogue_ids: [art9.2.c]
#   severity: deny
#   evidence_kinds: [risk_register, incident, pmm_report]
#   pass_message: every incident and post-market monitoring finding in the evidence is traced to the risk register
#   remediation: >-
#     For every incident and post-market monitoring finding, add or update a risk whose `references`
#     lists its id, and review the register after the latest post-market monitoring data.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_2_c,
	"evidence": evidence.hashes(object.union(_register, object.union(_incidents, _pmm_reports))),
})

_problems_9_2_c contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_2_c contains msg if {
	count(_register) > 0
	some x in _pmm_inputs
	not x.id in _referenced
	msg := sprintf("%s %s is not referenced by any risk in the risk register", [x.what, x.id])
}

_problems_9_2_c contains msg if {
	some item in _register
	last := _last_review(item)
	dates := [x.date | some x in _pmm_inputs; documents.valid_date(x.date)]
	count(dates) > 0
	latest := max(dates)
	documents.date_ns(last) < documents.date_ns(latest)
	msg := sprintf("risk register %s was last reviewed on %s, before the latest post-market data of %s", [item.source_uri, substring(last, 0, 10), substring(latest, 0, 10)])
}

# --- Art 9(5): residual risk judged acceptable, signed off --------------------------------------

_approvals := evidence.of_kind("approval")

_residual_signoffs := [a |
	some a in _approvals
	_is_residual_signoff(a)
]

_is_residual_signoff(a) if lower(sprintf("%v", [documents.fact_or(a, "subject", "")])) in {"residual_risk", "residual_risks", "art9.5"}

# An approval whose subject is the risk register itself (its evidence id or graph node id).
_is_residual_signoff(a) if documents.fact_or(a, "subject", "") in object.keys(_register)

_is_residual_signoff(a) if "art9.5" in documents.as_list(documents.fact_or(a, "catalogue_ids", []))

_approver(a) := documents.fact_or(a, "approver", documents.fact_or(a, "by", null))

_approved_on(a) := documents.fact_or(a, "date", documents.fact_or(a, "at", null))

# METADATA
# title: Residual risks are judged acceptable and the acceptance is signed off
# custom:
#   id: AIACT-9-5
#   citation: Art. 9(5)
#   catalogue_ids: [art9.5]
#   severity: deny
#   evidence_kinds: [risk_register, approval]
#   remediation: >-
#     Rate each risk's residual_risk after mitigation, reduce any rated unacceptable, and record the
#     acceptance of the residual risks as an approval (subject: residual_risk, by, role, at, decision)
#     dated no earlier than the register's last review.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_5,
	"evidence": evidence.hashes(array.concat([r | some r in _register], _residual_signoffs)),
})

_problems_9_5 contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_5 contains msg if {
	some r in _risks
	not documents.rfact(r, "residual_risk")
	msg := sprintf("risk %s has no residual_risk rating", [object.get(r, "id", "?")])
}

_problems_9_5 contains msg if {
	some r in _risks
	level := documents.rfact(r, "residual_risk")
	lower(sprintf("%v", [level])) in {lower(l) | some l in evidence.config("art9_unacceptable_residual_levels")}
	msg := sprintf("risk %s has an unacceptable residual risk (%s)", [r.id, level])
}

_problems_9_5 contains msg if {
	count(_register) > 0
	count(_residual_signoffs) == 0
	msg := "no approval accepting the residual risks (approval with subject residual_risk) found in the collected evidence"
}

_problems_9_5 contains msg if {
	some a in _residual_signoffs
	_approver(a) == null
	msg := sprintf("residual-risk approval %s names no approver", [a.source_uri])
}

_problems_9_5 contains msg if {
	some a in _residual_signoffs
	not documents.valid_date(_approved_on(a))
	msg := sprintf("residual-risk approval %s is not dated", [a.source_uri])
}

_problems_9_5 contains msg if {
	some a in _residual_signoffs
	decision := lower(sprintf("%v", [documents.fact_or(a, "decision", "approved")]))
	decision in {"rejected", "declined", "refused"}
	msg := sprintf("residual-risk approval %s records decision %q", [a.source_uri, decision])
}

_problems_9_5 contains msg if {
	count(_residual_signoffs) > 0
	some item in _register
	last := _last_review(item)
	signed := [_approved_on(a) | some a in _residual_signoffs; documents.valid_date(_approved_on(a))]
	count(signed) > 0
	documents.date_ns(max(signed)) < documents.date_ns(last)
	msg := sprintf("the latest residual-risk approval (%s) predates the register's last review (%s)", [substring(max(signed), 0, 10), substring(last, 0, 10)])
}

# --- Art 9(6)-(8): testing against metrics and thresholds defined in advance -----------------------

_test_plans := evidence.of_kind("test_plan")

_test_reports := evidence.of_kind("test_report")

_plan_metrics := [m | some p in _test_plans; some m in documents.fact_or(p, "metrics", []); is_object(m)]

_report_date(r) := documents.fact_or(r, "executed_at", documents.fact_or(r, "date", null))

_plan_date(p) := documents.fact_or(p, "approved_at", documents.fact_or(p, "date", null))

# Latest measured value of a metric across the test reports: {metric: {value, report}}.
_results := {name: {"value": latest[1], "report": latest[2]} |
	some name in {lower(m.name) | some m in _plan_metrics}
	candidates := [[d, x, r.source_uri] |
		some r in _test_reports
		x := documents.named_numbers(documents.fact_or(r, "results", {}))[name]
		d := sprintf("%v", [_report_date(r)])
	]
	count(candidates) > 0
	latest := max(candidates)
}

# METADATA
# title: The system was tested against metrics and thresholds defined in advance, and met them
# custom:
#   id: AIACT-9-6-8
#   citation: Art. 9(6)-(8)
#   catalogue_ids: [art9.6_8]
#   severity: deny
#   evidence_kinds: [test_plan, test_report]
#   remediation: >-
#     Keep a dated test plan listing each metric with its threshold and direction (min or max),
#     approved before the tests run, and signed, dated test reports with a result for every metric.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_6,
	"evidence": evidence.hashes(object.union(_test_plans, _test_reports)),
})

_problems_9_6 contains msg if msg := evidence.missing_message("test_plan", "test plan")

_problems_9_6 contains msg if msg := evidence.missing_message("test_report", "test report")

_problems_9_6 contains msg if {
	count(_test_plans) > 0
	count(_plan_metrics) == 0
	msg := "test plan defines no metrics"
}

_problems_9_6 contains msg if {
	some m in _plan_metrics
	not is_number(object.get(m, "threshold", null))
	msg := sprintf("test plan metric %s has no numeric threshold", [object.get(m, "name", "?")])
}

_problems_9_6 contains msg if {
	some p in _test_plans
	not documents.valid_date(_plan_date(p))
	msg := sprintf("test plan %s is not dated (approved_at), so its thresholds cannot be shown to predate the tests", [p.source_uri])
}

_problems_9_6 contains msg if {
	some p in _test_plans
	some r in _test_reports
	documents.date_ns(_plan_date(p)) > documents.date_ns(_report_date(r))
	msg := sprintf("test plan %s (%s) was approved after test report %s was executed (%s): thresholds were not defined in advance", [p.source_uri, substring(_plan_date(p), 0, 10), r.source_uri, substring(_report_date(r), 0, 10)])
}

_problems_9_6 contains msg if {
	some r in _test_reports
	some field in ["signed_by", "executed_at"]
	not documents.has_fact(r, field)
	msg := sprintf("test report %s has no %s (reports must be dated and signed)", [r.source_uri, field])
}

_problems_9_6 contains msg if {
	count(_test_reports) > 0
	some m in _plan_metrics
	not _results[lower(m.name)]
	msg := sprintf("no test report gives a result for planned metric %s", [m.name])
}

_problems_9_6 contains msg if {
	some m in _plan_metrics
	res := _results[lower(m.name)]
	is_number(m.threshold)
	_misses(res.value, m.threshold, lower(object.get(m, "direction", "min")))
	msg := sprintf("metric %s = %v in %s misses its threshold %v (%s)", [m.name, res.value, res.report, m.threshold, lower(object.get(m, "direction", "min"))])
}

_misses(v, t, "min") if v < t

_misses(v, t, "max") if v > t

# --- Art 9(9): persons under 18 and other vulnerable groups -----------------------------------

_minor_terms := {lower(t) | some t in evidence.config("art9_minor_terms")}

_addresses_minors if {
	some r in _risks
	some g in documents.as_list(documents.rfact_or(r, "affected_groups", []))
	lower(g) in _minor_terms
}

_addresses_minors if {
	some item in _register
	groups := documents.fact_or(item, "vulnerable_groups", {})
	is_object(groups)
	some k, v in groups
	lower(k) in _minor_terms
	is_string(v)
	not documents.placeholder(v)
}

# METADATA
# title: The risk assessment considers persons under 18 and other vulnerable groups
# custom:
#   id: AIACT-9-9
#   citation: Art. 9(9)
#   catalogue_ids: [art9.9]
#   severity: deny
#   evidence_kinds: [risk_register]
#   remediation: >-
#     State in the risk register whether the system is likely to affect persons under 18 and other
#     vulnerable groups (vulnerable_groups: {minors: "<assessment>"}), or tag the relevant risks with
#     affected_groups: [minors, ...].
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_9_9,
	"evidence": evidence.hashes(_register),
})

_problems_9_9 contains msg if msg := evidence.missing_message("risk_register", "risk register")

_problems_9_9 contains msg if {
	count(_register) > 0
	not _addresses_minors
	msg := "the risk register does not address the impact on persons under 18 (no vulnerable_groups.minors assessment and no risk with affected_groups minors)"
}

# --- Art 9(10): integration with sectoral risk management (manual) -------------------------------

# METADATA
# title: Where Art 9 is combined with a sectoral risk-management procedure, the mapping is confirmed
# custom:
#   id: AIACT-9-10
#   citation: Art. 9(10)
#   catalogue_ids: [art9.10]
#   severity: info
#   manual: true
#   evidence_kinds: [attestation]
#   remediation: >-
#     If the provider relies on internal risk-management procedures under other Union law (e.g. credit
#     institutions, MDR), record an attestation covering art9.10 that names the mapping document showing
#     where each Art 9 element sits; if it does not, attest that Art 9 is run stand-alone.
findings contains findings.result(rego.metadata.chain(), {
	"problems": evidence.attestation_problems("art9.10", "whether Art 9 is combined with a sectoral risk-management procedure and, if so, that a mapping document places every Art 9(1)-(9) element inside it"),
	"evidence": evidence.hashes(evidence.attestations("art9.10")),
})
