"""The collect, evidence and init commands, driven through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from aiconform.engine.commands.init import EXAMPLE
from aiconform.engine.config import Workspace


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "aiconform.engine", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


def test_init_writes_a_valid_example_and_refuses_to_overwrite(tmp_path):
    r = _run("init", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "aiconform.yaml").read_text()
    assert text == EXAMPLE
    Workspace.model_validate(yaml.safe_load(text))
    r = _run("init", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "already exists" in r.stderr


def test_collect_and_evidence_commands(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "fria.md").write_text("# FRIA\n\n## Art 27(1)(a) Processes\n\ntext\n")
    (tmp_path / "aiconform.yaml").write_text(yaml.safe_dump(
        {"systems": [{"id": "s1", "sources": [{"collector": "documents", "path": "docs"}]}]}))
    r = _run("collect", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "documents" in r.stdout and "s1: 3 items, 1 new blobs" in r.stdout
    r = _run("evidence", "list", "--workspace", str(tmp_path), "--json", cwd=tmp_path)
    rows = json.loads(r.stdout)
    assert {x["kind"] for x in rows} == {"fria", "fria.section"}
    sha = rows[0]["sha256"]
    r = _run("evidence", "show", sha[:10], "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["sha256"] == sha and doc["source_uris"] == ["docs/fria.md"] and len(doc["items"]) == 3
    r = _run("evidence", "show", sha[:10], "--raw", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.stdout.startswith("# FRIA")
    r = _run("collect", "--workspace", str(tmp_path), "--offline", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = _run("evidence", "show", "abcd", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "no evidence with sha256 abcd" in r.stderr


def test_collect_errors_exit_2_and_name_the_path(tmp_path):
    (tmp_path / "aiconform.yaml").write_text(yaml.safe_dump(
        {"systems": [{"id": "s1", "sources": [{"collector": "documents", "path": "missing"},
                                               {"collector": "logs", "path": "../../etc"}]}]}))
    r = _run("collect", "--workspace", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2
    assert "missing" in r.stderr and "leaves the workspace folder" in r.stderr
    assert "Traceback" not in r.stderr


def test_help_does_not_import_mlflow(tmp_path):
    code = ("import sys; from aiconform.engine.cli import main\n"
            "try:\n    main(['collect', '--help'])\nexcept SystemExit:\n    pass\n"
            "assert 'mlflow' not in sys.modules, 'mlflow imported'\nprint('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and "ok" in r.stdout, r.stderr
