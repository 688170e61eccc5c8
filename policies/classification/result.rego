# METADATA
# title: Risk classification (questionnaire decision logic)
# description: >-
#   Applies the EU AI Act's classification tests to questionnaire answers (facts about the system):
#   Art 2 and Art 3(1) scope, roles and Art 25, Art 5 (incl. points (ba) and (bb) added by Regulation
#   2026/1744), Art 6(1) + Annex I, Art 6(2) + Annex III with its carve-outs, the Art 6(3) derogation
#   and its profiling override, Art 50 by role with its exceptions, Arts 51-55, and the application
#   dates of Art 113 / Art 111 for the evaluation date. Input: {"answers": {...}, "as_of": "YYYY-MM-DD"}.
#   Output: data.aiact.classification.result (the Classification model).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689 (Artificial Intelligence Act)
#   - ref: https://eur-lex.europa.eu/eli/reg/2026/1744/oj
#     description: Regulation (EU) 2026/1744 (Digital Omnibus on AI)
# custom:
#   article: classification
#   tiers: [prohibited, high_risk, transparency, minimal, out_of_scope, gpai_only]
#   roles: [provider, deployer, importer, distributor, authorised_representative, product_manufacturer, gpai_provider, downstream_provider]
package aiact.classification

import rego.v1

# --- tier ------------------------------------------------------------------------------------------

_prohibited if count(prohibited_practices) > 0

# High-risk and literacy provisions are moot for a prohibited system (it may not be placed on the
# market or used at all); they are reported only when no Art 5 practice is met.
_hr_relevant if {
	act_applies
	not _prohibited
}

# Art 2(12): systems under a free and open-source licence are outside the Act unless high-risk,
# prohibited or subject to Art 50; monetised releases do not benefit (recital 103).
open_source_system_term := _all([
	_in("open_source_licence", ["free_open_source"], "not released under a free and open-source licence"),
	_is("monetised", false, "the release is monetised (recital 103)"),
])

# The tier if every "unknown" answer were "no" (shown as provisional_tier when undetermined).
_base_tier := "out_of_scope" if count(_excluded) > 0

_base_tier := "gpai_only" if {
	act_applies
	model_only
}

_base_tier := "prohibited" if {
	act_applies
	system_assessed
	_prohibited
}

_base_tier := "high_risk" if {
	act_applies
	system_assessed
	not _prohibited
	high_risk_term.v == "yes"
}

_base_tier := "transparency" if {
	act_applies
	system_assessed
	not _prohibited
	high_risk_term.v != "yes"
	count(transparency_duties) > 0
}

_base_tier := "minimal" if {
	act_applies
	system_assessed
	not _prohibited
	high_risk_term.v != "yes"
	count(transparency_duties) == 0
}

open_source_excluded if {
	_base_tier == "minimal"
	open_source_system_term.v == "yes"
}

provisional_tier := "out_of_scope" if open_source_excluded

provisional_tier := _base_tier if not open_source_excluded

# --- undetermined: the questions to settle ---------------------------------------------------------

undetermined contains q if {
	count(_excluded) == 0
	some q in _exclusions_unknown
}

undetermined contains q if {
	act_applies
	system_assessed
	not _prohibited
	some q in _prohibitions_unknown
}

undetermined contains q if {
	act_applies
	system_assessed
	not _prohibited
	high_risk_term.v == "unknown"
	some q in high_risk_term.unknown
}

undetermined contains q if {
	act_applies
	not _prohibited
	some q in _transparency_unknown
}

undetermined contains q if {
	act_applies
	some q in _gpai_unknown
}

undetermined contains q if {
	act_applies
	not _prohibited
	some q in _art25_unknown
}

undetermined contains q if {
	act_applies
	not _prohibited
	some q in _dates_unknown
}

undetermined contains q if {
	_base_tier == "minimal"
	open_source_system_term.v == "unknown"
	some q in open_source_system_term.unknown
}

tier := "undetermined" if count(undetermined) > 0

tier := provisional_tier if count(undetermined) == 0

in_scope := provisional_tier != "out_of_scope"

# --- provisions: what triggered the result, and what was not reached -----------------------------

_p(id, qualifier, reason, qs) := {
	"id": id,
	"citation": data.aiconform.classification.provisions[id].citation,
	"qualifier": qualifier,
	"reason": reason,
	"answers": sort([q | some q in qs]),
}

# Art 2 / Art 3(1) exclusions met.
triggering_provisions contains _p(k, "", e.reason, e.term.qs) if {
	some k, e in exclusions
	e.term.v == "yes"
}

triggering_provisions contains _p("art3.4", "context", "a natural person in a purely personal, non-professional activity is not a deployer", {"personal_non_professional_use"}) if {
	"art2.10" in _excluded
}

triggering_provisions contains _p("art2.12", "", "released under a free and open-source licence, not monetised, and neither high-risk, prohibited nor subject to Art 50", open_source_system_term.qs) if {
	open_source_excluded
}

# Art 5.
triggering_provisions contains _p(k, "", _prohibition_reason[k], prohibitions[k].qs) if {
	act_applies
	some k in prohibited_practices
}

triggering_provisions contains _p("art5.1.h", "exception", _rbi_objective_label[_answers.rbi_objective], rbi_exception.qs) if {
	act_applies
	rbi_excepted
}

triggering_provisions contains _p(id, "condition", reason, {"rbi_objective"}) if {
	act_applies
	rbi_excepted
	some id, reason in {
		"art5.2": "use only to confirm the identity of the targeted person, with necessity and proportionality safeguards, a completed FRIA and EU database registration",
		"art5.3": "prior authorisation by a judicial or independent administrative authority for each use (in urgency: requested within 24 hours)",
		"art5.4": "each use notified to the market surveillance and data protection authorities",
		"art5.5": "national law must enable the use for the objective",
	}
}

triggering_provisions contains _p("art5.1.ba", "safeguards", "can foreseeably produce intimate imagery of identifiable persons: not prohibited only while reasonable and adequate safeguards prevent it and misuse is corrected (Art 5(1a)(a)(ii))", {"intimate_imagery_capability", "intimate_imagery_safeguards"}) if {
	act_applies
	amended
	_answers.intimate_imagery_capability == "foreseeable_output"
	_answers.intimate_imagery_safeguards == true
}

# Art 6(1) + Annex I.
triggering_provisions contains _p("art6.1", "", "safety component of (or itself) a product under Annex I legislation that needs a third-party conformity assessment", annex_i_term.qs) if {
	_hr_relevant
	annex_i_term.v == "yes"
}

triggering_provisions contains _p(sprintf("annex_I.%s.%d", [pt[0], pt[1]]), "", _annex_i_reason(pt[0]), {"annex_I_legislation"}) if {
	_hr_relevant
	annex_i_term.v == "yes"
	some prod in _selected_products
	pt := annex_i_point(prod)
}

_annex_i_reason("A") := "product under Annex I Section A legislation: the full Chapter III regime applies"

_annex_i_reason("B") := "product under Annex I Section B legislation: only Art 6(1), Art 60a and Arts 102-112 apply (Art 2(2))"

triggering_provisions contains _p("art43.3", "", "conformity assessed within the sectoral procedure of the Annex I Section A act", {"annex_I_legislation"}) if {
	_hr_relevant
	annex_i_term.v == "yes"
	annex_i_section == "A"
}

triggering_provisions contains _p("art73.10", "", "medical device: serious incidents are reported under the MDR/IVDR; under the AI Act only fundamental-rights infringements", {"annex_I_legislation"}) if {
	_hr_relevant
	annex_i_term.v == "yes"
	_mdr_ivdr
}

triggering_provisions contains _p("art2.2", "", "Annex I Section B product: the AI requirements arrive through the sectoral legislation", {"annex_I_legislation"}) if {
	_hr_relevant
	section_b_only
}

# Art 6(2) + Annex III.
triggering_provisions contains _p(k, _annex_iii_qualifier, _annex_iii_reason(k), annex_iii[k].qs) if {
	_hr_relevant
	some k in annex_iii_points
}

_annex_iii_qualifier := "context" if derogation_applies

_annex_iii_qualifier := "" if not derogation_applies

_annex_iii_reason(k) := sprintf("%s: %s", [data.aiconform.classification.provisions[k].citation, data.aiconform.classification.provisions[k].title]) if not derogation_applies

_annex_iii_reason(k) := sprintf("%s use, but the Art 6(3) derogation applies: not high-risk", [data.aiconform.classification.provisions[k].citation]) if derogation_applies

# Annex III carve-outs reached by the answers.
triggering_provisions contains _p("annex3.1.a", "exclusion", "biometric verification whose sole purpose is to confirm that a person is who they claim to be is excluded from Annex III 1(a)", {"remote_biometric_identification"}) if {
	_hr_relevant
	system_assessed
	_answers.remote_biometric_identification == "verification_only"
}

triggering_provisions contains _p("annex3.5.b", "exclusion", "AI used to detect financial fraud is excluded from Annex III 5(b) (recital 58)", {"financial_purposes"}) if {
	_hr_relevant
	"fraud_detection" in _list("financial_purposes")
	not "annex3.5.b" in annex_iii_points
}

triggering_provisions contains _p("annex3.7.d", "exclusion", "verification of travel documents is excluded from Annex III 7(d)", {"migration_purposes"}) if {
	_hr_relevant
	"travel_document_verification_only" in _list("migration_purposes")
	not "annex3.7.d" in annex_iii_points
}

triggering_provisions contains _p("annex3.8.b", "exclusion", "tools whose output people are not directly exposed to (administrative or logistical campaign tools) are excluded from Annex III 8(b)", {"voters_directly_exposed"}) if {
	_hr_relevant
	"elections" in _list("use_areas")
	_answers.voters_directly_exposed == false
}

triggering_provisions contains _p("annex3.8.a", "exclusion", "purely ancillary administrative activities do not fall under Annex III 8(a) (recital 61)", {"justice_purposes"}) if {
	_hr_relevant
	"ancillary_administration_only" in _list("justice_purposes")
	not "annex3.8.a" in annex_iii_points
}

# Art 6(3).
triggering_provisions contains _p("art6.3", "profiling_override", "the system profiles natural persons: an Annex III system that profiles is always high-risk (Art 6(3) third subparagraph)", {"profiles_natural_persons"}) if {
	_hr_relevant
	profiling_override
}

triggering_provisions contains _p(id, "", sprintf("%s: %s; it does not materially influence the outcome of decisions and does not profile", [data.aiconform.classification.provisions[id].citation, data.aiconform.classification.provisions[id].title]), {"limited_task", "profiles_natural_persons"}) if {
	_hr_relevant
	derogation_applies
	some id in derogation_ids
}

triggering_provisions contains _p("art6.4", "", "the provider documents the Art 6(3) assessment before placing on the market and provides it on request", {"limited_task"}) if {
	_hr_relevant
	derogation_applies
}

triggering_provisions contains _p("art49.2", "", "the provider registers itself and the system in the EU database (Annex VIII Section B) although it concluded it is not high-risk", {"limited_task"}) if {
	_hr_relevant
	derogation_applies
}

# Consequences of the high-risk route that the scenarios name.
triggering_provisions contains _p("art27", "", _fria_reason, _fria_qs) if {
	_hr_relevant
	provisional_tier == "high_risk"
	fria_required
}

_fria_reason := "deployers that are public bodies or provide public services carry out a fundamental-rights impact assessment before first use" if _answers.deployer_is_public_body_or_public_service == true

_fria_reason := "every deployer of an Annex III 5(b) or 5(c) system carries out a fundamental-rights impact assessment before first use" if _answers.deployer_is_public_body_or_public_service != true

_fria_qs := {"deployer_is_public_body_or_public_service"} if _answers.deployer_is_public_body_or_public_service == true

_fria_qs := {"use_areas", "financial_purposes", "insurance_lines"} & {q | some q, _ in _answers} if _answers.deployer_is_public_body_or_public_service != true

triggering_provisions contains _p(id, "", reason, {"remote_biometric_identification"}) if {
	_hr_relevant
	provisional_tier == "high_risk"
	"annex3.1.a" in annex_iii_points
	some id, reason in {
		"art14.5": "no action or decision on an identification unless verified by two competent persons (unless Union or national law disapplies it)",
		"art12.3": "logs record each period of use, the reference database, the matched input and the persons verifying results",
	}
}

triggering_provisions contains _p("art49.4", "", "registration in the secure, non-public section of the EU database (law enforcement, migration, asylum, border control)", {"law_enforcement_use", "use_areas"} & {q | some q, _ in _answers}) if {
	_hr_relevant
	provisional_tier == "high_risk"
	_secure_section
}

triggering_provisions contains _p("art22", "", "the provider is established outside the EU: it appoints an EU authorised representative by written mandate", {"provider_established_in_eu"}) if {
	_hr_relevant
	provisional_tier == "high_risk"
	not section_b_only
	non_eu_provider
}

triggering_provisions contains _p(k, "", reason, {q}) if {
	_hr_relevant
	some k, reason in art25_triggers
	q := {
		"art25.1.a": "rebrands_system", "art25.1.b": "substantially_modified",
		"art25.1.c": "changed_intended_purpose", "art25.3": "activities",
	}[k]
}

triggering_provisions contains _p("art111.2", "legacy", _legacy_reason, {"placed_on_market_date", "significant_design_change", "intended_for_public_authorities"} & {q | some q, _ in _answers}) if {
	_hr_relevant
	provisional_tier == "high_risk"
	legacy_high_risk
}

_legacy_reason := sprintf("placed on the market on %s, before %s, without significant design changes: Chapter III applies only after a significant change in design; intended for public authorities, so it must comply by 2030-08-02", [_placed_date, legacy_cutoff]) if public_authority_legacy

_legacy_reason := sprintf("placed on the market on %s, before %s, without significant design changes: Chapter III applies only after a significant change in design", [_placed_date, legacy_cutoff]) if not public_authority_legacy

# Art 50.
triggering_provisions contains _p(k, _t_qualifier(k), _transparency_reason[k], transparency[k].qs) if {
	some k in transparency_duties
}

_t_qualifier("art50.4.deepfake") := "limited_disclosure" if artistic_work

_t_qualifier("art50.2") := "legacy" if legacy_generative

_t_qualifier(k) := "" if not k in {"art50.4.deepfake", "art50.2"}

_t_qualifier("art50.4.deepfake") := "" if not artistic_work

_t_qualifier("art50.2") := "" if not legacy_generative

triggering_provisions contains _p("art2.10", "context", "private individuals who use it for purely personal purposes are not deployers and have no deployer duties", {"user_types"}) if {
	_system_duties_apply
	"private_individuals_personal_use" in _list("user_types")
}

# Arts 51-55.
triggering_provisions contains _p("art51", "presumption", sprintf("training compute %v FLOP is greater than 10^25 FLOP: high-impact capabilities presumed (Art 51(2))", [_answers.training_compute_flop]), {"training_compute_flop"}) if {
	act_applies
	gpai_model
	_answers.training_compute_flop > systemic_threshold_flop
}

triggering_provisions contains _p("art51", "designation", "designated by the Commission or evaluated as having high-impact capabilities (Art 51(1))", {"designated_systemic_risk"}) if {
	act_applies
	gpai_model
	_answers.designated_systemic_risk == true
}

triggering_provisions contains _p(id, _gpai_qualifier, _gpai_reason(id), _gpai_qs) if {
	act_applies
	gpai_model
	some id in _gpai_ids
}

_gpai_qualifier := "downstream_modifier" if downstream_modifier

_gpai_qualifier := "" if not downstream_modifier

_gpai_qs := {"gpai_model"} if not downstream_modifier

_gpai_qs := {"modification_compute_share"} if downstream_modifier

_gpai_reason(id) := sprintf("%s: %s", [data.aiconform.classification.provisions[id].citation, data.aiconform.classification.provisions[id].title])

triggering_provisions contains _p("art53.2", "exemption", "free and open-source model with public weights, architecture and usage information, not monetised and without systemic risk: exempt from Art 53(1)(a)-(b) and Art 54 (Art 54(6)), never from Art 53(1)(c)-(d)", open_source_exemption_term.qs) if {
	act_applies
	open_source_exempt
}

triggering_provisions contains _p("art53.1.b", "downstream", "built on a third-party general-purpose AI model: you are entitled to its Annex XII information to meet your own obligations", {"built_on_third_party_gpai"}) if {
	_system_duties_apply
	"downstream_provider" in roles
	not gpai_model
}

# Art 4.
triggering_provisions contains _p("art4", "", "providers and deployers of AI systems take measures for the AI literacy of their staff", {"activities"}) if {
	provisional_tier != "out_of_scope"
	not _prohibited
	system_assessed
	count(roles & {"provider", "deployer"}) > 0
}

# --- routes not reached, each with its reason -------------------------------------------------------

_real_reasons(t) := [w | some w in t.why; w != ""; w != _not_assessed]

_not_reached(id, t, prefix) := _p(id, "", concat("", [prefix, concat("; ", sort(_real_reasons(t)))]), t.qs)

_short(id) := data.aiconform.classification.provisions[id].short

not_reached contains _not_reached(k, e.term, "not excluded: ") if {
	some k, e in exclusions
	e.term.v == "no"
	count(_real_reasons(e.term)) > 0
}

not_reached contains _not_reached(k, t, sprintf("%s not met: ", [_short(k)])) if {
	act_applies
	system_assessed
	some k, t in prohibitions
	t.v == "no"
	count(_real_reasons(t)) > 0
}

not_reached contains _not_reached("art6.1", annex_i_term, "Art 6(1) not met: ") if {
	_hr_relevant
	system_assessed
	annex_i_term.v == "no"
}

_top_level_questions := {"use_areas", "remote_biometric_identification", "emotion_recognition", "biometric_categorisation", "law_enforcement_use", "predicts_criminal_offending"}

# An Annex III point that failed for a specific reason (a carve-out, a sub-question) is listed on its own.
not_reached contains _not_reached(k, t, sprintf("%s not met: ", [_short(k)])) if {
	act_applies
	some k, t in annex_iii
	t.v == "no"
	_specific_failure(t)
	count(_real_reasons(t)) > 0
}

_specific_failure(t) if count(t.qs - _top_level_questions) > 0

_specific_failure(t) if {
	some w in t.why
	startswith(w, "excluded")
}

not_reached contains _p("art6.2", "", "Art 6(2) not met: the system is not intended for any use listed in Annex III", annex_iii_term.qs) if {
	act_applies
	system_assessed
	annex_iii_term.v == "no"
}

not_reached contains _p("art6.2", "", "Art 6(2) not met: the Art 6(3) derogation applies (no profiling; only a task listed in Art 6(3)(a)-(d))", derogation_term.qs) if {
	act_applies
	derogation_applies
}

not_reached contains _not_reached("art6.3", derogation_term, "Art 6(3) derogation not available: ") if {
	act_applies
	annex_iii_term.v == "yes"
	derogation_term.v == "no"
}

not_reached contains _not_reached(k, t, sprintf("%s not met: ", [_short(k)])) if {
	_system_duties_apply
	some k, t in transparency
	t.v == "no"
	count(_real_reasons(t)) > 0
	not _prohibited
}

not_reached contains _not_reached("art51", systemic_term, "no systemic risk: ") if {
	act_applies
	gpai_model
	systemic_term.v == "no"
}

not_reached contains _not_reached("art53.2", open_source_exemption_term, "open-source exemption not available: ") if {
	act_applies
	gpai_model
	open_source_exemption_term.v == "no"
}

not_reached contains _p("art111.2", "", sprintf("no Art 111(2) transition: %s", [_no_legacy_reason]), {"placed_on_market", "placed_on_market_date", "significant_design_change"} & {q | some q, _ in _answers}) if {
	act_applies
	provisional_tier == "high_risk"
	not legacy_high_risk
}

_no_legacy_reason := "not yet placed on the market" if _answers.placed_on_market != true

_no_legacy_reason := sprintf("placed on the market on %s, not before %s", [_placed_date, legacy_cutoff]) if {
	_answers.placed_on_market == true
	_placed_date >= legacy_cutoff
}

_no_legacy_reason := "its design has changed significantly" if {
	_answers.placed_on_market == true
	_placed_date < legacy_cutoff
	_answers.significant_design_change != false
}

_no_legacy_reason := "the date it was placed on the market is unknown" if {
	_answers.placed_on_market == true
	not _placed_date
}

# --- the result --------------------------------------------------------------------------------------

result := {
	"tier": tier,
	"provisional_tier": provisional_tier,
	"in_scope": in_scope,
	"assessment_level": assessment_level,
	"roles": sort([r | some r in roles]),
	"gpai_model": gpai_model_flag,
	"systemic_risk": systemic_risk_flag,
	"high_risk_route": _route_or_null,
	"annex_i_section": _section_or_null,
	"annex_iii_points": sort([p | some p in annex_iii_points; not derogation_applies]),
	"prohibited_practices": sort([p | some p in prohibited_practices; act_applies]),
	"transparency_duties": sort([d | some d in transparency_duties]),
	"triggering_provisions": [p | some p in triggering_provisions],
	"not_reached": [p | some p in not_reached],
	"obligations": [o | some o in obligations],
	"undetermined": sort([q | some q in undetermined]),
	"dates": dates,
	# the questionnaire answers, for the policy pack's conditional duties (docs/policies.md)
	"facts": _answers,
	"as_of": as_of,
	"law_basis": law_basis,
	"legacy": _legacy,
}

gpai_model_flag := gpai_model

gpai_model_flag := false if not gpai_model

systemic_risk_flag := systemic_risk

systemic_risk_flag := false if not systemic_risk

_route_or_null := high_risk_route if provisional_tier == "high_risk"

_route_or_null := null if provisional_tier != "high_risk"

_section_or_null := annex_i_section if _route_or_null == "annex_i"

_section_or_null := null if _route_or_null != "annex_i"

_legacy := {
	"high_risk_art111_2": legacy_high_risk_flag,
	"public_authority_2030": public_authority_legacy_flag,
	"generative_art111_4": legacy_generative_flag,
	"gpai_art111_3": legacy_gpai_flag,
}

legacy_high_risk_flag := true if {
	legacy_high_risk
	provisional_tier == "high_risk"
}

legacy_high_risk_flag := false if not legacy_high_risk

legacy_high_risk_flag := false if {
	legacy_high_risk
	provisional_tier != "high_risk"
}

public_authority_legacy_flag := legacy_high_risk_flag if public_authority_legacy

public_authority_legacy_flag := false if not public_authority_legacy

legacy_generative_flag := true if {
	legacy_generative
	"art50.2" in transparency_duties
}

legacy_generative_flag := false if not legacy_generative

legacy_generative_flag := false if {
	legacy_generative
	not "art50.2" in transparency_duties
}

legacy_gpai_flag := legacy_gpai_model

legacy_gpai_flag := false if not legacy_gpai_model
