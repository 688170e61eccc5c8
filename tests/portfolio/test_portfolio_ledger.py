"""The audit ledger: chain, tampering (edit, delete, reorder, truncate), corruption, kill and concurrency."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiconform.engine.canonical import canonical_digest, sha256_hex
from aiconform.engine.errors import LedgerError
from aiconform.engine.ledger import (
    GENESIS_HASH,
    Ledger,
    append_run,
    ledger_path,
    load_bundle_snapshot,
    load_results,
    snapshot_bundle,
)
from aiconform.engine.models import Status

HERE = Path(__file__).parent


def _fill(ws: Path, make_report, n: int = 5) -> list[str]:
    return [append_run(ws, make_report(f"sys{i % 2}", as_of=dt.date(2027, 12, 2) + dt.timedelta(days=i)),
                       report_digests={"pdf": "sha256:" + "11" * 32}, signer="CN=Test")
            for i in range(n)]


def _sql(ws: Path, *stmts: str) -> None:
    conn = sqlite3.connect(ledger_path(ws))
    for s in stmts:
        conn.execute(s)
    conn.commit()
    conn.close()


def _verify(ws: Path):
    with Ledger.open(ledger_path(ws)) as led:
        return led.verify()


def test_append_run_records_every_field_and_links_the_chain(tmp_path, make_report):
    rep = make_report("credit")
    run_id = append_run(tmp_path, rep, report_digests={"pdf": "sha256:" + "11" * 32}, signer="CN=Test")
    run2 = append_run(tmp_path, make_report("credit", status=Status.passed))
    with Ledger.open(ledger_path(tmp_path)) as led:
        rec = led.get(run_id)
        assert rec.seq == 1 and rec.prev_hash == GENESIS_HASH
        assert rec.system == "credit" and rec.as_of == "2027-12-02" and rec.tier == "high_risk"
        assert rec.results_digest == canonical_digest(rep)
        assert rec.inputs_digest == rep.inputs_digest
        assert rec.policy_bundle_digest == rep.versions.policy_bundle_digest
        assert (rec.aiconform_version, rec.engine, rec.opa_version) == ("0.1.0", "embedded", "1.20.2")
        assert rec.report_digest_map == {"pdf": "sha256:" + "11" * 32} and rec.signer == "CN=Test"
        assert rec.status == "blocking"
        second = led.get(run2[:10])  # a unique prefix is enough
        assert second.prev_hash == rec.record_hash and second.status == "pass"
        assert [r.run_id for r in led.history("credit")] == [run_id, run2]
        assert led.latest()["credit"].run_id == run2
        res = led.verify()
        assert res.ok and res.records == 2 and res.head_hash == second.record_hash and res.anchor_seq == 2
    # the recorded results are kept, content-addressed and checked
    assert load_results(tmp_path, rec.results_digest)["system"]["id"] == "credit"
    mode = sqlite3.connect(ledger_path(tmp_path)).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_unknown_run_and_missing_ledger_are_errors(tmp_path, make_report):
    with pytest.raises(LedgerError, match="no ledger here yet"):
        Ledger.open(ledger_path(tmp_path))
    append_run(tmp_path, make_report())
    with Ledger.open(ledger_path(tmp_path)) as led, pytest.raises(LedgerError, match="no run"):
        led.get("does-not-exist")


def test_edited_record_is_named(tmp_path, make_report):
    runs = _fill(tmp_path, make_report)
    _sql(tmp_path, "UPDATE records SET tier = 'minimal' WHERE seq = 3")
    res = _verify(tmp_path)
    assert not res.ok
    assert [(p.kind, p.seq, p.run_id) for p in res.problems] == [("edited", 3, runs[2])]


def test_edited_and_rehashed_record_breaks_the_next_link(tmp_path, make_report):
    from aiconform.engine.ledger import compute_record_hash

    runs = _fill(tmp_path, make_report)
    conn = sqlite3.connect(ledger_path(tmp_path))
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM records WHERE seq = 2").fetchone())
    row["summary"] = json.dumps({"blocking": 0, "counts": {}, "warnings": 0})
    conn.execute("UPDATE records SET summary = ?, record_hash = ? WHERE seq = 2",
                 (row["summary"], compute_record_hash(row)))
    conn.commit()
    conn.close()
    res = _verify(tmp_path)
    assert [(p.kind, p.seq, p.run_id) for p in res.problems] == [("broken_link", 3, runs[2])]


def test_deleted_record_is_named(tmp_path, make_report):
    runs = _fill(tmp_path, make_report)
    _sql(tmp_path, "DELETE FROM records WHERE seq = 2")
    res = _verify(tmp_path)
    assert [(p.kind, p.seq, p.run_id) for p in res.problems] == [("deleted", 3, runs[2])]
    assert "seq 2 missing" in res.problems[0].message


def test_reordered_records_are_named(tmp_path, make_report):
    runs = _fill(tmp_path, make_report)
    _sql(tmp_path, "UPDATE records SET seq = 100 WHERE seq = 2", "UPDATE records SET seq = 2 WHERE seq = 3",
         "UPDATE records SET seq = 3 WHERE seq = 100")
    res = _verify(tmp_path)
    kinds = {(p.kind, p.seq, p.run_id) for p in res.problems}
    assert ("reordered", 2, runs[2]) in kinds and ("reordered", 3, runs[1]) in kinds
    assert "moved from position 3 to 2" in next(p.message for p in res.problems if p.seq == 2)


def test_truncated_ledger_is_caught_by_the_anchor_and_refuses_appends(tmp_path, make_report):
    runs = _fill(tmp_path, make_report)
    _sql(tmp_path, "DELETE FROM records WHERE seq >= 4")
    res = _verify(tmp_path)
    assert [(p.kind, p.seq, p.run_id) for p in res.problems] == [("truncated", 5, runs[4])]
    assert "seqs 4-5 missing at the end" in res.problems[0].message
    with pytest.raises(LedgerError, match="refusing to append"):
        append_run(tmp_path, make_report())


def test_chain_rewritten_end_to_end_is_caught_by_the_anchor(tmp_path, make_report):
    from aiconform.engine.ledger import compute_record_hash

    _fill(tmp_path, make_report, 3)
    conn = sqlite3.connect(ledger_path(tmp_path))
    conn.row_factory = sqlite3.Row
    prev = GENESIS_HASH
    for r in [dict(x) for x in conn.execute("SELECT * FROM records ORDER BY seq").fetchall()]:
        r["tier"], r["prev_hash"] = "minimal", prev
        r["record_hash"] = compute_record_hash(r)
        conn.execute("UPDATE records SET tier = ?, prev_hash = ?, record_hash = ? WHERE seq = ?",
                     (r["tier"], r["prev_hash"], r["record_hash"], r["seq"]))
        prev = r["record_hash"]
    conn.commit()
    conn.close()
    res = _verify(tmp_path)
    assert [(p.kind, p.seq) for p in res.problems] == [("anchor", 3)]


def test_corrupt_file_is_reported_never_recreated(tmp_path, make_report):
    append_run(tmp_path, make_report())
    path = ledger_path(tmp_path)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(LedgerError, match="not a readable aiconform ledger"):
        Ledger.open(path)
    with pytest.raises(LedgerError):
        append_run(tmp_path, make_report())
    assert path.read_bytes() == garbage  # left untouched for forensics


def test_foreign_sqlite_file_is_not_a_ledger(tmp_path):
    path = ledger_path(tmp_path)
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="not an aiconform ledger"):
        Ledger.open(path)


def test_deleted_ledger_with_anchor_is_not_restarted(tmp_path, make_report):
    append_run(tmp_path, make_report())
    path = ledger_path(tmp_path)
    for extra in ("", "-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    with pytest.raises(LedgerError, match="ledger file is missing"):
        append_run(tmp_path, make_report())
    assert not path.exists()


def test_results_file_changed_after_recording_is_refused(tmp_path, make_report):
    rid = append_run(tmp_path, make_report())
    with Ledger.open(ledger_path(tmp_path)) as led:
        digest = led.get(rid).results_digest
    f = tmp_path / ".aiconform" / "results" / f"{digest.split(':')[1]}.json"
    f.write_bytes(f.read_bytes().replace(b'"fail"', b'"pass"'))
    with pytest.raises(LedgerError, match="do not match their digest"):
        load_results(tmp_path, digest)


def test_bundle_snapshot_round_trip_and_tamper(tmp_path):
    from aiconform.engine.bundle import load_bundle

    b = load_bundle()
    root = snapshot_bundle(tmp_path, b)
    assert snapshot_bundle(tmp_path, b) == root  # idempotent
    back = load_bundle_snapshot(tmp_path, b.digest)
    assert back.digest == b.digest
    assert [(m.path, m.source, m.package) for m in back.modules] == [(m.path, m.source, m.package) for m in b.modules]
    assert back.data == b.data
    victim = next((root / "modules").rglob("*.rego"))
    victim.write_text(victim.read_text() + "\n# changed\n")
    with pytest.raises(LedgerError, match="was altered"):
        load_bundle_snapshot(tmp_path, b.digest)


_LOOP = """
import sys, datetime as dt
sys.path.insert(0, {here!r})
from portfolio_fixtures import build_report
from aiconform.engine.ledger import append_run
ws, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rep = [build_report(f"{{tag}}-{{i % 3}}", extra_findings=200, evidence_sha=f"{{i:064x}}") for i in range(min(n, 20))]
print("ready", flush=True)
for i in range(n):
    append_run(ws, rep[i % len(rep)].model_copy(update={{"as_of": dt.date(2027, 1, 1) + dt.timedelta(days=i)}}))
print("done", flush=True)
"""


def _loop_proc(ws: Path, tag: str, n: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _LOOP.format(here=str(HERE)), str(ws), tag, str(n)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_mid_append_leaves_a_valid_ledger_and_no_half_written_results(tmp_path):
    proc = _loop_proc(tmp_path, "kill", 100_000)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    path = ledger_path(tmp_path)
    while time.monotonic() < deadline:  # let it append for a while
        if path.exists():
            with Ledger.open(path) as led:
                if len(led.records()) >= 25:
                    break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    res = _verify(tmp_path)
    assert res.ok, [p.render() for p in res.problems]
    assert res.records >= 25
    # every complete results file matches its name; partial writes are only hidden temporaries
    for f in (tmp_path / ".aiconform" / "results").iterdir():
        if not f.name.startswith("."):
            assert "sha256:" + sha256_hex(f.read_bytes()) == "sha256:" + f.stem
    # and the ledger keeps working after the crash
    with Ledger.open(path) as led:
        for r in led.records():
            load_results(tmp_path, r.results_digest)
    sys.path.insert(0, str(HERE))
    from portfolio_fixtures import build_report

    append_run(tmp_path, build_report("after-crash"))
    assert _verify(tmp_path).ok


def test_two_concurrent_runs_both_land(tmp_path):
    n = 40
    procs = [_loop_proc(tmp_path, tag, n) for tag in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.split() == ["ready", "done"]
    with Ledger.open(ledger_path(tmp_path)) as led:
        recs = led.records()
        res = led.verify()
    assert res.ok, [p.render() for p in res.problems]
    assert [r.seq for r in recs] == list(range(1, 2 * n + 1))
    assert sum(r.system.startswith("a-") for r in recs) == n and sum(r.system.startswith("b-") for r in recs) == n
    assert res.anchor_seq == 2 * n


def test_verify_checks_the_kept_results(tmp_path, make_report):
    runs = _fill(tmp_path, make_report, 3)
    with Ledger.open(ledger_path(tmp_path)) as led:
        assert led.verify(results_root=tmp_path).ok
        digest = led.get(runs[1]).results_digest
    f = tmp_path / ".aiconform" / "results" / f"{digest.split(':')[1]}.json"
    f.write_bytes(f.read_bytes().replace(b'"high_risk"', b'"minimal"'))
    with Ledger.open(ledger_path(tmp_path)) as led:
        assert led.verify().ok  # the chain itself is intact
        res = led.verify(results_root=tmp_path)
    assert [(p.kind, p.seq, p.run_id) for p in res.problems] == [("results", 2, runs[1])]
    assert "altered" in res.problems[0].message
    f.unlink()
    with Ledger.open(ledger_path(tmp_path)) as led:
        assert "missing" in led.verify(results_root=tmp_path).problems[0].message


def test_verify_while_another_process_appends_never_reports_false_tampering(tmp_path):
    proc = _loop_proc(tmp_path, "busy", 60)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    checks = 0
    while proc.poll() is None:
        if ledger_path(tmp_path).exists():
            res = _verify(tmp_path)
            assert res.ok, [p.render() for p in res.problems]
            checks += 1
    assert proc.returncode == 0 and checks > 0
    assert _verify(tmp_path).records == 60
