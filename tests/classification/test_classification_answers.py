"""Bad answers: every problem listed with its key (and line) and what is expected; exit 2; nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from aiconform.engine.classify import answers_schema, load_answers, questionnaire
from aiconform.engine.errors import AnswersError

HERE = Path(__file__).parent
SC054 = (HERE / "scenarios" / "SC-054.yaml").read_text(encoding="utf-8")
AIC = [sys.executable, "-m", "aiconform"]


def _problems(tmp_path: Path, text: str, name: str = "answers.yaml") -> list[str]:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as exc:
        load_answers(p)
    return exc.value.problems


def test_unknown_question_id_with_line_and_suggestion(tmp_path: Path) -> None:
    probs = _problems(tmp_path, SC054 + "emotion_recognitoin: false\n")
    line = len(SC054.splitlines()) + 1
    assert any(f"line {line}: key 'emotion_recognitoin': unknown question id" in p and "emotion_recognition" in p
               for p in probs), probs


def test_wrong_types_each_listed(tmp_path: Path) -> None:
    text = SC054.replace("emotion_recognition: false", "emotion_recognition: maybe") \
                .replace("use_areas: []", "use_areas: [recruiting]") \
                .replace("eu_nexus: eu_market_or_use", "eu_nexus: 3")
    probs = _problems(tmp_path, text)
    assert any("key 'emotion_recognition': expected yes/true, no/false or 'unknown' (got 'maybe')" in p for p in probs)
    assert any("key 'use_areas': unknown option(s) 'recruiting'" in p for p in probs)
    assert any("key 'eu_nexus': expected one of 'eu_market_or_use'" in p for p in probs)
    assert all(p.startswith("line ") for p in probs), probs


def test_answer_to_a_question_that_does_not_apply(tmp_path: Path) -> None:
    probs = _problems(tmp_path, SC054 + "workplace_or_education: true\n")
    assert any("key 'workplace_or_education': this question does not apply" in p
               and "emotion_recognition is yes or unknown" in p for p in probs), probs


def test_missing_answer_to_a_question_that_applies(tmp_path: Path) -> None:
    text = SC054.replace("emotion_recognition: false", "emotion_recognition: true")
    probs = _problems(tmp_path, text)
    assert any(p.startswith("key 'workplace_or_education': no answer") for p in probs), probs


def test_contradictory_answers(tmp_path: Path) -> None:
    text = SC054.replace("- machine_learning", "- machine_learning\n- hand_written_rules_only")
    probs = _problems(tmp_path, text)
    assert any("key 'ai_techniques': contradictory answers" in p for p in probs), probs
    text2 = SC054.replace("law_enforcement_use: false", "law_enforcement_use: false") \
                 .replace("use_areas: []", "use_areas: [law_enforcement_tasks]\nlaw_enforcement_purposes: [other]\nlimited_task: []")
    probs2 = _problems(tmp_path, text2)
    assert any("contradictory answers: use_areas includes 'law_enforcement_tasks'" in p for p in probs2), probs2


def test_json_answers_with_line_numbers(tmp_path: Path) -> None:
    data = yaml.safe_load(SC054)
    assert load_answers(_write(tmp_path, "a.json", json.dumps(data, indent=1))).answers["eu_nexus"] == "eu_market_or_use"
    data["military_defence_only"] = "sometimes"
    text = json.dumps(data, indent=1)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if '"military_defence_only"' in ln)
    probs = _problems(tmp_path, text, "b.json")
    assert any(p.startswith(f"line {line}: key 'military_defence_only'") for p in probs), probs


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(AnswersError) as exc:
        load_answers(_write(tmp_path, "bad.yaml", "a: [1,\nb: 2\n"))
    assert exc.value.where.startswith(str(tmp_path / "bad.yaml") + ":")
    with pytest.raises(AnswersError):
        load_answers(_write(tmp_path, "bad.json", '{"a": }'))
    with pytest.raises(AnswersError, match="mapping"):
        load_answers(_write(tmp_path, "list.yaml", "- a\n- b\n"))


def test_cli_exit_2_lists_problems_and_writes_nothing(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.yaml", SC054 + "emotion_recognitoin: false\nworkplace_or_education: true\n")
    out = tmp_path / "result.json"
    r = subprocess.run([*AIC, "classify", "--answers", str(bad), "--format", "json", "--output", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert "emotion_recognitoin" in r.stderr and "workplace_or_education" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_cli_classifies_and_prohibited_is_loud_but_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    r = subprocess.run([*AIC, "classify", "--answers", str(HERE / "scenarios" / "SC-001.yaml"), "--as-of", "2026-11-26",
                        "--format", "json", "--output", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "PROHIBITED PRACTICE" in r.stderr
    doc = json.loads(out.read_text())
    assert doc["tier"] == "prohibited" and doc["triggering_provisions"][0]["id"] == "art5.1.f"
    # deterministic: same answers + same date -> byte-identical JSON
    r2 = subprocess.run([*AIC, "classify", "--answers", str(HERE / "scenarios" / "SC-001.yaml"), "--as-of",
                         "2026-11-26", "--format", "json"], capture_output=True, text=True)
    assert r2.stdout.encode() == out.read_bytes()


def test_cli_text_and_markdown(tmp_path: Path) -> None:
    r = subprocess.run([*AIC, "classify", "--answers", str(HERE / "scenarios" / "SC-017.yaml"), "--as-of", "2026-11-26"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "Tier: HIGH-RISK" in r.stdout and "annex3.5.b" in r.stdout
    r = subprocess.run([*AIC, "classify", "--answers", str(HERE / "scenarios" / "SC-017.yaml"), "--as-of", "2026-11-26",
                        "--format", "markdown"], capture_output=True, text=True)
    assert r.returncode == 0 and "| `art6.3` [profiling_override] |" in r.stdout


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    assert subprocess.run([*AIC, "classify"], capture_output=True).returncode == 2
    r = subprocess.run([*AIC, "classify", "--answers", str(HERE / "scenarios" / "SC-017.yaml"), "--as-of", "tomorrow"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--as-of" in r.stderr
    r = subprocess.run([*AIC, "classify", "--answers", str(tmp_path / "missing.yaml")], capture_output=True, text=True)
    assert r.returncode == 2 and "not found" in r.stderr


def test_placed_on_market_date_after_as_of_is_contradictory(tmp_path: Path) -> None:
    import datetime as dt

    from aiconform.engine.classify import classify

    a = load_answers(HERE / "scenarios" / "SC-055.yaml")
    with pytest.raises(AnswersError, match="evaluation date"):
        classify(a, dt.date(2026, 8, 1))


def test_schema_printed_and_matches_the_committed_file_and_accepts_every_scenario() -> None:
    import jsonschema

    r = subprocess.run([*AIC, "classify", "--schema"], capture_output=True, text=True)
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema == answers_schema()
    committed = Path(__file__).resolve().parents[2] / "engine" / "schemas" / "answers.schema.json"
    assert json.loads(committed.read_text()) == schema, "regenerate: aiconform classify --schema --output engine/schemas/answers.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    for f in sorted((HERE / "scenarios").glob("SC-*.yaml")):
        assert not list(v.iter_errors(yaml.safe_load(f.read_text()))), f
    assert list(v.iter_errors({"emotion_recognition": "maybe"}))
    assert list(v.iter_errors({"no_such_question": True}))


def test_questions_are_well_formed() -> None:
    qn = questionnaire()
    ids = [q.id for q in qn.questions]
    assert len(ids) == len(set(ids))
    order = {q: i for i, q in enumerate(ids)}

    def refs(cond):
        if "ref" in cond:
            yield from refs(qn.named[cond["ref"]])
        for k in ("all", "any"):
            for c in cond.get(k, ()):
                yield from refs(c)
        if "not" in cond:
            yield from refs(cond["not"])
        if "q" in cond:
            yield cond["q"]

    for q in qn.questions:
        assert q.text and q.section in dict(qn.sections)
        assert q.citation or not q.deciding, q.id      # every deciding question names its legal basis
        cond = qn.condition_of(q)
        for r in refs(cond or {}):
            assert r in order and order[r] < order[q.id], f"{q.id} depends on {r}, which is asked later"
        if q.type in ("choice", "multi_choice"):
            assert q.options, q.id
