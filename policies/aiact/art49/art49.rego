# METADATA
# title: Art 49 - Registration in the EU database (Annex VIII)
# description: >-
#   Providers register Annex III high-risk systems (except point 2, registered nationally) with the Annex VIII
#   Section A information before placing them on the market (Art 49(1), 49(5)); law-enforcement, migration and
#   border systems of Annex III points 1, 6 and 7 go into the secure non-public section (Art 49(4)). Providers
#   that concluded under Art 6(3) that an Annex III system is not high-risk document that assessment and
#   register with Section B (Arts 6(4), 49(2)). Public-authority deployers register their use with Section C
#   (Art 49(3)). Judged on kind eu_database_registration (section A|B|C, level eu|national, secure,
#   registered_at, fields {"<point>": value}) and kind art6_3_assessment (conditions, profiling, assessed_at).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 49 and Annex VIII, as amended by Regulation (EU) 2026/1744
# custom:
#   article: "49"
#   tiers: [high_risk]
#   roles: [provider, authorised_representative]
#   applies_from: conformity
package aiact.art49

import data.aiact.art26
import data.aiact.art43
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_regs(section) := [r | some r in conditions.items("eu_database_registration"); upper(object.get(r.attributes, "section", "")) == section]

_fields(r) := {sprintf("%v", [k]): v | some k, v in object.get(r.attributes, "fields", {})}

# field_problems(regs, section, wanted): every registration of the section fills the wanted points.
field_problems(regs, section, wanted) := {msg |
	some r in regs
	f := _fields(r)
	some p, what in wanted
	not conditions.nonempty(object.get(f, p, null))
	msg := sprintf("registration %s lacks Annex VIII Section %s point %s (%s)", [object.get(r.attributes, "registration_id", r.source_uri), section, p, what])
}

_placed := conditions.fact("placed_on_market_at")

_late(regs) := {msg |
	some r in regs
	conditions.days(_placed, object.get(r.attributes, "registered_at", "")) > 0
	msg := sprintf("registration %s was made on %s, after the system was placed on the market on %s", [object.get(r.attributes, "registration_id", r.source_uri), r.attributes.registered_at, _placed])
}

# --- 49(1) Section A ---------------------------------------------------------------------------

_annex_iii if conditions.has_provision("annex3")

_point2 if conditions.has_provision("annex3.2")

_secure_points if conditions.has_provision("annex3.1")

_secure_points if conditions.has_provision("annex3.6")

_secure_points if conditions.has_provision("annex3.7")

_sensitive if {
	_secure_points
	conditions.fact("law_enforcement_use") == true
}

_sensitive if {
	_secure_points
	conditions.fact("migration_asylum_border_use") == true
}

_a_fields := object.union(object.union(object.union(
	{"1": "provider name, address and contact", "4": "trade name and unambiguous reference", "5": "intended purpose and components/functions", "6": "description of data, inputs and operating logic", "7": "status", "10": "Member States", "11": "copy of the EU declaration of conformity"},
	_a_ifu), _a_ar), _a_nb)

_a_ifu := {} if _sensitive

_a_ifu := {"12": "electronic instructions for use"} if not _sensitive

_a_ar := {"3": "authorised representative"} if conditions.non_eu_provider

_a_ar := {} if not conditions.non_eu_provider

_a_nb := {"8": "notified-body certificate details", "9": "copy of the certificate"} if count(art43.certified) > 0

_a_nb := {} if count(art43.certified) == 0

default _na_a := "Art 49(1) applies to Annex III high-risk systems; Annex I systems are not registered under Art 49"

_na_a := "" if _annex_iii

# METADATA
# title: The provider registered the system with every applicable Annex VIII Section A item before placing it on the market
# custom:
#   id: AIACT-49-1
#   citation: Art. 49(1), 49(4), 49(5), Annex VIII Section A
#   catalogue_ids: [art49, art16.i, annexVIII.A.1, annexVIII.A.2, annexVIII.A.3, annexVIII.A.4, annexVIII.A.5, annexVIII.A.6, annexVIII.A.7, annexVIII.A.8, annexVIII.A.9, annexVIII.A.10, annexVIII.A.11, annexVIII.A.12, annexVIII.A.13]
#   severity: deny
#   evidence_kinds: [eu_database_registration]
#   remediation: >-
#     Register the provider and the system in the EU database (national level for Annex III point 2; secure
#     section for points 1, 6, 7 in law enforcement or migration) with every Annex VIII Section A item before
#     placing it on the market; points 2 and 13 are optional, 3 only with an authorised representative, 8-9
#     only with a notified-body certificate.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p1,
	"evidence": evidence.hashes(_regs("A")),
	"not_applicable": _na_a,
})

_p1 contains "no EU database registration (Annex VIII Section A) found in the collected evidence" if count(_regs("A")) == 0

_p1 contains msg if some msg in field_problems(_regs("A"), "A", _a_fields)

_p1 contains msg if some msg in _late(_regs("A"))

_p1 contains msg if {
	_point2
	some r in _regs("A")
	lower(object.get(r.attributes, "level", "eu")) != "national"
	msg := sprintf("registration %s is in the EU database; Annex III point 2 systems are registered at national level (Art 49(5))", [r.source_uri])
}

_p1 contains msg if {
	_sensitive
	some r in _regs("A")
	object.get(r.attributes, "secure", false) != true
	msg := sprintf("registration %s is not in the secure non-public section required for law-enforcement, migration, asylum and border systems (Art 49(4))", [r.source_uri])
}

# --- 49(2) Section B (Art 6(3) derogation) ---------------------------------------------------------

derogation if conditions.fact("art6_3_derogation") == true

derogation if conditions.has_provision("art6.3")

_b_fields := object.union({"1": "provider name, address and contact", "4": "trade name and unambiguous reference", "5": "intended purpose", "6": "the Art 6(3) condition(s) relied on", "8": "status"}, _b_old)

# Points 7 and 9 were reportedly deleted by Reg 2026/1744 (in force 2026-07-27).
_b_old := {"7": "summary of the grounds for the not-high-risk conclusion", "9": "Member States"} if conditions.as_of_date < "2026-07-27"

_b_old := {} if conditions.as_of_date >= "2026-07-27"

_assessments := conditions.items("art6_3_assessment")

default _na_b := "the provider has not concluded under Art 6(3) that an Annex III system is not high-risk"

_na_b := "" if derogation

# METADATA
# title: An Art 6(3) "not high-risk" conclusion is documented before market placement and registered (Section B)
# custom:
#   id: AIACT-49-2
#   citation: Art. 6(4), 49(2), Annex VIII Section B
#   catalogue_ids: [art6.4, art6.3, annexVIII.B.1, annexVIII.B.2, annexVIII.B.3, annexVIII.B.4, annexVIII.B.5, annexVIII.B.6, annexVIII.B.7, annexVIII.B.8, annexVIII.B.9]
#   severity: deny
#   tiers: [minimal, transparency, high_risk]
#   applies_from: derogation
#   evidence_kinds: [art6_3_assessment, eu_database_registration]
#   remediation: >-
#     Document the Art 6(3) assessment (condition(s) (a)-(d) relied on, no profiling) before placing the system
#     on the market, and register it in the EU database with Annex VIII Section B; if the system profiles natural
#     persons it is high-risk and the derogation is not available.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p2,
	"evidence": evidence.hashes(array.concat(_regs("B"), [a | some a in _assessments])),
	"not_applicable": _na_b,
})

_p2 contains msg if msg := evidence.missing_message("art6_3_assessment", "Art 6(3) assessment")

_p2 contains "no EU database registration (Annex VIII Section B) found in the collected evidence" if count(_regs("B")) == 0

_p2 contains msg if some msg in field_problems(_regs("B"), "B", _b_fields)

_p2 contains msg if some msg in _late(_regs("B"))

_p2 contains msg if {
	some a in _assessments
	object.get(a.attributes, "profiling", null) != false
	msg := sprintf("Art 6(3) assessment %s does not rule out profiling of natural persons; a profiling Annex III system is always high-risk (Art 6(3) last subparagraph)", [a.source_uri])
}

_p2 contains msg if {
	some a in _assessments
	conds := {lower(c) | some c in object.get(a.attributes, "conditions", [])}
	count(conds & {"a", "b", "c", "d"}) == 0
	msg := sprintf("Art 6(3) assessment %s names none of the conditions (a)-(d)", [a.source_uri])
}

_p2 contains msg if {
	some a in _assessments
	conditions.days(_placed, object.get(a.attributes, "assessed_at", "")) > 0
	msg := sprintf("Art 6(3) assessment %s is dated %s, after market placement on %s", [a.source_uri, a.attributes.assessed_at, _placed])
}

# --- 49(3) Section C (public deployers) ------------------------------------------------------------

_c_fields := object.union({"1": "deployer name, address and contact", "3": "URL of the provider's database entry", "4": "summary of the FRIA findings"}, _c_dpia)

default _c_dpia := {}

_c_dpia := {"5": "summary of the DPIA"} if conditions.personal_data

default _na_c := "the deployer is not shown to be a public authority, Union body or acting on their behalf, or the system is not an Annex III system other than point 2"

_na_c := "" if {
	art26.public_deployer
	_annex_iii
	not _point2
}

# METADATA
# title: A public-authority deployer registered its use with every Annex VIII Section C item
# custom:
#   id: AIACT-49-3
#   citation: Art. 49(3), Annex VIII Section C
#   catalogue_ids: [annexVIII.C.1, annexVIII.C.2, annexVIII.C.3, annexVIII.C.4, annexVIII.C.5]
#   severity: deny
#   roles: [deployer, public_authority_deployer]
#   evidence_kinds: [eu_database_registration]
#   remediation: Register your use (Section C) before use, with the FRIA summary and, where applicable, the DPIA summary.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _p3,
	"evidence": evidence.hashes(_regs("C")),
	"not_applicable": _na_c,
})

_p3 contains "no EU database registration of use (Annex VIII Section C) found in the collected evidence" if count(_regs("C")) == 0

_p3 contains msg if some msg in field_problems(_regs("C"), "C", _c_fields)
