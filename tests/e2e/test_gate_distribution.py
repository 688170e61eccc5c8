"""The composite GitHub Action (action.yml), the pre-commit hooks and the GitLab example run the same
command lines as these tests: each is parsed from its file and executed against a fixture workspace."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = "2028-03-01"
BIN = str(Path(sys.executable).parent)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def _ws(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / "repo"
    shutil.copytree(FIXTURES / name, dst)
    return dst


# ------------------------------------------------------------------------------------ GitHub Action

def _action() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _expr(value: str, inputs: dict[str, str], github: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        ctx, _, key = m.group(1).strip().partition(".")
        return {"inputs": inputs, "github": github}[ctx][key]
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", sub, value)


def _run_gate_step(workspace: Path, tmp_path: Path, **overrides: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    action = _action()
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update(overrides)
    github = {"workspace": str(workspace), "action_path": str(ROOT)}
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "gate")
    assert step["shell"] == "bash"
    env = {k: _expr(str(v), inputs, github) for k, v in step.get("env", {}).items()}
    gh_out = tmp_path / "github_output"
    summary = tmp_path / "step_summary.md"
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=_expr(step["working-directory"], inputs, github),
                          env=_env(**env, GITHUB_OUTPUT=str(gh_out), GITHUB_STEP_SUMMARY=str(summary)),
                          capture_output=True, text=True, timeout=300)
    return proc, gh_out


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    ids = [s.get("id") for s in action["runs"]["steps"]]
    assert "install" in ids and "gate" in ids
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.gate.outputs.exit-code }}"
    upload = next(s for s in action["runs"]["steps"] if "upload-sarif" in str(s.get("uses", "")))
    assert upload["if"].startswith("${{ always()")  # the SARIF is uploaded even when the gate fails
    install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")["run"]
    assert "requirements-engine.txt" in install and "--require-hashes" in install and "constraints.txt" in install
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for name in action["inputs"]:
        assert f"`{name}`" in docs, f"input {name} is not documented in docs/ci.md"


def test_action_gate_step_fails_on_blocking_findings_and_writes_sarif(tmp_path: Path) -> None:
    ws = _ws("gate-credit", tmp_path)
    proc, gh_out = _run_gate_step(ws, tmp_path, **{"as-of": AS_OF, "junit": "aiconform-junit.xml"})
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "exit-code=1" in gh_out.read_text()
    assert any(line.startswith("::error ") for line in proc.stdout.splitlines())
    sarif = json.loads((ws / "aiconform.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert (ws / "aiconform-junit.xml").exists()
    assert "FAILED" in (tmp_path / "step_summary.md").read_text()


def test_action_gate_step_no_fail_and_extra_args(tmp_path: Path) -> None:
    ws = _ws("gate-credit", tmp_path)
    proc, gh_out = _run_gate_step(ws, tmp_path, **{"as-of": AS_OF, "no-fail": "true", "sarif": "",
                                                   "json": "out/results.json", "args": "--fail-on warn"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "exit-code=0" in gh_out.read_text()
    assert not (ws / "aiconform.sarif").exists()
    assert json.loads((ws / "out" / "results.json").read_text())["system"]["id"] == "credit-lite"


def test_action_gate_step_could_not_evaluate_is_2_even_with_no_fail(tmp_path: Path) -> None:
    ws = _ws("gate-minimal", tmp_path)
    (ws / "aiconform.yaml").write_text("version: 1\nsystems: [\n")
    proc, gh_out = _run_gate_step(ws, tmp_path, **{"as-of": AS_OF, "no-fail": "true"})
    assert proc.returncode == 2, proc.stderr
    assert "exit-code=2" in gh_out.read_text()


# ------------------------------------------------------------------------------------- pre-commit

def _hooks() -> list[dict]:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _hook_cmd(hook: dict) -> list[str]:  # type: ignore[type-arg]
    # pre-commit runs: shlex.split(entry) + args (+ filenames, none here: pass_filenames is false)
    assert hook["pass_filenames"] is False and hook["language"] == "system"
    return shlex.split(hook["entry"]) + list(hook.get("args", []))


def test_pre_commit_hooks_are_well_formed() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["aiconform-gate", "aiconform-gate-offline"]
    for h in hooks:
        assert {"id", "name", "entry", "language"} <= set(h)
        assert _hook_cmd(h)[:2] == ["aiconform", "gate"]
    files = re.compile(hooks[0]["files"])
    assert files.search("aiconform.yaml") and files.search("docs/technical_documentation.md")
    assert not files.search("src/app.py")


@pytest.mark.parametrize(("fixture", "expected"), [("gate-credit", 1), ("gate-minimal", 0)])
def test_pre_commit_gate_hook(tmp_path: Path, fixture: str, expected: int) -> None:
    ws = _ws(fixture, tmp_path)
    hook = _hooks()[0]
    proc = subprocess.run([*_hook_cmd(hook), "--as-of", AS_OF], cwd=ws, env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == expected, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "exit " in proc.stdout  # the table's verdict line


def test_pre_commit_offline_hook_after_collect(tmp_path: Path) -> None:
    ws = _ws("gate-credit", tmp_path)
    first = subprocess.run(["aiconform", "gate", "--as-of", AS_OF, "--no-fail"], cwd=ws, env=_env(),
                           capture_output=True, text=True, timeout=300)  # fills the evidence store
    assert first.returncode == 0, first.stderr
    proc = subprocess.run([*_hook_cmd(_hooks()[1]), "--as-of", AS_OF], cwd=ws, env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]


# ----------------------------------------------------------------------------------- GitLab example

def test_gitlab_example_script_runs(tmp_path: Path) -> None:
    """The `script:` of the GitLab CI example in docs/ci.md, run as GitLab would (in the repo root)."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = text.split("## GitLab CI", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    job = yaml.safe_load(block)["aiconform"]
    assert job["artifacts"]["reports"]["junit"] == "aiconform-junit.xml"
    ws = _ws("gate-credit", tmp_path)
    for line in job["script"]:
        proc = subprocess.run(["bash", "-c", f"{line} --as-of {AS_OF}"], cwd=ws, env=_env(), capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 1, proc.stderr[-3000:]
    assert (ws / "aiconform-junit.xml").exists() and (ws / "aiconform-results.json").exists()
