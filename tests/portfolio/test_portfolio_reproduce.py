"""`aiconform reproduce` and `portfolio` on a real workspace: real collectors, real OPA, real ledger."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine.commands.reproduce import reproduce_run
from aiconform.engine.config import load_workspace
from aiconform.engine.demo import example_root
from aiconform.engine.ledger import Ledger, ledger_path
from aiconform.engine.pipeline import run_system

AS_OF = dt.date(2027, 12, 2)
DATA = Path(__file__).parent / "data"


def _system_yaml(sid: str, owner: str) -> str:
    return (f"  - id: {sid}\n    name: Credit model {sid}\n    owner: {owner}\n    answers: {sid}/answers.yaml\n"
            f"    sources:\n      - {{collector: documents, name: docs, path: {sid}/docs/}}\n"
            f"      - {{collector: documents, name: records, path: {sid}/records/}}\n")


def _workspace(root: Path, ids: list[str], policies: bool = False) -> Path:
    ex = example_root()
    text = "version: 1\n" + ("policies: [policies/]\n" if policies else "") + "systems:\n"
    for i, sid in enumerate(ids):
        (root / sid).mkdir(parents=True)
        shutil.copyfile(DATA / "answers-credit.yaml", root / sid / "answers.yaml")
        shutil.copytree(ex / "docs", root / sid / "docs")
        shutil.copytree(ex / "records", root / sid / "records")
        if i % 2:
            (root / sid / "records" / "risk_register.yaml").unlink()
        text += _system_yaml(sid, f"Team {i % 2}")
    (root / "aiconform.yaml").write_text(text)
    return root


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aiconform", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_reproduce_identical_then_explains_policy_and_evidence_changes(tmp_path):
    ws = load_workspace(_workspace(tmp_path, ["credit"]))
    report = run_system(ws, "credit", AS_OF)
    with Ledger.open(ledger_path(ws.root)) as led:
        rec = led.latest()["credit"]
    assert rec.as_of == "2027-12-02" and rec.policy_bundle_digest == report.versions.policy_bundle_digest

    same = reproduce_run(ws.root, rec.run_id)
    assert same.identical and same.new_digest == rec.results_digest and same.bundle_source == "kept copy"

    # policies change in the workspace: the kept copy of the recorded bundle still reproduces the run
    org = tmp_path / "policies" / "org" / "extra"
    org.mkdir(parents=True)
    (org / "extra.rego").write_text("package org.extra\n\nimport rego.v1\n\nthreshold := 3\n")
    text = (tmp_path / "aiconform.yaml").read_text().replace("version: 1\n", "version: 1\npolicies: [policies/]\n")
    (tmp_path / "aiconform.yaml").write_text(text)
    after_policy = reproduce_run(tmp_path, rec.run_id)
    assert after_policy.identical
    assert after_policy.current_bundle_digest != rec.policy_bundle_digest
    assert any("changed since this run" in n for n in after_policy.notes)

    # the evidence changes and is collected again: reproduce says which item and what it changed
    doc = tmp_path / "credit" / "docs" / "technical_documentation.md"
    doc.write_text(doc.read_text() + "\n## 9. Appendix\n\nAdded after the recorded run.\n")
    run_system(load_workspace(tmp_path), "credit", AS_OF, ledger=False)
    res = _cli("reproduce", rec.run_id[:10], "-w", str(tmp_path), "--json")
    assert res.returncode == 1, res.stderr
    out = json.loads(res.stdout)
    assert out["identical"] is False and out["recorded_results_digest"] == rec.results_digest
    ev = [d for d in out["differences"] if d["area"] == "evidence"]
    assert any("technical_documentation.md" in d["what"] for d in ev), out["differences"]
    assert not any(d["area"] == "policy_bundle" for d in out["differences"])


@pytest.mark.slow
def test_portfolio_command_end_to_end(tmp_path):
    root = _workspace(tmp_path, ["alpha", "beta", "gamma"])
    (root / "gamma" / "answers.yaml").write_text("answers: {no_such_question: true}\n")  # cannot be evaluated
    out = tmp_path / "out"
    res = _cli("portfolio", "-w", str(root), "--as-of", "2027-12-02", "--jobs", "2", "--out", str(out),
               "--format", "json,html,pdf")
    assert res.returncode == 2, res.stderr  # gamma could not be evaluated
    assert "could not evaluate gamma" in res.stderr
    pf = json.loads((out / "portfolio.json").read_text())
    rows = {r["id"]: r for r in pf["systems"]}
    assert rows["alpha"]["status"] == "blocking" and rows["alpha"]["tier"] == "high_risk"
    assert rows["gamma"]["status"] == "error" and "no_such_question" in rows["gamma"]["error"]
    assert "Art. 9" in pf["columns"] and rows["alpha"]["cells"]["Art. 9"] in ("pass", "fail", "warn", "manual")
    assert pf["blocking_items"] and {b["system"] for b in pf["blocking_items"]} <= {"alpha", "beta"}
    assert {o["owner"] for o in pf["owners"]} == {"Team 0", "Team 1"}
    assert (out / "portfolio.pdf").read_bytes().startswith(b"%PDF-")
    assert "AI system portfolio" in (out / "portfolio.html").read_text()
    # both evaluated systems landed in the ledger; their results digests match the portfolio's
    with Ledger.open(ledger_path(root)) as led:
        latest = led.latest()
        assert led.verify().ok
    assert sorted(latest) == ["alpha", "beta"]
    assert latest["alpha"].results_digest == rows["alpha"]["results_digest"]
    # same inputs, same date, offline -> byte-identical portfolio JSON
    first = (out / "portfolio.json").read_bytes()
    again = _cli("portfolio", "-w", str(root), "--as-of", "2027-12-02", "--jobs", "1", "--out", str(out),
                 "--format", "json", "--offline", "--system", "alpha", "--system", "beta")
    assert again.returncode == 1, again.stderr
    pf2 = json.loads((out / "portfolio.json").read_text())
    assert [r["id"] for r in pf2["systems"]] == ["alpha", "beta"]
    if pf2["policy_bundle_digests"] == pf["policy_bundle_digests"]:  # (the shared tree's policies may move)
        assert pf2["systems"] == [r for r in pf["systems"] if r["id"] != "gamma"]
    assert first != (out / "portfolio.json").read_bytes()  # gamma's row is gone


@pytest.mark.slow
def test_reproduce_the_demo_system_gives_an_identical_results_digest(tmp_path):
    """Issue 7's acceptance: the bundled demo (real MLflow registry, documents, logs) reproduces exactly."""
    from aiconform.engine.demo import DEMO_AS_OF, prepare_workspace

    root = prepare_workspace(tmp_path, force=True)
    run_system(load_workspace(root), "credit-scoring", dt.date.fromisoformat(DEMO_AS_OF))
    with Ledger.open(ledger_path(root)) as led:
        rec = led.latest()["credit-scoring"]
    res = _cli("reproduce", rec.run_id, "-w", str(root))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "IDENTICAL" in res.stdout and rec.results_digest in res.stdout
