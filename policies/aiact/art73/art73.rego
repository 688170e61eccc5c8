# METADATA
# title: Art 73 - Reporting of serious incidents
# description: >-
#   Providers report each serious incident to the market surveillance authority immediately after
#   establishing a causal link (or its reasonable likelihood), and at the latest 15 days after becoming aware
#   (Art 73(2)); 2 days for a widespread infringement or a serious and irreversible disruption of critical
#   infrastructure (Art 73(3)); 10 days in the event of a death (Art 73(4)). Deadlines are computed from the
#   incident log (kind incident: id, serious, type, aware_at, reported_at, report_status, complete_report_at).
#   A reported incident is judged by its report date; an unreported one fails once its deadline has passed
#   before the evaluation date. Deployers are bound only where the provider could not be reached (Art 26(5),
#   incident attribute provider_unreachable). Providers already under an equivalent Union reporting regime
#   (Art 73(9)-(10), fact equivalent_reporting_regime) report only fundamental-rights incidents.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 73 and Article 3(49)
# custom:
#   article: "73"
#   tiers: [high_risk]
#   roles: [provider, deployer]
#   applies_from: post_market
package aiact.art73

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_roles := {r | some r in object.get(object.get(input, "scope", {}), "roles", [])}

_true(v) if v == true

_true(v) if lower(sprintf("%v", [v])) in {"true", "yes", "1"}

_relevant(i) if "provider" in _roles

_relevant(i) if {
	not "provider" in _roles
	_true(object.get(i.attributes, "provider_unreachable", false))
}

_in_regime(i) if {
	conditions.fact("equivalent_reporting_regime") == true
	lower(object.get(i.attributes, "type", "")) != "fundamental_rights"
}

serious := [i |
	some i in conditions.items("incident")
	_true(object.get(i.attributes, "serious", false))
	_relevant(i)
	not _in_regime(i)
]

category(i) := "critical" if lower(object.get(i.attributes, "type", "")) in {"widespread_infringement", "critical_infrastructure"}

category(i) := "death" if lower(object.get(i.attributes, "type", "")) == "death"

category(i) := "general" if not lower(object.get(i.attributes, "type", "")) in {"widespread_infringement", "critical_infrastructure", "death"}

# Deadlines in days after awareness, fixed by Art 73(2)-(4).
deadline_days := {"general": 15, "death": 10, "critical": 2}

_id(i) := sprintf("%v", [object.get(i.attributes, "id", i.source_uri)])

# problems for incidents of one category
_problems(cat) := {msg |
	some i in serious
	category(i) == cat
	some msg in _incident_problems(i, deadline_days[cat])
}

_incident_problems(i, _) := {sprintf("serious incident %s has no readable awareness timestamp (aware_at); its deadline cannot be computed", [_id(i)])} if {
	not conditions.valid_ts(object.get(i.attributes, "aware_at", ""))
}

_incident_problems(i, d) := {msg |
	late := conditions.days(i.attributes.aware_at, i.attributes.reported_at)
	late > d
	msg := sprintf("serious incident %s (%s) was reported %v days after awareness (%s); the deadline is %d days", [_id(i), object.get(i.attributes, "type", "?"), round(late * 10) / 10, i.attributes.aware_at, d])
} if {
	conditions.valid_ts(object.get(i.attributes, "aware_at", ""))
	conditions.valid_ts(object.get(i.attributes, "reported_at", ""))
}

_incident_problems(i, d) := {msg |
	waited := conditions.age_days(i.attributes.aware_at)
	waited > d
	due := time.format([conditions.ns(i.attributes.aware_at) + (d * conditions.day_ns), "UTC", "2006-01-02T15:04:05Z07:00"])
	msg := sprintf("serious incident %s (%s) has not been reported; the %d-day deadline passed on %s", [_id(i), object.get(i.attributes, "type", "?"), d, due])
} if {
	conditions.valid_ts(object.get(i.attributes, "aware_at", ""))
	not conditions.valid_ts(object.get(i.attributes, "reported_at", ""))
}

# The incident register itself: a collected incident log, even an empty one (the documents collector
# gives every record file a record_set item), shows incidents are tracked; a stale one counts as absent.
_registers := [r | some r in evidence.of_kind("record_set"); object.get(r.attributes, "record_kind", "") == "incident"]

_register_problems contains msg if {
	count(evidence.of_kind("incident")) == 0
	count(_registers) == 0
	stale := {i.source_uri | some i in evidence.all_of_kind("incident")} | {r.source_uri | some r in evidence.all_of_kind("record_set"); object.get(r.attributes, "record_kind", "") == "incident"}
	msg := _register_message(stale)
}

_register_message(stale) := "no incident register found in the collected evidence (keep one, even when it is empty)" if count(stale) == 0

_register_message(stale) := sprintf("the incident register is stale and counts as absent: %s", [concat(", ", sort(stale))]) if count(stale) > 0

_obs(cat) := {
	"problems": _problems(cat) | _register_problems,
	"subjects": array.concat(["system"], sort([_id(i) | some i in serious; category(i) == cat])),
	"evidence": evidence.hashes([i | some i in serious; category(i) == cat]),
}

# METADATA
# title: Serious incidents are reported within 15 days of awareness
# custom:
#   id: AIACT-73-2
#   citation: Art. 73(1)-(2)
#   catalogue_ids: [art73, art73.2, art17.1.i]
#   severity: deny
#   evidence_kinds: [incident]
#   remediation: Report serious incidents to the market surveillance authority immediately and no later than 15 days after becoming aware; record reported_at in the incident log.
findings contains findings.result(rego.metadata.chain(), _obs("general"))

# METADATA
# title: Widespread infringements and critical-infrastructure disruptions are reported within 2 days
# custom:
#   id: AIACT-73-3
#   citation: Art. 73(3)
#   catalogue_ids: [art73.3]
#   severity: deny
#   evidence_kinds: [incident]
#   remediation: Report immediately and no later than 2 days after becoming aware.
findings contains findings.result(rego.metadata.chain(), _obs("critical"))

# METADATA
# title: A death is reported within 10 days
# custom:
#   id: AIACT-73-4
#   citation: Art. 73(4)
#   catalogue_ids: [art73.4]
#   severity: deny
#   evidence_kinds: [incident]
#   remediation: Report immediately after establishing or suspecting a causal link, and no later than 10 days after becoming aware.
findings contains findings.result(rego.metadata.chain(), _obs("death"))

_initial := [i |
	some i in serious
	lower(object.get(i.attributes, "report_status", "")) == "initial"
	not conditions.valid_ts(object.get(i.attributes, "complete_report_at", ""))
	conditions.age_days(object.get(i.attributes, "reported_at", "")) > evidence.config("incident_complete_report_days")
]

# METADATA
# title: An initial incomplete report is followed by a complete one
# custom:
#   id: AIACT-73-5
#   citation: Art. 73(5)
#   catalogue_ids: [art73.5]
#   severity: warn
#   evidence_kinds: [incident]
#   remediation: File the complete report after the initial one and record complete_report_at.
findings contains findings.result(rego.metadata.chain(), {
	"problems": [sprintf("serious incident %s has only an initial report, filed %s, and no complete report after %d days", [_id(i), i.attributes.reported_at, evidence.config("incident_complete_report_days")]) | some i in _initial],
	"subjects": array.concat(["system"], [_id(i) | some i in _initial]),
	"evidence": evidence.hashes(_initial),
})
