# Obligations per role held, with the date each applies from (a key of `dates`) and whether it
# applies on as_of. Citations and titles come from data.aiconform.classification.provisions.
package aiact.classification

import rego.v1

_catalogue := data.aiconform.classification.provisions

_obligation(id, role, date_key, note) := {
	"id": id,
	"citation": _catalogue[id].citation,
	"title": _catalogue[id].title,
	"role": role,
	"applies_from": dates[date_key],
	"applies_now": dates[date_key] <= as_of,
	"note": _provisional_note(note),
}

_provisional_note(note) := note if count(undetermined) == 0

_provisional_note(note) := trim_space(concat(" ", [note, "(provisional: the classification is undetermined)"])) if count(undetermined) > 0

_in_scope_system if {
	provisional_tier != "out_of_scope"
	system_assessed
}

# --- Art 4 AI literacy (every AI system in scope; providers and deployers) ----------------------

_literacy_note := "amended Art 4: take measures to support AI literacy; no level guaranteed per individual" if amended

_literacy_note := "original Art 4: ensure, to the best extent, a sufficient level of AI literacy" if not amended

obligations contains _obligation("art4", role, "literacy", _literacy_note) if {
	_in_scope_system
	provisional_tier != "prohibited"
	some role in roles & {"provider", "deployer"}
}

# --- Art 5 -----------------------------------------------------------------------------------------

_art5_roles(k) := {"deployer"} if k == "art5.1.h"

_art5_roles(k) := {"provider", "deployer", "importer", "distributor"} if k != "art5.1.h"

obligations contains o if {
	provisional_tier == "prohibited"
	some k in prohibited_practices
	some role in roles & _art5_roles(k)
	o := object.union(
		_obligation(k, role, "prohibitions", "must not place on the market, put into service or use the system for this practice"),
		{"applies_from": prohibition_date(k), "applies_now": prohibition_date(k) <= as_of},
	)
}

# Real-time RBI under an Art 5(1)(h) exception: the conditions of Art 5(2)-(5) bind each use.
obligations contains _obligation(id, "deployer", "prohibitions", "condition of the Art 5(1)(h) exception") if {
	rbi_excepted
	"deployer" in roles
	some id in ["art5.2", "art5.3", "art5.4", "art5.5"]
}

# --- high-risk: providers (Chapter III Sections 1-3, Section 5, Chapter IX) ------------------------

_hr_obligations_apply if {
	provisional_tier == "high_risk"
	not section_b_only
	dates.high_risk
}

_provider_hr := {
	"art8": "high_risk", "art9.1": "high_risk", "art10.1": "high_risk", "art11": "high_risk",
	"art12.1": "high_risk", "art13.1_2": "high_risk", "art14.1_3": "high_risk", "art15": "high_risk",
	"art16": "high_risk", "art17": "high_risk", "art18": "high_risk", "art19": "high_risk",
	"art20": "high_risk", "art21": "high_risk", "art43": "conformity", "art47": "conformity",
	"art48": "conformity", "art72": "post_market", "art73": "post_market",
}

obligations contains _obligation(id, "provider", key, _provider_note(id)) if {
	_hr_obligations_apply
	"provider" in roles
	some id, key in _provider_hr
}

_provider_note("art43") := "Annex I Section A: the sectoral conformity assessment procedure, with the AI requirements checked in it (Art 43(3))" if high_risk_route == "annex_i"

_provider_note("art43") := "Annex III point 1: Annex VI internal control only if harmonised standards or common specifications are fully applied, otherwise Annex VII with a notified body (Art 43(1))" if {
	high_risk_route == "annex_iii"
	_biometric_point
}

_provider_note("art43") := "internal control (Annex VI), no notified body (Art 43(2))" if {
	high_risk_route == "annex_iii"
	not _biometric_point
}

_provider_note("art73") := "MDR/IVDR devices: report under the AI Act only infringements of fundamental-rights obligations (Art 73(10))" if _mdr_ivdr

_provider_note("art11") := "single set of technical documentation with the Annex I Section A documentation (Art 11(2))" if high_risk_route == "annex_i"

_provider_note(id) := "" if not id in {"art43", "art73", "art11"}

_provider_note("art73") := "" if not _mdr_ivdr

_provider_note("art11") := "" if high_risk_route != "annex_i"

_biometric_point if some p in annex_iii_points & {"annex3.1.a", "annex3.1.b", "annex3.1.c"}

_mdr_ivdr if some p in _selected_products & {"medical_devices", "in_vitro_diagnostics"}

# Art 49(1): providers register Annex III systems (point 2 nationally, Art 49(5)).
obligations contains _obligation("art49", "provider", "conformity", _art49_note) if {
	_hr_obligations_apply
	high_risk_route == "annex_iii"
	"provider" in roles
}

_art49_note := "register at national level (Annex III point 2, Art 49(5))" if annex_iii_points == {"annex3.2"}

_art49_note := "register in the secure, non-public section of the EU database (Art 49(4))" if _secure_section

_art49_note := "register the provider and the system in the EU database (Art 49(1), Annex VIII Section A)" if {
	annex_iii_points != {"annex3.2"}
	not _secure_section
}

_secure_section if {
	some p in annex_iii_points
	some prefix in ["annex3.1.", "annex3.6.", "annex3.7."]
	startswith(p, prefix)
	_law_enforcement_or_migration
}

_law_enforcement_or_migration if _answers.law_enforcement_use == true

_law_enforcement_or_migration if "migration_border" in _list("use_areas")

# Remote biometric identification: logging and two-person verification.
obligations contains _obligation(id, "provider", "high_risk", "") if {
	_hr_obligations_apply
	"annex3.1.a" in annex_iii_points
	"provider" in roles
	some id in ["art12.3", "art14.5"]
}

# Art 22: non-EU providers of high-risk systems appoint an EU authorised representative.
obligations contains _obligation("art22", role, "high_risk", "") if {
	_hr_obligations_apply
	non_eu_provider
	some role in roles & {"provider", "authorised_representative"}
}

# --- high-risk: deployers, importers, distributors, gained providers -----------------------------

obligations contains _obligation("art26", "deployer", "high_risk", _art26_note) if {
	_hr_obligations_apply
	"deployer" in roles
}

_art26_note := "inform the natural persons subject to its decisions (Art 26(11))" if {
	high_risk_route == "annex_iii"
	_answers.decides_or_assists_decisions_on_natural_persons == true
}

_art26_note := "" if {
	not high_risk_route == "annex_iii"
}

_art26_note := "" if {
	high_risk_route == "annex_iii"
	_answers.decides_or_assists_decisions_on_natural_persons != true
}

obligations contains _obligation("art14.5", "deployer", "high_risk", "two competent persons verify each identification") if {
	_hr_obligations_apply
	"annex3.1.a" in annex_iii_points
	"deployer" in roles
}

fria_required if {
	high_risk_route == "annex_iii"
	count(annex_iii_points - {"annex3.2"}) > 0
	_fria_deployer
}

_fria_deployer if _answers.deployer_is_public_body_or_public_service == true

_fria_deployer if some p in annex_iii_points & {"annex3.5.b", "annex3.5.c"}

obligations contains _obligation("art27", "deployer", "high_risk", "") if {
	_hr_obligations_apply
	fria_required
	"deployer" in roles
}

obligations contains _obligation("art86", "deployer", "high_risk", "explain the system's role in decisions with legal or similarly significant effects on request") if {
	_hr_obligations_apply
	high_risk_route == "annex_iii"
	count(annex_iii_points - {"annex3.2"}) > 0
	"deployer" in roles
}

obligations contains _obligation("art49", "deployer", "conformity", "public-authority deployers register their use before using the system (Art 49(3), Art 26(8))") if {
	_hr_obligations_apply
	high_risk_route == "annex_iii"
	count(annex_iii_points - {"annex3.2"}) > 0
	_answers.deployer_is_public_body_or_public_service == true
	"deployer" in roles
}

obligations contains _obligation("art23", "importer", "high_risk", "") if {
	_hr_obligations_apply
	"importer" in roles
}

obligations contains _obligation("art24", "distributor", "high_risk", "") if {
	_hr_obligations_apply
	"distributor" in roles
}

obligations contains _obligation("art25", "provider", "high_risk", concat("; ", sort([r | some _, r in art25_triggers]))) if {
	_hr_obligations_apply
	count(art25_triggers) > 0
}

# Annex I Section B: the AI requirements reach the product through the sectoral acts (Art 2(2)).
obligations contains _obligation("art2.2", role, "high_risk", "only Art 6(1), Art 60a and Arts 102-112 apply; AI requirements come through the sectoral acts") if {
	provisional_tier == "high_risk"
	section_b_only
	some role in roles & {"provider", "product_manufacturer"}
}

# --- Art 6(3): documented 'not high-risk' conclusion --------------------------------------------

obligations contains _obligation("art6.4", "provider", "derogation", "document the Art 6(3) assessment before placing on the market; provide it to authorities on request") if {
	_in_scope_system
	derogation_applies
	"provider" in roles
}

obligations contains _obligation("art49", "provider", "derogation", "register under Art 49(2) (Annex VIII Section B); Art 49 formally applies from 2026-08-02") if {
	_in_scope_system
	derogation_applies
	"provider" in roles
}

# --- Art 50 --------------------------------------------------------------------------------------

obligations contains o if {
	_system_duties_apply
	provisional_tier != "prohibited"
	some k in transparency_duties
	role := transparency_binds[k]
	role in roles
	key := _transparency_key(k)
	o := _obligation(k, role, key, _transparency_note(k))
}

_transparency_key("art50.2") := "transparency_art50_2"

_transparency_key(k) := "transparency" if k != "art50.2"

_transparency_note("art50.4.deepfake") := "evidently artistic, creative, satirical or fictional work: disclose the existence of such content in a way that does not hamper its display or enjoyment" if artistic_work

_transparency_note("art50.2") := "system placed on the market before 2026-08-02: comply by 2026-12-02 (Art 111(4))" if legacy_generative

_transparency_note(k) := "" if {
	not k in {"art50.2", "art50.4.deepfake"}
}

_transparency_note("art50.2") := "" if not legacy_generative

_transparency_note("art50.4.deepfake") := "" if not artistic_work

# --- GPAI models ----------------------------------------------------------------------------------

_gpai_ids contains "art53.1.a" if not open_source_exempt

_gpai_ids contains "art53.1.b" if not open_source_exempt

_gpai_ids contains "art53.1.c"

_gpai_ids contains "art53.1.d"

_gpai_ids contains "art53.3_4"

_gpai_ids contains "art54" if {
	non_eu_provider
	not open_source_exempt
}

_gpai_ids contains "art52" if systemic_risk

_gpai_ids contains "art55.1" if systemic_risk

_gpai_note := "downstream modifier: obligations limited to the modification (GPAI guidelines)" if downstream_modifier

_gpai_note := "model placed on the market before 2025-08-02: comply by 2027-08-02 (Art 111(3))" if {
	not downstream_modifier
	legacy_gpai_model
}

_gpai_note := "" if {
	not downstream_modifier
	not legacy_gpai_model
}

obligations contains _obligation(id, "gpai_provider", "gpai", _gpai_note) if {
	gpai_model
	"gpai_provider" in roles
	not "art2.3" in _excluded
	not "art2.6" in _excluded
	not "art2.1" in _excluded
	some id in _gpai_ids
}
