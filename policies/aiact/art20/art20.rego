# METADATA
# title: Art 20 - Corrective actions and duty of information
# description: >-
#   A provider that considers a system non-conforming immediately brings it into conformity, withdraws,
#   disables or recalls it, and informs distributors and, as applicable, deployers, the authorised
#   representative and importers (Art 20(1)). Where the system presents a risk (Art 79(1)) it investigates
#   the causes and informs the market surveillance authorities and the notified body (Art 20(2)). Judged on
#   a corrective-action procedure (kind procedure, topic corrective_action) and the corrective-action log
#   (kind corrective_action: opened_at, action, notified {party: timestamp}, presents_risk,
#   investigation, msa_informed_at, notified_body_informed_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 20
# custom:
#   article: "20"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art20

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_procedures := {id: p | some id, p in conditions.items("procedure"); lower(object.get(p.attributes, "topic", "")) == "corrective_action"}

_actions := conditions.items("corrective_action")

_allowed_actions := {"bring_into_conformity", "withdraw", "disable", "recall"}

_notify_days := evidence.config("corrective_action_notify_days")

# METADATA
# title: Non-conformities are corrected and distributors and deployers are informed promptly
# custom:
#   id: AIACT-20-1
#   citation: Art. 20(1), 16(j)
#   catalogue_ids: [art20, art16.j]
#   severity: deny
#   evidence_kinds: [procedure, corrective_action]
#   remediation: >-
#     Keep a corrective-action procedure (topic corrective_action) and log each non-conformity with the action
#     taken (bring_into_conformity, withdraw, disable or recall) and when distributors and deployers (and
#     importers / authorised representative where they exist) were informed.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_1,
	"subjects": ["system"],
	"evidence": evidence.hashes(object.union(_procedures, _actions)),
})

_problems_1 contains "no corrective-action procedure (kind procedure, topic corrective_action) found in the collected evidence" if count(_procedures) == 0

_problems_1 contains msg if {
	some a in _actions
	not lower(object.get(a.attributes, "action", "")) in _allowed_actions
	msg := sprintf("corrective action %s records no action among bring_into_conformity, withdraw, disable, recall", [object.get(a.attributes, "id", a.source_uri)])
}

_problems_1 contains msg if {
	some a in _actions
	some party in ["distributors", "deployers"]
	not conditions.valid_ts(object.get(object.get(a.attributes, "notified", {}), party, ""))
	msg := sprintf("corrective action %s does not show when %s were informed", [object.get(a.attributes, "id", a.source_uri), party])
}

_problems_1 contains msg if {
	some a in _actions
	some party, ts in object.get(a.attributes, "notified", {})
	d := conditions.days(a.attributes.opened_at, ts)
	d > _notify_days
	msg := sprintf("corrective action %s: %s were informed %d days after it was opened (at most %d)", [object.get(a.attributes, "id", a.source_uri), party, floor(d), _notify_days])
}

# METADATA
# title: Where the system presents a risk, causes are investigated and authorities informed
# custom:
#   id: AIACT-20-2
#   citation: Art. 20(2)
#   catalogue_ids: [art20]
#   severity: deny
#   evidence_kinds: [corrective_action]
#   remediation: >-
#     For each corrective action with presents_risk true, record the investigation of causes, when the market
#     surveillance authority was informed and, where a certificate was issued, when the notified body was.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_2,
	"evidence": evidence.hashes(_actions),
})

_risky := [a | some a in _actions; object.get(a.attributes, "presents_risk", false) == true]

_problems_2 contains msg if {
	some a in _risky
	not conditions.filled(a.attributes, "investigation")
	msg := sprintf("corrective action %s presents a risk but records no investigation of causes", [object.get(a.attributes, "id", a.source_uri)])
}

_problems_2 contains msg if {
	some a in _risky
	not conditions.valid_ts(object.get(a.attributes, "msa_informed_at", ""))
	msg := sprintf("corrective action %s presents a risk but the market surveillance authority was not informed", [object.get(a.attributes, "id", a.source_uri)])
}

_problems_2 contains msg if {
	some a in _risky
	data.aiact.art18.notified_body_involved
	not conditions.valid_ts(object.get(a.attributes, "notified_body_informed_at", ""))
	msg := sprintf("corrective action %s presents a risk but the notified body that issued the certificate was not informed", [object.get(a.attributes, "id", a.source_uri)])
}
