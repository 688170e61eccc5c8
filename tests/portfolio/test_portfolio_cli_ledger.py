"""`aiconform ledger verify` / `history` / `catalog` through the real CLI entry point (exit codes 0, 1, 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine.ledger import append_run, ledger_path
from aiconform.engine.models import Status, Tier


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aiconform", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def _workspace(tmp_path: Path) -> Path:
    (tmp_path / "aiconform.yaml").write_text(
        "version: 1\nsystems:\n"
        "  - {id: credit, name: Credit scoring, owner: Risk Team <risk@example.org>, provider: Bank, version: '1.2'}\n"
        "  - {id: chatbot, name: Support chatbot, owner: CX Team, provider: Bank}\n"
        "  - {id: hiring, name: CV screening, owner: '=HYPERLINK(\"http://x\")', provider: HR}\n")
    return tmp_path


@pytest.fixture
def ws(tmp_path, make_report):
    root = _workspace(tmp_path)
    append_run(root, make_report("credit", as_of=dt.date(2027, 6, 1), owner="Risk Team <risk@example.org>"))
    append_run(root, make_report("credit", as_of=dt.date(2027, 12, 2), status=Status.passed,
                                 owner="Risk Team <risk@example.org>"))
    append_run(root, make_report("chatbot", tier=Tier.transparency, as_of=dt.date(2027, 12, 2), owner="CX Team"))
    return root


def test_ledger_verify_exit_codes(ws):
    ok = _cli("ledger", "verify", "-w", str(ws))
    assert ok.returncode == 0, ok.stderr
    assert "ledger intact: 3 record(s)" in ok.stdout
    conn = sqlite3.connect(ledger_path(ws))
    run2 = conn.execute("SELECT run_id FROM records WHERE seq = 2").fetchone()[0]
    conn.execute("UPDATE records SET as_of = '2027-01-01' WHERE seq = 2")
    conn.commit()
    conn.close()
    bad = _cli("ledger", "verify", "-w", str(ws))
    assert bad.returncode == 1
    assert "[edited] seq 2, run " + run2 in bad.stdout
    js = _cli("ledger", "verify", "-w", str(ws), "--json")
    assert js.returncode == 1 and json.loads(js.stdout)["problems"][0]["run_id"] == run2


def test_ledger_verify_truncated_and_deleted_exit_1(ws):
    conn = sqlite3.connect(ledger_path(ws))
    conn.execute("DELETE FROM records WHERE seq = 3")
    conn.commit()
    conn.close()
    res = _cli("ledger", "verify", "-w", str(ws))
    assert res.returncode == 1 and "[truncated] seq 3" in res.stdout


def test_ledger_verify_corrupt_file_exit_2(ws):
    path = ledger_path(ws)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    path.write_bytes(os.urandom(4096))
    res = _cli("ledger", "verify", "-w", str(ws))
    assert res.returncode == 2
    assert "not a readable aiconform ledger" in res.stderr and "Traceback" not in res.stderr
    assert str(path) in res.stderr


def test_history_lists_runs_and_unknown_system_is_exit_2(ws):
    res = _cli("history", "credit", "-w", str(ws), "--json")
    assert res.returncode == 0, res.stderr
    runs = json.loads(res.stdout)
    assert [r["as_of"] for r in runs] == ["2027-06-01", "2027-12-02"]
    assert [r["status"] for r in runs] == ["blocking", "pass"]
    table = _cli("history", "credit", "-w", str(ws))
    assert runs[0]["run_id"] in table.stdout
    missing = _cli("history", "nope", "-w", str(ws))
    assert missing.returncode == 2 and "no runs of system 'nope'" in missing.stderr


def test_catalog_list_filters_and_exports(ws, tmp_path):
    res = _cli("catalog", "list", "-w", str(ws), "--format", "json")
    assert res.returncode == 0, res.stderr
    systems = {s["id"]: s for s in json.loads(res.stdout)["systems"]}
    assert systems["credit"]["status"] == "pass" and systems["credit"]["runs"] == 2
    assert systems["credit"]["last_as_of"] == "2027-12-02" and systems["credit"]["roles"] == ["provider"]
    assert systems["chatbot"]["status"] == "blocking" and systems["chatbot"]["tier"] == "transparency"
    assert systems["hiring"]["status"] == "not_evaluated" and systems["hiring"]["runs"] == 0
    only = json.loads(_cli("catalog", "list", "-w", str(ws), "--format", "json", "--status", "blocking").stdout)
    assert [s["id"] for s in only["systems"]] == ["chatbot"]
    by_owner = json.loads(_cli("catalog", "list", "-w", str(ws), "--format", "json", "--owner", "risk").stdout)
    assert [s["id"] for s in by_owner["systems"]] == ["credit"]
    by_tier = json.loads(_cli("catalog", "list", "-w", str(ws), "--format", "json", "--tier", "high_risk").stdout)
    assert [s["id"] for s in by_tier["systems"]] == ["credit"]
    dated = json.loads(_cli("catalog", "list", "-w", str(ws), "--format", "json", "--since", "2027-12-01").stdout)
    assert [s["id"] for s in dated["systems"]] == ["chatbot", "credit"]
    out = tmp_path / "export" / "catalog.csv"
    res = _cli("catalog", "list", "-w", str(ws), "--format", "csv", "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["id"] for r in rows] == ["chatbot", "credit", "hiring"]
    assert rows[2]["owner"].startswith("'=HYPERLINK")  # CSV injection neutralised
    bad = _cli("catalog", "list", "-w", str(ws), "--since", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_catalog_search_and_show(ws):
    res = _cli("catalog", "search", "chat", "bank", "-w", str(ws), "--format", "json")
    assert [s["id"] for s in json.loads(res.stdout)["systems"]] == ["chatbot"]
    show = _cli("catalog", "show", "credit", "-w", str(ws), "--json")
    assert show.returncode == 0, show.stderr
    data = json.loads(show.stdout)
    assert data["system"]["owner"] == "Risk Team <risk@example.org>" and len(data["recent_runs"]) == 2
    text = _cli("catalog", "show", "credit", "-w", str(ws))
    assert "last evaluated as of: 2027-12-02" in text.stdout
    missing = _cli("catalog", "show", "nope", "-w", str(ws))
    assert missing.returncode == 2 and "no system 'nope'" in missing.stderr
