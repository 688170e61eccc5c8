# METADATA
# title: Arts 51-52 - GPAI models with systemic risk - classification and notification
# description: >-
#   A GPAI model is presumed to have high-impact capabilities, and so systemic risk, when its cumulative
#   training compute exceeds 10^25 FLOP (Art 51(2)); its provider notifies the Commission without delay and
#   at the latest within two weeks of meeting the threshold or knowing it will be met (Art 52(1)). Judged on
#   the training-compute estimate (kind training_compute_estimate: flop, methodology) against the
#   classification, and on the notification (kind commission_notification: threshold_met_at, notified_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Articles 51-52
# custom:
#   article: "51"
#   tiers: [gpai, gpai_systemic]
#   roles: [gpai_provider]
#   applies_from: gpai
package aiact.art51

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_estimates := conditions.items("training_compute_estimate")

# Art 51(2): 10^25 floating-point operations.
_threshold := 1e25

_systemic if "gpai_systemic" in object.get(object.get(input, "scope", {}), "tiers", [])

# METADATA
# title: The training-compute estimate is documented and consistent with the systemic-risk classification
# custom:
#   id: AIACT-51-2
#   citation: Art. 51(1)-(2)
#   catalogue_ids: [art51]
#   severity: deny
#   evidence_kinds: [training_compute_estimate]
#   remediation: >-
#     Document the cumulative training compute with its method; above 10^25 FLOP treat the model as having
#     systemic risk (answer the questionnaire accordingly) unless the Commission accepts your rebuttal.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p51,
	"evidence": evidence.hashes(_estimates),
})

_p51 contains msg if msg := evidence.missing_message("training_compute_estimate", "training-compute estimate")

_p51 contains msg if {
	some e in _estimates
	not conditions.filled(e.attributes, "methodology")
	msg := sprintf("training-compute estimate %s does not state its method", [e.source_uri])
}

_p51 contains msg if {
	not _systemic
	some e in _estimates
	f := object.get(e.attributes, "flop", 0)
	is_number(f)
	f > _threshold
	not _rebutted
	msg := sprintf("training compute of %v FLOP exceeds 10^25: the model is presumed to have systemic risk (Art 51(2)), but it is classified without it", [f])
}

_rebutted if conditions.fact("systemic_risk_rebuttal_accepted") == true

_notes := conditions.items("commission_notification")

# METADATA
# title: The Commission was notified within two weeks of meeting the threshold
# custom:
#   id: AIACT-52-1
#   citation: Art. 52(1)
#   catalogue_ids: [art52]
#   severity: deny
#   tiers: [gpai_systemic]
#   evidence_kinds: [commission_notification]
#   remediation: Notify the Commission (AI Office) within 14 days of meeting the Art 51(1)(a) condition or knowing it will be met; keep the dated notification.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p52,
	"evidence": evidence.hashes(_notes),
	"not_applicable": _na52,
})

default _na52 := ""

_na52 := "the Commission designated the model (Art 52(4)); no notification by the provider was due" if conditions.fact("designated_by_commission") == true

_p52 contains msg if msg := evidence.missing_message("commission_notification", "notification to the Commission")

_p52 contains msg if {
	some n in _notes
	d := conditions.days(n.attributes.threshold_met_at, n.attributes.notified_at)
	d > 14
	msg := sprintf("the Commission was notified %d days after the threshold was met (%s); Art 52(1) allows two weeks", [floor(d), n.attributes.threshold_met_at])
}

_p52 contains msg if {
	some n in _notes
	not conditions.valid_ts(object.get(n.attributes, "notified_at", ""))
	msg := sprintf("notification %s is not dated (notified_at)", [n.source_uri])
}
