"""The interactive questionnaire driven for real: questionary prompts reading keystrokes from a
prompt_toolkit pipe input (no mocked prompts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from aiconform.engine.classify import classify, load_answers, read_answers_file
from aiconform.engine.questionnaire import Session, dump_answers
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

HERE = Path(__file__).parent
DOWN, ENTER, SPACE = "\x1b[B", "\r", " "


def _session(tmp_path: Path, answers: dict, keys: str, save: Path | None = None):
    lines: list[str] = []
    with create_pipe_input() as inp:
        inp.send_text(keys)
        s = Session(answers=answers, save=save, echo=lines.append, input=inp, output=DummyOutput())
        result = s.run()
    return result, lines


def _sc054_without(*drop: str) -> tuple[dict, dict]:
    full, _ = read_answers_file(HERE / "scenarios" / "SC-054.yaml")
    partial = {k: v for k, v in full.items() if k not in drop}
    return full, partial


def test_help_back_summary_and_classify(tmp_path: Path) -> None:
    full, partial = _sc054_without("generates_synthetic_content", "open_source_licence")
    save = tmp_path / "partial.yaml"
    keys = (
        DOWN * 3 + ENTER          # generates_synthetic_content: "? help"
        + DOWN + ENTER            # ... then "no"
        + DOWN * 5 + ENTER        # open_source_licence: "« go back"
        + DOWN + ENTER            # generates_synthetic_content again: "no"
        + DOWN * 2 + ENTER        # open_source_licence: "proprietary"
        + ENTER                   # summary: "Classify now"
    )
    result, lines = _session(tmp_path, partial, keys, save=save)
    assert result is not None
    assert result.answers == load_answers(HERE / "scenarios" / "SC-054.yaml").answers
    text = "\n".join(lines)
    assert "Legal basis: Art 50(2)" in text                      # help with its citation
    assert "== Summary of your answers ==" in text
    assert "generates_synthetic_content: no" in text
    assert load_answers(save).answers == result.answers          # saved after every answer
    assert classify(result, dt.date(2026, 11, 26)).tier.value == "minimal"


def test_show_when_asks_follow_up_questions(tmp_path: Path) -> None:
    full, partial = _sc054_without("generates_synthetic_content", "open_source_licence")
    keys = (
        ENTER                     # generates_synthetic_content: yes -> follow-ups apply
        + DOWN + ENTER            # editing_assistance_only: no
        + ENTER                   # deepfake_or_intimate_content: yes
        + DOWN + ENTER            # artistic_or_satirical_work: no
        + DOWN + ENTER            # publishes_public_interest_text: no
        + DOWN * 2 + ENTER        # intimate_imagery_capability: not_possible
        + DOWN * 2 + ENTER        # csam_capability: not_possible
        + DOWN + ENTER            # crime_detection_authorised_by_law: no
        + DOWN * 2 + ENTER        # open_source_licence: proprietary
        + ENTER                   # summary: classify
    )
    result, _ = _session(tmp_path, partial, keys)
    assert result is not None
    a = result.answers
    assert a["deepfake_or_intimate_content"] is True and a["intimate_imagery_capability"] == "not_possible"
    c = classify(result, dt.date(2026, 11, 26))
    assert c.tier.value == "transparency"
    assert list(c.transparency_duties) == ["art50.2", "art50.4.deepfake"]


def test_multi_choice_unknown_and_save_and_quit(tmp_path: Path) -> None:
    full, partial = _sc054_without(*[k for k in list(yaml.safe_load((HERE / "scenarios" / "SC-054.yaml").read_text()))
                                     if k not in ("gpai_model", "ai_techniques", "eu_nexus", "military_defence_only",
                                                  "third_country_authority_cooperation", "sole_scientific_research",
                                                  "placed_on_market", "intends_to_place_on_market",
                                                  "real_world_testing", "system_name", "intended_purpose")])
    save = tmp_path / "partial.yaml"
    keys = (SPACE + ENTER               # activities: tick the first option
            + DOWN * 2 + SPACE + ENTER  # user_types: tick "I don't know (unknown)"
            + DOWN * 2 + ENTER          # provider_established_in_eu: "I don't know (unknown)"
            + DOWN * 5 + ENTER)         # built_on_third_party_gpai: "save and quit"
    result, _ = _session(tmp_path, partial, keys, save=save)
    assert result is None
    saved, _ = read_answers_file(save)
    assert saved["activities"] == ["develops_and_places_on_market"]
    assert saved["user_types"] == "unknown"
    assert saved["provider_established_in_eu"] == "unknown"
    assert "built_on_third_party_gpai" not in saved
    # the saved file resumes: a partial load accepts it, a full load lists what is missing
    from aiconform.engine.errors import AnswersError

    with pytest.raises(AnswersError) as exc:
        load_answers(save)
    assert any("built_on_third_party_gpai" in p and "no answer" in p for p in exc.value.problems)
    assert load_answers(save, partial=True).answers["user_types"] == "unknown"


def test_text_number_and_date_prompts(tmp_path: Path) -> None:
    full, _ = read_answers_file(HERE / "scenarios" / "SC-055.yaml")
    partial = {k: v for k, v in full.items() if k not in ("training_compute_flop", "placed_on_market_date",
                                                           "designated_systemic_risk", "open_source_licence",
                                                           "significant_design_change", "intended_for_public_authorities",
                                                           "model_placed_on_market_date")}
    keys = (
        "abc" + ENTER                       # training_compute_flop: rejected by the validator ...
        + "\x08\x08\x08" + "3e25" + ENTER   # ... corrected
        + DOWN + ENTER                      # designated_systemic_risk: no
        + DOWN * 2 + ENTER                  # open_source_licence: proprietary
        + "2026-09-01" + ENTER              # placed_on_market_date
        + DOWN + ENTER                      # significant_design_change: no
        + DOWN + ENTER                      # intended_for_public_authorities: no
        + "unknown" + ENTER                 # model_placed_on_market_date: unknown
        + ENTER                             # classify
    )
    result, _ = _session(tmp_path, partial, keys)
    assert result is not None
    assert result.answers["training_compute_flop"] == 3e25
    assert result.answers["placed_on_market_date"] == "2026-09-01"
    c = classify(result, dt.date(2026, 11, 26))
    assert c.systemic_risk and c.tier.value == "undetermined"
    assert list(c.undetermined) == ["model_placed_on_market_date"]


def test_dump_answers_round_trips(tmp_path: Path) -> None:
    a = load_answers(HERE / "scenarios" / "SC-017.yaml")
    from aiconform.engine.classify import questionnaire

    p = tmp_path / "a.yaml"
    p.write_text(dump_answers(dict(a.answers), questionnaire()))
    assert load_answers(p).answers == a.answers
