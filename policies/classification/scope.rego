# Which text of the Act is in force on as_of, what is being assessed, and the Art 2 / Art 3(1)
# scope tests (each exclusion a term: "yes" = excluded).
package aiact.classification

import rego.v1

# Evaluation date, "YYYY-MM-DD" (callers pass an ISO date; a timestamp is cut to its date).
as_of := substring(input.as_of, 0, 10)

# Regulation (EU) 2026/1744 entered into force on 2026-07-27 (its Art 4).
omnibus_in_force := "2026-07-27"

default amended := false

amended if as_of >= omnibus_in_force

law_basis := "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744" if amended

law_basis := "Regulation (EU) 2024/1689 (original text; Regulation (EU) 2026/1744 not yet in force)" if not amended

# --- what is assessed ---------------------------------------------------------------------------

default model_only := false

model_only if _answers.model_only == true

default system_assessed := false

system_assessed if not model_only

assessment_level := "model" if model_only

assessment_level := "system_and_model" if {
	system_assessed
	gpai_term.v == "yes"
}

assessment_level := "system" if {
	system_assessed
	gpai_term.v != "yes"
}

_activities := _list("activities")

# --- Art 3(1) and Art 2 exclusions --------------------------------------------------------------

_inference_techniques := ["machine_learning", "logic_or_knowledge_based"]

# Art 3(1): an AI system infers how to generate outputs (the key criterion of the Commission guidelines).
exclusions["art3.1"] := {
	"term": _not(
		_has_any("ai_techniques", _inference_techniques, ""),
		"the system infers its outputs (machine learning or logic/knowledge-based inference), so it is an AI system",
	),
	"reason": "not an AI system: it only executes rules written by people or basic processing, statistics or optimisation, without inferring how to generate outputs",
} if system_assessed

exclusions["art2.1"] := {
	"term": _in("eu_nexus", ["none"], "the system or its output reaches the EU"),
	"reason": "neither the system nor its output is placed on the market, put into service or used in the EU",
}

exclusions["art2.3"] := {
	"term": _is("military_defence_only", true, "not used exclusively for military, defence or national-security purposes"),
	"reason": "placed on the market, put into service or used exclusively for military, defence or national-security purposes",
}

exclusions["art2.4"] := {
	"term": _all([
		_is("third_country_authority_cooperation", true, "not a third-country public authority or international organisation acting under a cooperation agreement"),
		_is("cooperation_safeguards", true, "the cooperation framework lacks adequate fundamental-rights safeguards"),
	]),
	"reason": "third-country public authority or international organisation using it under a law-enforcement or judicial cooperation agreement with adequate safeguards",
}

exclusions["art2.6"] := {
	"term": _is("sole_scientific_research", true, "not developed and put into service solely for scientific research and development"),
	"reason": "specifically developed and put into service for the sole purpose of scientific research and development",
}

exclusions["art2.8"] := {
	"term": _all([
		_is("placed_on_market", false, "already placed on the market or put into service"),
		_is("intends_to_place_on_market", false, "intended to be placed on the market or put into service (classified for that day)"),
		_is("real_world_testing", false, "tested in real-world conditions, which the exclusion does not cover"),
	]),
	"reason": "research, testing and development activity before placing on the market or putting into service",
}

# Art 2(10): a natural person in a purely personal, non-professional activity is not a deployer;
# the assessment is out of scope when that is the only activity assessed.
exclusions["art2.10"] := {
	"term": _all([
		_is("personal_non_professional_use", true, "used in a professional activity"),
		_fact(
			count({a | some a in _activities; a != "uses"}) == 0,
			"you also hold other roles (provider, importer, distributor, ...) that the personal-use exclusion does not cover",
		),
	]),
	"reason": "a natural person using the system in a purely personal, non-professional activity has no deployer obligations",
}

_excluded := {k | some k, e in exclusions; e.term.v == "yes"}

_exclusions_unknown := union({e.term.unknown | some e in exclusions; e.term.v == "unknown"})

# The Act applies at all (the open-source exclusion, Art 2(12), depends on the tier: see result.rego).
act_applies if count(_excluded) == 0

# Art 2(10) excludes deployer duties only; provider duties of the same system (Art 50(2)) stay.
_excluded_beyond_personal_use := _excluded - {"art2.10"}

_system_duties_apply if count(_excluded_beyond_personal_use) == 0
