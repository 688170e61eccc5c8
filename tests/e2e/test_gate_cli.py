"""End-to-end: `aiconform gate` / `check` / `diff` as fresh processes on fixture workspaces.

Exit codes 0, 1 and 2 are asserted on real evaluations (real classification, collectors and the
embedded OPA engine). Fixtures live in tests/e2e/fixtures/gate-*; each test works on a copy, since a
run writes the evidence store and the ledger into the workspace.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import xmlschema

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SCHEMAS = HERE.parent / "outputs" / "schemas"
AS_OF = "2028-03-01"  # Annex III high-risk obligations apply (Art 113 as amended)


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("aiconform")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from aiconform.engine.cli import main; sys.exit(main())"]


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    full_env.update(env or {})
    return subprocess.run([*_cli(), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=full_env)


def copy_fixture(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copytree(FIXTURES / name, dst)
    return dst


def explain(p: subprocess.CompletedProcess[str]) -> str:
    return f"exit {p.returncode}\n--- stdout\n{p.stdout[-4000:]}\n--- stderr\n{p.stderr[-4000:]}"


# --------------------------------------------------------------------------------------- exit 1 / 0


def test_blocking_findings_exit_1_with_every_output(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    out = tmp_path / "out"
    summary = tmp_path / "step-summary.md"
    p = run(["gate", "--as-of", AS_OF, "--output", f"sarif={out}/a.sarif", "--output", f"junit={out}/a.xml",
             "--output", f"json={out}/a.json", "--output", f"oscal={out}/a.oscal.json",
             "--output", f"markdown={out}/a.md", "--output", "github"],
            cwd=ws, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert p.returncode == 1, explain(p)
    assert "blocking (deny) findings failed" in p.stderr
    results = json.loads((out / "a.json").read_text())
    assert results["system"]["id"] == "credit-lite" and results["classification"]["tier"] == "high_risk"
    assert results["summary"]["blocking"] >= 1
    # SARIF: schema-valid, located relative to the workspace (the current folder)
    sarif = json.loads((out / "a.sarif").read_text())
    jsonschema.Draft4Validator(json.loads((SCHEMAS / "sarif-2.1.0.json").read_text())).validate(sarif)
    res = sarif["runs"][0]["results"]
    assert res and all(not r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
                       for r in res)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
    assert uris & {"aiconform.yaml", "docs/technical_documentation.md", "records/risk_register.yaml"}, uris
    # JUnit: XSD-valid; as many test cases as findings
    xml = (out / "a.xml").read_text()
    xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd")).validate(xml)
    assert xml.count("<testcase ") == len(results["findings"])
    # OSCAL through trestle's models
    from trestle.oscal.assessment_results import Model

    Model.model_validate_json((out / "a.oscal.json").read_bytes())
    # GitHub: annotations on stdout, the summary appended
    assert any(line.startswith("::error ") for line in p.stdout.splitlines()), p.stdout[:2000]
    assert "— FAILED" in summary.read_text()
    assert "— FAILED" in (out / "a.md").read_text()


def test_no_fail_reports_without_failing(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    p = run(["gate", "--as-of", AS_OF, "--no-fail"], cwd=ws)
    assert p.returncode == 0, explain(p)
    assert "--no-fail" in p.stderr
    assert "FAIL" in p.stdout  # the table still shows the failures


def test_minimal_risk_system_passes(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    p = run(["gate", "--as-of", AS_OF, "--output", f"json={tmp_path}/r.json", "--output", f"junit={tmp_path}/r.xml"],
            cwd=ws)
    assert p.returncode == 0, explain(p)
    r = json.loads((tmp_path / "r.json").read_text())
    assert r["classification"]["tier"] == "minimal"
    statuses = {f["status"] for f in r["findings"]}
    assert "pass" in statuses, "a pass must rest on evaluated requirements, not on an empty run"
    assert statuses <= {"pass", "waived", "not_applicable", "not_yet_applicable"}, statuses
    # the fixture's waivers (Art 4 literacy gaps) are reported, never silently dropped
    assert {w["rule_id"] for w in r["waivers"]} == {"AIACT-4-1", "AIACT-4-2"}
    assert "failures=\"0\"" in (tmp_path / "r.xml").read_text()


def test_an_expired_waiver_stops_waiving(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    w = ws / "systems" / "forecast" / "waivers.yaml"
    w.write_text(w.read_text().replace('"2030-12-31"', '"2028-01-31"'))
    p = run(["gate", "--as-of", AS_OF, "--output", f"json={tmp_path}/r.json"], cwd=ws)
    r = json.loads((tmp_path / "r.json").read_text())
    art4 = [f for f in r["findings"] if f["rule_id"].startswith("AIACT-4-")]
    assert art4 and all(f["status"] != "waived" for f in art4), art4  # the expired waivers waive nothing
    assert any(f["status"] == "fail" for f in art4), art4  # the literacy gap is open again ...
    blocking = any(f["status"] == "fail" and f["severity"] == "deny" for f in r["findings"])
    assert p.returncode == (1 if blocking else 0), explain(p)  # ... and fails the gate if it is blocking


def test_before_any_obligation_applies_the_gate_passes(tmp_path: Path) -> None:
    import yaml

    ws = copy_fixture("gate-credit", tmp_path)
    ans = ws / "systems" / "credit-lite" / "answers.yaml"
    answers = yaml.safe_load(ans.read_text())
    for k in ("placed_on_market_date", "significant_design_change", "intended_for_public_authorities"):
        answers.pop(k)
    answers.update(placed_on_market=False, intends_to_place_on_market=True, real_world_testing=False)
    ans.write_text(yaml.safe_dump(answers))
    p = run(["gate", "--as-of", "2024-09-01", "--output", f"json={tmp_path}/r.json"], cwd=ws)
    assert p.returncode == 0, explain(p)
    statuses = {f["status"] for f in json.loads((tmp_path / "r.json").read_text())["findings"]}
    assert statuses <= {"not_applicable", "not_yet_applicable", "pass"}, statuses


def test_json_results_are_byte_identical_across_runs(tmp_path: Path) -> None:
    """Same evidence, same date: same bytes. A run that reads the sources stamps collected_at; re-runs on
    the stored evidence (--offline) reproduce its results byte for byte."""
    ws = copy_fixture("gate-credit", tmp_path)
    runs = [run(["gate", "--as-of", AS_OF, "--no-fail", "--output", f"json={tmp_path}/{n}.json", *extra], cwd=ws)
            for n, extra in (("a", []), ("b", ["--offline"]), ("c", ["--offline"]))]
    assert all(p.returncode == 0 for p in runs), "".join(explain(p) for p in runs)
    a, b, c = ((tmp_path / f"{n}.json").read_bytes() for n in "abc")
    assert a == b == c


def test_check_is_the_same_evaluation_for_people(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    g = run(["gate", "--as-of", AS_OF, "--output", f"json={tmp_path}/g.json"], cwd=ws)
    p = run(["check", "--as-of", AS_OF, "--offline", "--output", f"json={tmp_path}/c.json"], cwd=ws)
    assert p.returncode == g.returncode == 1, explain(p) + explain(g)
    assert "citation" in p.stdout and "exit 1" in p.stdout  # the table, then its verdict
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "g.json").read_bytes()


# ------------------------------------------------------------------------------------ baseline/diff


def test_baseline_fails_only_on_new_findings_and_diff_lists_them(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    base = tmp_path / "baseline.json"
    p = run(["gate", "--as-of", AS_OF, "--no-fail", "--output", f"json={base}"], cwd=ws)
    assert p.returncode == 0, explain(p)
    p = run(["gate", "--as-of", AS_OF, "--baseline", str(base)], cwd=ws)
    assert p.returncode == 0, explain(p)  # nothing new
    # remove a piece of evidence: requirements that passed or were open on it change
    (ws / "docs" / "technical_documentation.md").unlink()
    new = tmp_path / "new.json"
    p = run(["gate", "--as-of", AS_OF, "--baseline", str(base), "--output", f"json={new}"], cwd=ws)
    d = run(["diff", str(base), str(new), "--format", "json"], cwd=ws)
    assert d.returncode == 0, explain(d)
    diff = json.loads(d.stdout)
    assert set(diff) >= {"new", "fixed", "unchanged"}
    if diff["new"]:
        assert p.returncode == 1, explain(p)
        dn = run(["diff", str(base), str(new), "--fail-on-new"], cwd=ws)
        assert dn.returncode == 1 and "new:" in dn.stdout, explain(dn)
    else:  # the pack judged nothing on that file: the gate must still pass on the baseline
        assert p.returncode == 0, explain(p)
    assert diff["unchanged"], "the known open findings are still there"


def test_diff_of_a_file_with_itself(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    r = tmp_path / "r.json"
    assert run(["gate", "--as-of", AS_OF, "--no-fail", "--output", f"json={r}"], cwd=ws).returncode == 0
    d = run(["diff", str(r), str(r), "--fail-on-new"], cwd=ws)
    assert d.returncode == 0 and "0 new, 0 fixed" in d.stdout, explain(d)


# ------------------------------------------------------------------------------------------- exit 2


def test_configured_policies_folder_missing_is_2_not_0(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    cfg = ws / "aiconform.yaml"
    cfg.write_text(cfg.read_text().replace("engine: {kind: embedded}\n",
                                           "engine: {kind: embedded}\npolicies: [org-policies/]\n"))
    p = run(["gate", "--as-of", AS_OF, "--no-fail"], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert "org-policies" in p.stderr and "Traceback" not in p.stderr


def test_malformed_workspace_yaml_is_2_with_file_and_line(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    cfg = ws / "aiconform.yaml"
    lines = cfg.read_text().splitlines()
    idx = next(i for i, line in enumerate(lines) if line.startswith("systems:"))
    lines.insert(idx + 1, "  - id: [unclosed")
    cfg.write_text("\n".join(lines) + "\n")
    p = run(["gate", "--as-of", AS_OF], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert f"aiconform.yaml:{idx + 2}" in p.stderr or f"aiconform.yaml:{idx + 3}" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr


def test_unknown_key_in_workspace_yaml_is_2_naming_key_and_line(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    cfg = ws / "aiconform.yaml"
    cfg.write_text(cfg.read_text().replace("evidence_validity_days: 3650", "evidence_validity_dayz: 3650"))
    p = run(["gate", "--as-of", AS_OF], cwd=ws)
    assert p.returncode == 2, explain(p)
    line = next(i for i, t in enumerate(cfg.read_text().splitlines(), 1) if t.startswith("evidence_validity_dayz"))
    assert f"aiconform.yaml:{line}" in p.stderr and "evidence_validity_dayz" in p.stderr, p.stderr


def test_policy_syntax_error_is_2_with_file_and_line(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    (ws / "org-policies").mkdir()
    (ws / "org-policies" / "broken.rego").write_text("package org.broken\n\nimport rego.v1\n\ndeny contains x if {\n"
                                                     "  x := \n}\n")
    cfg = ws / "aiconform.yaml"
    cfg.write_text(cfg.read_text().replace("engine: {kind: embedded}\n",
                                           "engine: {kind: embedded}\npolicies: [org-policies/]\n"))
    p = run(["gate", "--as-of", AS_OF, "--no-fail"], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert "broken.rego:" in p.stderr and "Traceback" not in p.stderr


def test_missing_answers_file_is_2(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    (ws / "systems" / "forecast" / "answers.yaml").unlink()
    p = run(["gate", "--as-of", AS_OF], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert "answers.yaml" in p.stderr


def test_invalid_answers_are_2(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    ans = ws / "systems" / "forecast" / "answers.yaml"
    ans.write_text(ans.read_text() + "no_such_question: true\n")
    p = run(["gate", "--as-of", AS_OF, "--no-fail"], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert "no_such_question" in p.stderr


def test_stale_evidence_stops_the_gate_but_not_check(tmp_path: Path) -> None:
    ws = copy_fixture("gate-credit", tmp_path)
    cfg = ws / "aiconform.yaml"
    cfg.write_text(cfg.read_text().replace("evidence_validity_days: 3650", "evidence_validity_days: 1"))
    late = "2040-01-01"  # evidence collected now is valid for one day; on this date it is stale
    p = run(["gate", "--as-of", late, "--no-fail"], cwd=ws)
    assert p.returncode == 2, explain(p)
    assert "valid-until" in p.stderr or "stale" in p.stderr.lower(), p.stderr
    c = run(["check", "--as-of", late], cwd=ws)
    assert c.returncode in (0, 1), explain(c)  # stale counts as absent: evaluated


def test_usage_errors_are_2(tmp_path: Path) -> None:
    ws = copy_fixture("gate-minimal", tmp_path)
    for args, needle in [
        (["gate", "--output", "pdf=x.pdf"], "unknown output format"),
        (["gate", "--baseline", str(tmp_path / "nope.json")], "baseline file not found"),
        (["gate", "--as-of", "31/12/2027"], "not a date"),
        (["gate", "--fail-on", "info"], "info"),
        (["gate", "--system", "ghost"], "ghost"),
        (["gate", "--workspace", str(tmp_path / "no-such-dir")], "no workspace configuration"),
    ]:
        p = run(args, cwd=ws)
        assert p.returncode == 2, (args, explain(p))
        assert needle in p.stderr, (args, p.stderr)
        assert not (ws / "x.pdf").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.opa_server
@pytest.mark.skipif(shutil.which("opa") is None, reason="needs an `opa` binary on PATH for --engine opa-server")
def test_gate_on_an_opa_server_agrees_with_the_embedded_engine(tmp_path: Path) -> None:
    import time
    import urllib.request

    ws = copy_fixture("gate-credit", tmp_path)
    a = run(["gate", "--as-of", AS_OF, "--no-fail", "--output", f"json={tmp_path}/a.json"], cwd=ws)
    assert a.returncode == 0, explain(a)
    port = _free_port()
    server = subprocess.Popen([shutil.which("opa") or "opa", "run", "--server", "--addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        cfg = ws / "aiconform.yaml"
        cfg.write_text(cfg.read_text().replace("engine: {kind: embedded}",
                                               f"engine: {{kind: opa-server, url: 'http://127.0.0.1:{port}'}}"))
        b = run(["gate", "--as-of", AS_OF, "--no-fail", "--output", f"json={tmp_path}/b.json"], cwd=ws)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert b.returncode == 0, explain(b)
    ra, rb = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert rb["versions"]["engine"] == "opa-server"
    assert [(f["rule_id"], f["subjects"], f["status"]) for f in ra["findings"]] == \
        [(f["rule_id"], f["subjects"], f["status"]) for f in rb["findings"]]


def test_gate_does_not_import_networkx_and_evidence_graph_exports_it(tmp_path: Path) -> None:
    """The gate builds the policies' graph in plain Python (networkx costs 0.15-0.3 s to import);
    `aiconform evidence graph` exports the same graph as JSON and, through networkx, as GraphML."""
    import networkx as nx

    ws = copy_fixture("gate-credit", tmp_path)
    code = ("import sys; from aiconform.engine.cli import main\n"
            "try:\n    main(['gate', '--as-of', '" + AS_OF + "'])\n"
            "except SystemExit as e:\n    print('EXIT', e.code, 'networkx' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], cwd=ws, capture_output=True, text=True, timeout=300)
    assert "EXIT 1 False" in p.stdout, explain(p)
    j = run(["evidence", "graph"], cwd=ws)
    assert j.returncode == 0, explain(j)
    graph = json.loads(j.stdout)
    assert any(n["type"] == "system" for n in graph["nodes"]) and graph["edges"]
    ml = run(["evidence", "graph", "--format", "graphml", "--output", str(tmp_path / "g.graphml")], cwd=ws)
    assert ml.returncode == 0, explain(ml)
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert sorted(g.nodes) == [n["id"] for n in graph["nodes"]]
    assert sorted((u, v, d["type"]) for u, v, d in g.edges(data=True)) == [
        (e["from"], e["to"], e["type"]) for e in graph["edges"]]
    missing = run(["evidence", "graph", "--system", "nope"], cwd=ws)
    assert missing.returncode == 2 and "nope" in missing.stderr and "Traceback" not in missing.stderr
