# METADATA
# title: Art 72 - Post-market monitoring
# description: >-
#   Providers establish a post-market monitoring system that actively and systematically collects, documents
#   and analyses data on the system's performance over its lifetime, including data from deployers, based on a
#   post-market monitoring plan that is part of the technical documentation (Art 72(1)-(3), Annex IV point 9).
#   Judged on the plan's sections (kind post_market_monitoring_plan), on the technical documentation's Annex IV
#   point 9 section, and on dated monitoring reports (kind pmm_report: period_end).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 72, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "72"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: post_market
package aiact.art72

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_plan := conditions.doc_items("post_market_monitoring_plan")

_plan_text := lower(concat(" ", [sprintf("%v %v", [object.get(s.attributes, "heading", ""), conditions.body(s)]) | some s in _plan]))

_elements := {
	"the data collected and its sources": `data|source|collect`,
	"performance metrics with thresholds": `metric|kpi|indicator|threshold|accuracy|drift`,
	"data provided by deployers (feedback channel)": `deployer|feedback|complaint|user report`,
	"who analyses the data and how often": `responsib|owner|monthly|quarterly|weekly|annual|frequen|cadence|review`,
}

# METADATA
# title: A post-market monitoring plan covers data, metrics, deployer input and responsibilities
# custom:
#   id: AIACT-72-1
#   citation: Art. 72(1)-(2)
#   catalogue_ids: [art72, art17.1.h]
#   severity: deny
#   evidence_kinds: [post_market_monitoring_plan]
#   remediation: >-
#     Write a post-market monitoring plan that names the data collected and its sources (including deployers),
#     the performance metrics and alert thresholds, and who analyses the data how often.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(_plan),
})

_p1 contains conditions.doc_missing("post_market_monitoring_plan", "post-market monitoring plan")

_p1 contains msg if {
	count(_plan) > 0
	some what, pattern in _elements
	not regex.match(pattern, _plan_text)
	msg := sprintf("the post-market monitoring plan does not cover %s", [what])
}

_td9 := [s |
	some s in conditions.doc_items("technical_documentation")
	_annex_iv_9(s)
]

_annex_iv_9(s) if "annex_iv.9" in object.get(s.attributes, "refs", [])

_annex_iv_9(s) if sprintf("%v", [object.get(s.attributes, "annex_iv_point", "")]) == "9"

_annex_iv_9(s) if regex.match(`(?i)\bannex\s+iv\b[^0-9]{0,20}\b9\b`, object.get(s.attributes, "heading", ""))

# METADATA
# title: The plan is part of the technical documentation (Annex IV point 9)
# custom:
#   id: AIACT-72-3
#   citation: Art. 72(3), Annex IV point 9
#   catalogue_ids: [art72]
#   severity: deny
#   evidence_kinds: [technical_documentation]
#   remediation: Include or reference the post-market monitoring plan in the technical documentation, in a section for Annex IV point 9.
findings contains findings.result(rego.metadata.chain(), {
	"problems": conditions.section_problems("the technical documentation", "Annex IV point 9 (post-market monitoring plan)", _td9, 20),
	"evidence": evidence.hashes(_td9),
})

_reports := conditions.items("pmm_report")

_period := evidence.config("pmm_report_period_days")

# METADATA
# title: Monitoring is carried out at the planned frequency
# custom:
#   id: AIACT-72-2
#   citation: Art. 72(2)
#   catalogue_ids: [art72]
#   severity: warn
#   evidence_kinds: [pmm_report]
#   remediation: Record each monitoring cycle (a dated pmm_report with its findings and actions) at least every pmm_report_period_days days.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p2,
	"evidence": evidence.hashes(_reports),
})

_p2 contains msg if msg := evidence.missing_message("pmm_report", "post-market monitoring report")

_p2 contains msg if {
	count(_reports) > 0
	latest := max({conditions.ns(d) | some r in _reports; d := object.get(r.attributes, "period_end", ""); conditions.valid_ts(d)} | {0})
	(conditions.as_of_ns - latest) / conditions.day_ns > _period
	msg := sprintf("no post-market monitoring report for the last %d days", [_period])
}
