# Art 6: the product-safety route (Art 6(1) + Annex I, narrowed by Art 6(1a)-(1c) as amended), the
# use-case route (Art 6(2) + every point of Annex III with its carve-outs) and the Art 6(3)
# derogation with its profiling override.
package aiact.classification

import rego.v1

# --- Annex I --------------------------------------------------------------------------------------

# product category -> Annex I section and point. Machinery moved from Section A point 1 (Directive
# 2006/42/EC) to Section B point 21 (Regulation 2023/1230) with Regulation 2026/1744.
_annex_i_point := {
	"toys": ["A", 2],
	"recreational_craft": ["A", 3],
	"lifts": ["A", 4],
	"atex_equipment": ["A", 5],
	"radio_equipment": ["A", 6],
	"pressure_equipment": ["A", 7],
	"cableways": ["A", 8],
	"personal_protective_equipment": ["A", 9],
	"gas_appliances": ["A", 10],
	"medical_devices": ["A", 11],
	"in_vitro_diagnostics": ["A", 12],
	"civil_aviation_security": ["B", 13],
	"two_three_wheel_vehicles": ["B", 14],
	"agricultural_forestry_vehicles": ["B", 15],
	"marine_equipment": ["B", 16],
	"rail_systems": ["B", 17],
	"motor_vehicles": ["B", 18],
	"civil_aviation_unmanned_aircraft": ["B", 20],
}

annex_i_point(p) := _annex_i_point[p]

annex_i_point("machinery") := ["B", 21] if amended

annex_i_point("machinery") := ["A", 1] if not amended

_annex_i_products := [k | some k in object.keys(_annex_i_point) | {"machinery"}]

_selected_products := {p | some p in _list("annex_I_legislation")}

_annex_i_sections := {annex_i_point(p)[0] | some p in _selected_products}

annex_i_section := "A" if "A" in _annex_i_sections

annex_i_section := "B" if {
	not "A" in _annex_i_sections
	"B" in _annex_i_sections
}

# Art 6(1)(a): the AI system is a safety component of the product, or the product itself.
# A component that only assists, optimises, automates or controls quality is not a safety component
# (Art 6(1a)); one whose failure endangers health and safety always is (Art 6(1b)). Under the original
# text the same follows from the definition in Art 3(14).
_non_safety_why := "the component has no safety function: it only serves user assistance, performance optimisation, efficiency, automation, convenience or quality control (Art 6(1a))" if amended

_non_safety_why := "the component neither fulfils a safety function nor endangers health and safety when it fails (Art 3(14))" if not amended

safety_component_term := _any([
	_in("safety_component_or_product", ["product_itself"], "the AI system is not the product itself"),
	_all([
		_in("safety_component_or_product", ["component"], "the AI system is neither the product nor a component of it"),
		_has_any(
			"component_functions",
			["prevents_or_mitigates_health_safety_risks", "failure_endangers_health_safety"],
			_non_safety_why,
		),
	]),
])

# Art 6(1)(b), narrowed by Art 6(1c): a third-party assessment required only for non-health-and-safety
# risks (e.g. radio spectrum, electromagnetic compatibility) does not count.
_third_party_term := _all([
	_is("third_party_conformity_required", true, "Art 6(1)(b) not met: no third-party conformity assessment is required under the Annex I act"),
	_not(
		_is("third_party_only_non_safety_risks", true, ""),
		"Art 6(1)(b) not met: the third-party assessment concerns only risks unrelated to health and safety (Art 6(1c))",
	),
]) if amended

_third_party_term := _is("third_party_conformity_required", true, "Art 6(1)(b) not met: no third-party conformity assessment is required under the Annex I act") if not amended

annex_i_term := _all([
	_fact(system_assessed, _not_assessed),
	_has_any("annex_I_legislation", _annex_i_products, "the system is not, and is not part of, a product covered by Annex I legislation"),
	safety_component_term,
	_third_party_term,
])

# --- Annex III --------------------------------------------------------------------------------------

_area(a) := _has("use_areas", a, sprintf("not used for %s", [_area_label[a]]))

_area_label := {
	"critical_infrastructure": "critical infrastructure",
	"education_admission": "admission or assignment to education",
	"education_assessment": "evaluating learning outcomes",
	"education_level": "assessing the level of education",
	"exam_proctoring": "monitoring students during tests",
	"recruitment": "recruitment or selection",
	"worker_management": "decisions on or monitoring of workers",
	"public_benefits": "public assistance benefits and services",
	"financial_assessment_of_individuals": "assessing individuals in financial services",
	"insurance_of_individuals": "insurance risk assessment or pricing of individuals",
	"emergency_services": "emergency calls, dispatch or triage",
	"law_enforcement_tasks": "law-enforcement tasks",
	"migration_border": "migration, asylum or border control",
	"administration_of_justice": "the administration of justice",
	"elections": "influencing elections or voting behaviour",
}

_le_purpose(p) := _all([
	_area("law_enforcement_tasks"),
	_is("law_enforcement_use", true, "not used by or on behalf of law-enforcement authorities"),
	_has("law_enforcement_purposes", p, sprintf("not used for %s", [_le_label[p]])),
])

_le_label := {
	"victim_risk": "assessing the risk of a person becoming a victim of crime",
	"polygraph": "polygraphs or similar tools",
	"evidence_reliability": "evaluating the reliability of evidence",
	"offending_risk_or_personality": "assessing offending risk or personality traits",
	"profiling_in_investigations": "profiling in criminal investigations",
}

_mig_purpose(p) := _all([_area("migration_border"), _has("migration_purposes", p, sprintf("not used for %s", [_mig_label[p]]))])

_mig_label := {
	"polygraph": "polygraphs or similar tools",
	"risk_assessment_of_persons": "assessing risks posed by persons entering the EU",
	"application_examination": "examining asylum, visa or residence applications",
	"identify_persons": "detecting, recognising or identifying persons",
}

_credit_why := "excluded: used to detect financial fraud, not to evaluate creditworthiness (Annex III 5(b); recital 58)" if "fraud_detection" in _list("financial_purposes")

_credit_why := "does not evaluate creditworthiness or establish credit scores of natural persons" if not "fraud_detection" in _list("financial_purposes")

_not_prohibited_here := "falls under the prohibition instead"

annex_iii := {
	"annex3.1.a": _in("remote_biometric_identification", ["real_time", "post"], _rbi_why),
	"annex3.1.b": _all([
		_categorisation,
		_has_any("categorisation_attributes", array.concat(_art5_1_g_attributes, ["other_protected_attributes"]), "does not infer sensitive or protected attributes"),
	]),
	"annex3.1.c": _is("emotion_recognition", true, "does not infer emotions from biometric data"),
	"annex3.2": _all([
		_area("critical_infrastructure"),
		_is("critical_infrastructure_safety_component", true, "not a safety component of the infrastructure (e.g. cybersecurity-only or non-safety task; recital 55)"),
	]),
	"annex3.3.a": _area("education_admission"),
	"annex3.3.b": _area("education_assessment"),
	"annex3.3.c": _area("education_level"),
	"annex3.3.d": _area("exam_proctoring"),
	"annex3.4.a": _area("recruitment"),
	"annex3.4.b": _area("worker_management"),
	"annex3.5.a": _area("public_benefits"),
	"annex3.5.b": _all([
		_area("financial_assessment_of_individuals"),
		_has("financial_purposes", "creditworthiness_or_credit_score", _credit_why),
	]),
	"annex3.5.c": _all([
		_area("insurance_of_individuals"),
		_has_any("insurance_lines", ["life", "health"], "only insurance lines other than life and health (not listed in Annex III 5(c))"),
	]),
	"annex3.5.d": _area("emergency_services"),
	"annex3.6.a": _le_purpose("victim_risk"),
	"annex3.6.b": _le_purpose("polygraph"),
	"annex3.6.c": _le_purpose("evidence_reliability"),
	"annex3.6.d": _any([
		_le_purpose("offending_risk_or_personality"),
		_all([
			_is("predicts_criminal_offending", true, "does not assess the risk of offending"),
			_in("crime_prediction_basis", ["supports_human_assessment_on_facts"], "the offending-risk assessment is based solely on profiling (prohibited instead)"),
			_is("law_enforcement_use", true, "not used by or on behalf of law-enforcement authorities"),
		]),
	]),
	"annex3.6.e": _le_purpose("profiling_in_investigations"),
	"annex3.7.a": _mig_purpose("polygraph"),
	"annex3.7.b": _mig_purpose("risk_assessment_of_persons"),
	"annex3.7.c": _mig_purpose("application_examination"),
	"annex3.7.d": _mig_purpose("identify_persons"),
	"annex3.8.a": _all([
		_area("administration_of_justice"),
		_has("justice_purposes", "research_interpret_apply_law", "only ancillary administrative activities (recital 61)"),
	]),
	"annex3.8.b": _all([
		_area("elections"),
		_is("voters_directly_exposed", true, "excluded: people are not directly exposed to its output (administrative or logistical campaign tools)"),
	]),
} if system_assessed

annex_iii := {} if model_only

_rbi_why := "excluded: biometric verification whose sole purpose is to confirm that a person is who they claim to be" if object.get(_answers, "remote_biometric_identification", "") == "verification_only"

_rbi_why := "does not identify people from biometric data" if object.get(_answers, "remote_biometric_identification", "") != "verification_only"

annex_iii_points := {k | some k, t in annex_iii; t.v == "yes"}

annex_iii_term := _any([t | some t in annex_iii]) if system_assessed

annex_iii_term := _fact(false, _not_assessed) if model_only

# --- Art 6(3) derogation and its profiling override ---------------------------------------------

_derogation_conditions := {
	"narrow_procedural_task": "art6.3.a",
	"improves_completed_human_activity": "art6.3.b",
	"detects_patterns_for_human_review": "art6.3.c",
	"preparatory_task": "art6.3.d",
}

derogation_term := _all([
	_not(
		_is("profiles_natural_persons", true, ""),
		"the system profiles natural persons, so Art 6(3) never applies (third subparagraph)",
	),
	_has_any(
		"limited_task", [k | some k, _ in _derogation_conditions],
		"it does more than a narrow procedural, improving, pattern-detecting or preparatory task (Art 6(3)(a)-(d)), so it materially influences decisions",
	),
])

derogation_applies if {
	annex_iii_term.v == "yes"
	annex_i_term.v != "yes"
	derogation_term.v == "yes"
}

profiling_override if {
	annex_iii_term.v == "yes"
	_answers.profiles_natural_persons == true
}

derogation_ids := {id | some c, id in _derogation_conditions; c in _list("limited_task")}

annex_iii_high_risk_term := _all([
	annex_iii_term,
	_not(derogation_term, "Art 6(3) derogation: it does not materially influence the outcome of decisions"),
])

high_risk_term := _any([annex_i_term, annex_iii_high_risk_term])

high_risk_route := "annex_i" if annex_i_term.v == "yes"

high_risk_route := "annex_iii" if {
	annex_i_term.v != "yes"
	annex_iii_high_risk_term.v == "yes"
}

# Annex I Section B products: the Act applies only through Art 6(1), Art 60a and Arts 102-112
# (Art 2(2) as amended); the AI requirements arrive through the sectoral acts.
section_b_only if {
	high_risk_route == "annex_i"
	annex_i_section == "B"
}
