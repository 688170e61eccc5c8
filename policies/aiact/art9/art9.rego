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
	covered := {r.category | some r in _risks}
	missing := _required_categories - covered
	count(missing) > 0
	msg := sprintf("risk register has no risk in categories: %s", [concat(", ", sort(missing))])
}

# METADATA
# title: Every identified risk has a mitigation, an owner and a current review date
# custom:
#   id: AIACT-9-2-d
#   citation: Art. 9(2)(d), 9(5)
#   catalogue_ids: [art9.2.d, art9.5]
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

_nonempty(obj, field) if {
	v := object.get(obj, field, "")
	v != ""
	v != null
}
