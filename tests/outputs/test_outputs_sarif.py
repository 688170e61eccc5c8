"""SARIF 2.1.0: schema-valid, GitHub code scanning's constraints, locations, fingerprints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from aiconform.engine.baseline import finding_key
from aiconform.engine.outputs import OutputContext, render
from aiconform.engine.outputs.sarif import FINGERPRINT_KEY
from outputs_factory import SCHEMAS, build_rich_report, report

SCHEMA = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def _validate(doc: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _sarif(tmp_path: Path, **ctx_kw):  # type: ignore[no-untyped-def]
    r, ws = build_rich_report(tmp_path)
    ctx = OutputContext(workspace_root=ws, source_root=ws.parent, **ctx_kw)
    return r, ws, json.loads(render("sarif", r, ctx))


def test_vendored_schema_is_the_sarif_2_1_0_schema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    jsonschema.Draft4Validator.check_schema(SCHEMA)


def test_sarif_is_valid_against_the_schema(tmp_path: Path) -> None:
    _, _, doc = _sarif(tmp_path)
    _validate(doc)


def test_schema_validation_catches_a_broken_log(tmp_path: Path) -> None:
    _, _, doc = _sarif(tmp_path)
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        _validate(doc)


def test_one_rule_per_requirement_with_help_and_citation(tmp_path: Path) -> None:
    r, _, doc = _sarif(tmp_path)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == sorted({f.rule_id for f in r.findings})
    by_id = {x["id"]: x for x in rules}
    art9 = by_id["AIACT-9-2-a"]
    assert "Art. 9(2)(a)" in art9["help"]["text"] and "Remediation:" in art9["help"]["text"]
    assert "Regulation (EU) 2024/1689" in art9["help"]["text"]
    assert art9["properties"]["citation"] == "Art. 9(2)(a)"
    assert art9["helpUri"].startswith("https://eur-lex.europa.eu/")
    assert art9["defaultConfiguration"]["level"] == "error"
    assert by_id["AIACT-12-1"]["defaultConfiguration"]["level"] == "warning"
    assert art9["name"] == "RisksToHealthSafetyAndFundamentalRightsAreIdentified"


def test_results_only_for_findings_that_need_attention(tmp_path: Path) -> None:
    _, _, doc = _sarif(tmp_path)
    results = doc["runs"][0]["results"]
    by_rule = {x["ruleId"]: x for x in results}
    assert set(by_rule) == {"AIACT-9-2-a", "AIACT-12-1", "AIACT-15-3", "AIACT-17-1-a", "AIACT-13-3-b", "AIACT-4-1"}
    assert by_rule["AIACT-9-2-a"]["level"] == "error"
    assert by_rule["AIACT-12-1"]["level"] == "warning"
    assert by_rule["AIACT-4-1"]["level"] == "note"
    assert by_rule["AIACT-15-3"]["message"]["text"].startswith("Could not be evaluated")
    assert by_rule["AIACT-17-1-a"]["message"]["text"].startswith("Awaiting a manual attestation")
    sup = by_rule["AIACT-13-3-b"]["suppressions"][0]
    assert sup["kind"] == "external" and "jane.doe" in sup["justification"] and "2028-01-31" in sup["justification"]
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False  # one rule errored


def test_github_code_scanning_constraints(tmp_path: Path) -> None:
    _, _, doc = _sarif(tmp_path)
    assert doc["version"] == "2.1.0" and doc["$schema"]
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"]
    assert run["automationDetails"]["id"].endswith("/")  # a category for several systems
    rule_ids = [x["id"] for x in run["tool"]["driver"]["rules"]]
    for res in run["results"]:
        assert res["ruleId"] in rule_ids and rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"].strip()
        assert 1 <= len(res["locations"]) <= 1000
        for loc in res["locations"]:
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert "://" not in uri and not uri.startswith("/"), uri  # relative to the repository root
            assert loc["physicalLocation"]["region"]["startLine"] >= 1
        assert set(res["partialFingerprints"]) == {FINGERPRINT_KEY}
    assert len(run["results"]) <= 25000


def test_results_are_located_in_the_evidence_file_and_line(tmp_path: Path) -> None:
    _, _, doc = _sarif(tmp_path)
    by_rule = {x["ruleId"]: x for x in doc["runs"][0]["results"]}
    loc = by_rule["AIACT-9-2-a"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "ws/docs/risk%20register.yaml"  # file:// URI, percent-encoded
    assert loc["region"]["startLine"] == 2
    log = by_rule["AIACT-12-1"]["locations"][0]["physicalLocation"]
    assert log["artifactLocation"]["uri"] == "ws/logs/inference.jsonl"  # workspace-relative path
    assert log["region"]["startLine"] == 1
    # evidence outside any file (MLflow) and no evidence at all: the system's configuration
    for rid in ("AIACT-15-3", "AIACT-17-1-a"):
        ploc = by_rule[rid]["locations"][0]
        assert ploc["physicalLocation"]["artifactLocation"]["uri"] == "aiconform.yaml"
        assert "configuration" in ploc["message"]["text"]


def test_rule_locations_win_over_evidence_and_fallback_is_configurable(tmp_path: Path, make_finding) -> None:  # type: ignore[no-untyped-def]
    ws = tmp_path / "repo" / "ai"
    f = make_finding(status="fail", locations=({"uri": "docs/ifu.md", "line": 40},), evidence=())
    g = make_finding(rule_id="AIACT-10-2", status="fail", evidence=())
    r = report([f, g])
    ctx = OutputContext(workspace_root=ws, source_root=tmp_path / "repo", fallback=("ai/aiconform.yaml", 5))
    doc = json.loads(render("sarif", r, ctx))
    locs = {x["ruleId"]: x["locations"][0]["physicalLocation"] for x in doc["runs"][0]["results"]}
    assert locs["AIACT-9-2-a"]["artifactLocation"]["uri"] == "ai/docs/ifu.md"
    assert locs["AIACT-9-2-a"]["region"]["startLine"] == 40
    assert locs["AIACT-10-2"]["artifactLocation"]["uri"] == "ai/aiconform.yaml"
    assert locs["AIACT-10-2"]["region"]["startLine"] == 5


def test_paths_outside_the_source_root_are_not_leaked(tmp_path: Path, make_finding) -> None:  # type: ignore[no-untyped-def]
    f = make_finding(status="fail", locations=({"uri": "file:///etc/passwd", "line": 1},
                                                 {"uri": "../../outside.md", "line": 2}))
    doc = json.loads(render("sarif", report([f]), OutputContext(workspace_root=tmp_path, source_root=tmp_path)))
    uris = [x["physicalLocation"]["artifactLocation"]["uri"] for x in doc["runs"][0]["results"][0]["locations"]]
    assert uris == ["aiconform.yaml"]


def test_fingerprints_are_stable_over_messages_and_distinct_per_subject(make_finding) -> None:  # type: ignore[no-untyped-def]
    a = make_finding(subjects=("model:a", "dataset:b"), message="one wording")
    b = make_finding(subjects=("dataset:b", "model:a"), message="another wording", evidence=("f" * 64,))
    c = make_finding(subjects=("model:c",))
    fp = [json.loads(render("sarif", report([x])))["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY]
          for x in (a, b, c)]
    assert fp[0] == fp[1] != fp[2]
    assert finding_key(a.rule_id, a.subjects) == finding_key(b.rule_id, b.subjects)


def test_baseline_state_marks_new_and_unchanged(tmp_path: Path) -> None:
    known = frozenset({finding_key("AIACT-9-2-a", ["doc:risk"])})
    _, _, doc = _sarif(tmp_path, baseline=known)
    states = {x["ruleId"]: x["baselineState"] for x in doc["runs"][0]["results"]}
    assert states["AIACT-9-2-a"] == "unchanged" and states["AIACT-12-1"] == "new"
    _validate(doc)


def test_sarif_is_deterministic(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    ctx = OutputContext(workspace_root=ws, source_root=ws.parent)
    assert render("sarif", r, ctx) == render("sarif", r, ctx)


def test_empty_report_is_still_valid_sarif() -> None:
    doc = json.loads(render("sarif", report([])))
    _validate(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []


def _multitool() -> str | None:
    return os.environ.get("SARIF_MULTITOOL") or shutil.which("Sarif.Multitool") or shutil.which("sarif")


@pytest.mark.skipif(_multitool() is None, reason="Microsoft SARIF Multitool not installed (npm "
                    "@microsoft/sarif-multitool-linux; set SARIF_MULTITOOL to its Sarif.Multitool binary)")
def test_microsoft_multitool_validates_with_github_rules(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    src = tmp_path / "out.sarif"
    src.write_bytes(render("sarif", r, OutputContext(workspace_root=ws, source_root=ws.parent)))
    out = tmp_path / "validation.sarif"
    proc = subprocess.run([_multitool(), "validate", str(src), "--output", str(out), "--log", "ForceOverwrite",
                           "--rule-kind", "Gh;Sarif", "--level", "Error;Warning"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = json.loads(out.read_text())["runs"][0]["results"]
    problems = [(x["ruleId"], x["level"]) for x in found
                if x["ruleId"].startswith("GH") or x.get("level") == "error"]
    assert not problems, problems
