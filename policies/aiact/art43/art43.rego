# METADATA
# title: Art 43 - Conformity assessment (which route applies) and Art 44 certificates
# description: >-
#   Decides which conformity assessment route binds the system and checks the one performed (kind
#   conformity_assessment: route annex_vi|annex_vii|sectoral, performed_at, harmonised_standards_cover_all,
#   common_specifications_applied, standards [{ref, oj_ref, full}], certificate {number, notified_body
#   {name, number}, issued_at, expires_at}). Annex III point 1 (biometrics): internal control (Annex VI) only
#   where harmonised standards or common specifications covering all Section 2 requirements were applied in
#   full, otherwise a notified body (Annex VII) (Art 43(1)). Annex III points 2-8: internal control (Art
#   43(2)). Annex I Section A products, including those also listed in Annex III: the sectoral procedure
#   (Art 43(3) as replaced by Reg 2026/1744). A substantial modification needs a new assessment (Art 43(4)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Articles 43-44, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "43"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: conformity
package aiact.art43

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

assessments := conditions.items("conformity_assessment")

annex_i if object.get(object.get(input, "classification", {}), "high_risk_route", "") == "annex_i"

annex_i if conditions.has_provision("annex_i")

biometrics if conditions.has_provision("annex3.1")

_full_standards if {
	some a in assessments
	_full(a)
}

_full(a) if object.get(a.attributes, "harmonised_standards_cover_all", false) == true

_full(a) if object.get(a.attributes, "common_specifications_applied", false) == true

# The routes the Regulation allows for this system, with the reason.
required := {"routes": {"sectoral"}, "why": "Annex I Section A product: the conformity assessment of the sectoral Union harmonisation act applies (Art 43(3))"} if annex_i

required := {"routes": {"annex_vi", "annex_vii"}, "why": "Annex III point 1 system with harmonised standards or common specifications applied in full: internal control (Annex VI) or a notified body (Annex VII) (Art 43(1))"} if {
	not annex_i
	biometrics
	_full_standards
}

required := {"routes": {"annex_vii"}, "why": "Annex III point 1 system without harmonised standards or common specifications applied in full: assessment by a notified body (Annex VII) (Art 43(1)(a)-(d))"} if {
	not annex_i
	biometrics
	not _full_standards
}

required := {"routes": {"annex_vi"}, "why": "Annex III points 2-8 system: internal control (Annex VI), without a notified body (Art 43(2))"} if {
	not annex_i
	not biometrics
}

# METADATA
# title: The conformity assessment followed the route the Regulation prescribes, before placing on the market
# custom:
#   id: AIACT-43-1
#   citation: Art. 43(1)-(3), 16(f)
#   catalogue_ids: [art43, art43.1, art43.2, art43.3, art16.f, art40_41]
#   severity: deny
#   evidence_kinds: [conformity_assessment]
#   remediation: >-
#     Carry out the conformity assessment on the route named in the message before placing the system on the
#     market, and keep the record (route, date, standards applied with their OJ references, certificate).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(assessments),
})

_p1 contains msg if msg := evidence.missing_message("conformity_assessment", "conformity assessment record")

_p1 contains msg if {
	some a in assessments
	route := object.get(a.attributes, "route", "")
	not route in required.routes
	msg := sprintf("the assessment %s used route %q; %s", [a.source_uri, route, required.why])
}

_p1 contains msg if {
	some a in assessments
	not conditions.valid_ts(object.get(a.attributes, "performed_at", ""))
	msg := sprintf("the assessment %s is not dated (performed_at)", [a.source_uri])
}

_p1 contains msg if {
	placed := conditions.fact("placed_on_market_at")
	some a in assessments
	conditions.days(placed, a.attributes.performed_at) > 0
	msg := sprintf("the assessment %s was performed on %s, after the system was placed on the market on %s", [a.source_uri, a.attributes.performed_at, placed])
}

_p1 contains msg if {
	some a in assessments
	_full(a)
	some s in object.get(a.attributes, "standards", [])
	not conditions.filled(s, "oj_ref")
	msg := sprintf("standard %q relied on for presumption of conformity has no Official Journal reference (Art 40(1))", [object.get(s, "ref", "?")])
}

certified := [a | some a in assessments; a.attributes.route == "annex_vii"]

# METADATA
# title: A notified-body certificate is valid on the evaluation date and within the maximum period
# custom:
#   id: AIACT-44-2
#   citation: Art. 44(2)
#   catalogue_ids: [art44]
#   severity: deny
#   evidence_kinds: [conformity_assessment]
#   remediation: Renew the certificate by re-assessment before it expires; certificates last at most 4 years (Annex III) or 5 years (Annex I).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p44,
	"evidence": evidence.hashes(certified),
	"not_applicable": _na44,
})

default _na44 := "no notified body was involved (no Annex VII assessment)"

_na44 := "" if count(certified) > 0

_max_years := 5 if annex_i

_max_years := 4 if not annex_i

_p44 contains msg if {
	some a in certified
	c := object.get(a.attributes, "certificate", {})
	not conditions.valid_ts(object.get(c, "expires_at", ""))
	msg := sprintf("the Annex VII assessment %s records no certificate with an expiry date", [a.source_uri])
}

_p44 contains msg if {
	some a in certified
	c := a.attributes.certificate
	conditions.age_days(c.expires_at) > 0
	msg := sprintf("certificate %v expired on %s", [object.get(c, "number", "?"), c.expires_at])
}

_p44 contains msg if {
	some a in certified
	c := a.attributes.certificate
	conditions.days(c.issued_at, c.expires_at) > (_max_years * 366)
	msg := sprintf("certificate %v is valid for more than %d years (Art 44(2))", [object.get(c, "number", "?"), _max_years])
}

_changes := [c |
	some c in conditions.items("change_impact_assessment")
	object.get(c.attributes, "substantial_modification", false) == true
	object.get(c.attributes, "predetermined", false) != true
]

# METADATA
# title: A substantial modification went through a new conformity assessment
# custom:
#   id: AIACT-43-4
#   citation: Art. 43(4)
#   catalogue_ids: [art43.4]
#   severity: deny
#   evidence_kinds: [change_impact_assessment, conformity_assessment]
#   remediation: Carry out a new conformity assessment after each substantial modification (pre-determined changes documented under Annex IV point 2(f) excepted).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p4,
	"evidence": evidence.hashes(array.concat(_changes, [a | some a in assessments])),
})

_p4 contains msg if {
	some c in _changes
	not _reassessed(c)
	msg := sprintf("substantial modification %s (assessed %s) has no conformity assessment performed after it", [object.get(c.attributes, "id", c.source_uri), object.get(c.attributes, "assessed_at", "?")])
}

_reassessed(c) if {
	some a in assessments
	conditions.days(c.attributes.assessed_at, a.attributes.performed_at) >= 0
}
