"""Write an answers file per public scenario of aiact-scenarios.yaml (tests/classification/scenarios/).

    .venv/bin/python tests/classification/make_scenarios.py [/path/to/aiact-scenarios.yaml]

Each file is the scenario's `facts` mapped onto question ids (most questions reuse the fact names),
plus the structured answers its description implies (STRUCTURED below: roles, Annex III use areas,
Art 5 facts, Art 50 exceptions...). Only questions that apply are written; a question that applies and
has no answer here stops the script, so nothing is filled in silently. The files are committed; the
expectations live in expected.yaml.

Conventions (documented in docs/classification.md):
- `placed_on_market: null` in a scenario -> classified as a system about to be placed on the market
  (placed_on_market: no, intends_to_place_on_market: yes), i.e. without any Art 111 transition.
- `open_source_licence: null` -> proprietary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

SCENARIOS = Path("/work/shared/reference/aiact-scenarios.yaml")

DEFAULTS: dict[str, Any] = {
    "ai_techniques": ["machine_learning"],
    "eu_nexus": "eu_market_or_use",
    "third_country_authority_cooperation": False,
    "placed_on_market": False,
    "intends_to_place_on_market": True,
    "real_world_testing": False,
    "provider_established_in_eu": True,
    "rebrands_system": False,
    "substantially_modified": False,
    "changed_intended_purpose": False,
    "built_on_third_party_gpai": False,
    "subliminal_or_manipulative_techniques": False,
    "exploits_vulnerabilities": False,
    "scores_social_behaviour": False,
    "predicts_criminal_offending": False,
    "untargeted_face_scraping": False,
    "emotion_medical_or_safety": False,
    "categorisation_ancillary_feature": False,
    "biometric_dataset_labelling_only": False,
    "use_areas": [],
    "limited_task": [],
    "ai_interaction_obvious": False,
    "editing_assistance_only": False,
    "artistic_or_satirical_work": False,
    "publishes_public_interest_text": False,
    "intimate_imagery_capability": "not_possible",
    "csam_capability": "not_possible",
    "crime_detection_authorised_by_law": False,
    "designated_systemic_risk": False,
    "user_types": ["organisations_or_professionals"],
}

FACT_KEYS = [
    "gpai_model", "military_defence_only", "sole_scientific_research", "personal_non_professional_use",
    "emotion_recognition", "workplace_or_education", "biometric_categorisation", "remote_biometric_identification",
    "publicly_accessible_space", "law_enforcement_use", "profiles_natural_persons",
    "decides_or_assists_decisions_on_natural_persons", "deployer_is_public_body_or_public_service",
    "interacts_directly_with_people", "generates_synthetic_content", "deepfake_or_intimate_content",
    "training_compute_flop", "weights_public", "monetised", "third_party_conformity_required",
]

PROVIDER = ["develops_and_places_on_market"]
IN_HOUSE = ["develops_and_places_on_market", "uses"]

# The structured answers each scenario's description implies (facts the free text carries).
STRUCTURED: dict[str, dict[str, Any]] = {
    "SC-001": {"activities": PROVIDER, "use_areas": ["worker_management"]},
    "SC-006": {"activities": ["uses"], "rbi_objective": "victim_search", "national_law_authorises_rbi": True,
               "rbi_authorisation": "prior_authorisation"},
    "SC-009": {"activities": IN_HOUSE},
    "SC-012": {"activities": ["uses"], "scores_social_behaviour": True, "score_used_in_unrelated_context": True,
               "score_treatment_disproportionate": True, "use_areas": ["public_benefits"]},
    "SC-016": {"activities": IN_HOUSE},
    "SC-017": {"activities": IN_HOUSE, "use_areas": ["financial_assessment_of_individuals"],
               "financial_purposes": ["creditworthiness_or_credit_score"]},
    "SC-018": {"activities": PROVIDER, "use_areas": ["financial_assessment_of_individuals"],
               "financial_purposes": ["fraud_detection"]},
    "SC-024": {"activities": PROVIDER, "provider_established_in_eu": False, "use_areas": ["recruitment"]},
    "SC-026": {"activities": PROVIDER, "use_areas": ["recruitment"], "limited_task": ["narrow_procedural_task"]},
    "SC-027": {"activities": PROVIDER, "use_areas": ["recruitment"], "limited_task": ["preparatory_task"]},
    "SC-030": {"activities": ["uses"], "use_areas": ["exam_proctoring"]},
    "SC-034": {"activities": IN_HOUSE, "built_on_third_party_gpai": True, "modifies_third_party_gpai": False},
    "SC-036": {"activities": PROVIDER, "user_types": ["organisations_or_professionals", "private_individuals_personal_use"],
               "intimate_imagery_capability": "foreseeable_output", "intimate_imagery_safeguards": True},
    "SC-041": {"activities": PROVIDER, "use_areas": ["elections"], "voters_directly_exposed": True,
               "publishes_public_interest_text": True, "human_editorial_review": False},
    "SC-048": {"activities": PROVIDER, "annex_I_legislation": ["medical_devices"],
               "safety_component_or_product": "product_itself", "third_party_only_non_safety_risks": False},
    "SC-054": {"activities": PROVIDER},
    "SC-055": {"model_only": False, "activities": PROVIDER, "provider_established_in_eu": False,
               "user_types": ["organisations_or_professionals", "private_individuals_personal_use"],
               "placed_on_market": True, "placed_on_market_date": "2026-09-01", "significant_design_change": False,
               "intended_for_public_authorities": False, "model_placed_on_market_date": "2026-09-01"},
    "SC-057": {"model_only": True, "provider_established_in_eu": False, "open_source_licence": "free_open_source",
               "model_placed_on_market_date": "2026-01-15"},
    "SC-061": {"activities": PROVIDER},
    "SC-063": {"activities": ["uses"]},
}


def answers_for(sc: dict[str, Any]) -> dict[str, Any]:
    from aiconform.engine.classify import questionnaire

    qn = questionnaire()
    facts = sc["facts"]
    raw: dict[str, Any] = dict(DEFAULTS)
    raw["system_name"] = sc["title"]
    raw["intended_purpose"] = str(facts.get("purpose", ""))
    for k in FACT_KEYS:
        if facts.get(k) is not None:
            raw[k] = facts[k]
    if facts.get("remote_biometric_identification") is None:
        raw["remote_biometric_identification"] = "none"
    lic = facts.get("open_source_licence")
    raw["open_source_licence"] = "proprietary" if lic is None else "free_open_source"
    if facts.get("annex_I_legislation") is None:
        raw["annex_I_legislation"] = []
    raw.update(STRUCTURED[sc["id"]])
    # keep only the questions that apply, in questionnaire order; stop on a missing answer
    out: dict[str, Any] = {}
    visible: dict[str, Any] = {}
    for q in qn.questions:
        if not qn.applies(q, visible):
            continue
        if q.id not in raw:
            if q.required:
                raise SystemExit(f"{sc['id']}: question {q.id!r} applies but has no answer")
            continue
        out[q.id] = raw[q.id]
        visible[q.id] = raw[q.id]
    return out


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else SCENARIOS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    outdir = HERE / "scenarios"
    outdir.mkdir(exist_ok=True)
    for sc in data["scenarios"]:
        ans = answers_for(sc)
        head = (f"# {sc['id']}: {sc['title']}\n# {' '.join(sc['description'].split())}\n"
                "# Answers made from the scenario's facts plus the structured answers its description implies\n"
                "# (tests/classification/make_scenarios.py). Expected result: tests/classification/expected.yaml.\n")
        body = yaml.safe_dump(ans, sort_keys=False, allow_unicode=True, width=110)
        (outdir / f"{sc['id']}.yaml").write_text(head + body, encoding="utf-8")
    print(f"{len(data['scenarios'])} answers files written to {outdir}")


if __name__ == "__main__":
    main(sys.argv)
