# Art 5 prohibited practices: each point a term ("yes" = the practice is prohibited for this system),
# with its exceptions asked as facts. Points (ba) and (bb) were added by Regulation 2026/1744.
package aiact.classification

import rego.v1

_not_in_force_ba_bb := "not part of the Act on the evaluation date (added by Regulation 2026/1744, in force 2026-07-27)"

_not_assessed := "a model-only assessment has no AI-system practices"

prohibitions["art5.1.a"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("subliminal_or_manipulative_techniques", true, "no subliminal, purposefully manipulative or deceptive techniques"),
	_is("distorts_decisions", true, "no material distortion of behaviour by impairing informed decisions"),
	_is("significant_harm_likely", true, "no significant harm caused or reasonably likely"),
])

prohibitions["art5.1.b"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("exploits_vulnerabilities", true, "does not exploit vulnerabilities due to age, disability or a social or economic situation"),
	_is("distorts_decisions", true, "no material distortion of behaviour by impairing informed decisions"),
	_is("significant_harm_likely", true, "no significant harm caused or reasonably likely"),
])

prohibitions["art5.1.ba"] := _all([
	_fact(system_assessed, _not_assessed),
	_fact(amended, _not_in_force_ba_bb),
	_any([
		_all([
			_in("intimate_imagery_capability", ["intended_purpose"], "generating intimate imagery of identifiable persons is not an intended purpose"),
			_not(_is("intimate_imagery_consent_only", true, ""), "generates such material only with the depicted person's explicit consent"),
		]),
		_all([
			_in("intimate_imagery_capability", ["foreseeable_output"], "cannot reproducibly produce intimate imagery of identifiable persons"),
			_is("intimate_imagery_safeguards", false, "reasonable and adequate safeguards prevent such outputs (Art 5(1a)(a)(ii))"),
		]),
	]),
])

prohibitions["art5.1.bb"] := _all([
	_fact(system_assessed, _not_assessed),
	_fact(amended, _not_in_force_ba_bb),
	_any([
		_in("csam_capability", ["intended_purpose"], "generating child sexual abuse material is not an intended purpose"),
		_all([
			_in("csam_capability", ["foreseeable_output"], "cannot reproducibly produce child sexual abuse material"),
			_is("csam_safeguards", false, "reasonable and adequate safeguards prevent such outputs (Art 5(1a))"),
		]),
	]),
])

prohibitions["art5.1.c"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("scores_social_behaviour", true, "does not evaluate or classify people over time on social behaviour or personal characteristics"),
	_any([
		_is("score_used_in_unrelated_context", true, "the score is not used for detrimental treatment in unrelated social contexts"),
		_is("score_treatment_disproportionate", true, "the treatment is neither unjustified nor disproportionate"),
	]),
])

prohibitions["art5.1.d"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("predicts_criminal_offending", true, "does not assess or predict the risk of a person committing a criminal offence"),
	_in(
		"crime_prediction_basis", ["profiling_or_personality_only"],
		"exception: it supports a human assessment based on objective, verifiable facts linked to a criminal activity",
	),
])

prohibitions["art5.1.e"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("untargeted_face_scraping", true, "does not build facial recognition databases by untargeted scraping"),
])

prohibitions["art5.1.f"] := _all([
	_fact(system_assessed, _not_assessed),
	_is("emotion_recognition", true, "does not infer emotions from biometric data"),
	_is("workplace_or_education", true, "not used in a workplace or an education institution"),
	_not(
		_is("emotion_medical_or_safety", true, ""),
		"exception: intended for medical or safety reasons",
	),
])

_art5_1_g_attributes := [
	"race", "political_opinions", "trade_union_membership",
	"religious_or_philosophical_beliefs", "sex_life_or_sexual_orientation",
]

_categorisation := _all([
	_is("biometric_categorisation", true, "does not categorise people on their biometric data"),
	_not(
		_is("categorisation_ancillary_feature", true, ""),
		"the categorisation is an ancillary feature strictly necessary for another commercial service (Art 3(40))",
	),
])

prohibitions["art5.1.g"] := _all([
	_fact(system_assessed, _not_assessed),
	_categorisation,
	_has_any("categorisation_attributes", _art5_1_g_attributes, "does not infer race, political opinions, trade-union membership, beliefs, sex life or sexual orientation"),
	_not(_is("biometric_dataset_labelling_only", true, ""), "exception: only labels or filters lawfully acquired biometric datasets"),
	_not(_is("law_enforcement_use", true, ""), "exception: categorisation of biometric data in the area of law enforcement"),
])

# Art 5(1)(h): use of real-time RBI in publicly accessible spaces for law enforcement ...
_rbi_le_public := _all([
	_in("remote_biometric_identification", ["real_time"], "no real-time remote biometric identification"),
	_is("publicly_accessible_space", true, "not used in publicly accessible spaces"),
	_is("law_enforcement_use", true, "not used for law-enforcement purposes"),
])

# ... unless strictly necessary for objectives (i)-(iii), enabled by national law (Art 5(5)) and
# authorised per use (Art 5(3)).
rbi_exception := _all([
	_in("rbi_objective", ["victim_search", "imminent_threat", "serious_crime_suspect"], "the objective is not one of Art 5(1)(h)(i)-(iii)"),
	_is("national_law_authorises_rbi", true, "national law does not allow it (Art 5(5))"),
	_in("rbi_authorisation", ["prior_authorisation", "urgency_requested_within_24h"], "no judicial or independent administrative authorisation (Art 5(3))"),
])

prohibitions["art5.1.h"] := _all([
	_fact(system_assessed, _not_assessed),
	_rbi_le_public,
	_not(rbi_exception, "exception: strictly necessary for an objective of Art 5(1)(h)(i)-(iii), with national law and authorisation"),
])

rbi_excepted if {
	system_assessed
	_rbi_le_public.v == "yes"
	rbi_exception.v == "yes"
}

_rbi_objective_label := {
	"victim_search": "objective (i): targeted search for specific victims of abduction, trafficking or sexual exploitation, or missing persons",
	"imminent_threat": "objective (ii): prevention of a specific, substantial and imminent threat to life or safety, or of a terrorist attack",
	"serious_crime_suspect": "objective (iii): locating or identifying a suspect of an Annex II offence",
}

prohibited_practices := {k | some k, t in prohibitions; t.v == "yes"}

_prohibitions_unknown := union({t.unknown | some t in prohibitions; t.v == "unknown"})

# The practice is prohibited from this date (Art 113(a); points (ba)/(bb): Art 113 as amended).
prohibition_date(k) := "2026-12-02" if k in {"art5.1.ba", "art5.1.bb"}

prohibition_date(k) := "2025-02-02" if not k in {"art5.1.ba", "art5.1.bb"}

_prohibition_reason := {
	"art5.1.a": "subliminal, manipulative or deceptive techniques that materially distort decisions and are likely to cause significant harm",
	"art5.1.b": "exploitation of vulnerabilities (age, disability, social or economic situation) that materially distorts behaviour and is likely to cause significant harm",
	"art5.1.ba": "generation or manipulation of intimate imagery of identifiable persons without their explicit consent",
	"art5.1.bb": "generation or manipulation of child sexual abuse material",
	"art5.1.c": "social scoring leading to detrimental treatment in unrelated contexts or disproportionate treatment",
	"art5.1.d": "prediction of criminal offending based solely on profiling or personality traits",
	"art5.1.e": "untargeted scraping of facial images to build or expand facial recognition databases",
	"art5.1.f": "emotion recognition in the workplace or in education institutions, not for medical or safety reasons",
	"art5.1.g": "biometric categorisation inferring race, political opinions, trade-union membership, beliefs, sex life or sexual orientation",
	"art5.1.h": "real-time remote biometric identification in publicly accessible spaces for law enforcement, outside the Art 5(1)(h) exceptions",
}
