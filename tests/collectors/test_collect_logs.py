"""The logs collector on real JSONL/CSV files written by the tests."""

from __future__ import annotations

import hashlib
import json

from aiconform.engine.collect import collect_system
from aiconform.evidence_collectors.logs import LogsOptions, scan_log


def _chain(records):
    prev = "0" * 64
    out = []
    for r in records:
        r = {**r, "prev_hash": prev}
        h = hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        r["hash"] = h
        prev = h
        out.append(r)
    return out


def _write_jsonl(path, records, extra_lines=()):
    lines = [json.dumps(r) for r in records]
    for idx, text in extra_lines:
        lines.insert(idx, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_log_stream_summary(tmp_path, make_ws, now):
    recs = []
    for i in range(10):
        minute = i if i < 6 else i + 120  # a two-hour gap between record 6 and 7
        recs.append({"timestamp": f"2027-01-01T10:{minute % 60:02d}:00Z".replace("10:", f"{10 + minute // 60}:"),
                     "session_start": "2027-01-01T10:00:00Z", "session_end": "2027-01-01T10:00:05Z",
                     "reference_database": "db1" if i != 3 else None, "input_data": {"img": i},
                     "verified_by": "" if i == 4 else "officer-1", "output": {"score": 0.5}})
    chained = _chain(recs)
    chained[8]["prev_hash"] = "f" * 64  # a broken link
    (tmp_path / "logs").mkdir()
    _write_jsonl(tmp_path / "logs" / "inference.jsonl", chained,
                 extra_lines=[(2, "{not json"), (5, ""), (7, "[1, 2]")])
    ws = make_ws([{"collector": "logs", "path": "logs", "profile": "rbi", "gap_seconds": 600,
                   "expected_fields": ["timestamp", "output.score", "operator_id"]}])
    items = collect_system(ws, ws.systems[0], now=now)
    assert [i.id for i in items] == ["log:logs/inference.jsonl"]
    a = items[0].attributes
    assert items[0].kind == "log_stream" and items[0].node_type == "log_stream"
    assert a["record_count"] == 10 and a["line_count"] == 13 and a["blank_lines"] == 1
    assert a["malformed_count"] == 2
    assert a["malformed"] == [{"line": 3, "reason": "not valid JSON"},
                              {"line": 8, "reason": "a JSON list, not an object"}]
    assert a["period_start"] == "2027-01-01T10:00:00Z" and a["period_end"] == "2027-01-01T12:09:00Z"
    assert a["gap_count"] == 1 and a["gaps"][0]["seconds"] == 7260
    assert a["gaps"][0]["after_line"] == 9 and a["gaps"][0]["before_line"] == 10
    assert a["fields"]["reference_database"] == {"present": 9, "empty": 1, "missing": 0}
    assert a["fields"]["verified_by"] == {"present": 9, "empty": 1, "missing": 0}
    assert a["art12_fields"]["reference_database"] == "reference_database"
    assert a["art12_present"] == {"period_start": 10, "period_end": 10, "reference_database": 9,
                                  "input_data": 10, "verified_by": 9}
    assert a["expected_present"] == {"timestamp": 10, "output.score": 10, "operator_id": 0}
    assert a["missing_expected_fields"] == ["operator_id"]
    assert a["hash_field"] == "hash" and a["hash_chained"] is False
    assert a["broken_links_count"] == 1
    assert a["broken_links"][0]["line"] == 12
    raw = (tmp_path / "logs" / "inference.jsonl").read_bytes()
    assert items[0].provenance.sha256 == hashlib.sha256(raw).hexdigest()


def test_hash_chain_intact_and_verified(tmp_path):
    recs = _chain([{"ts": f"2027-01-01T00:00:{i:02d}+00:00", "event": "x"} for i in range(30)])
    p = tmp_path / "audit.jsonl"
    _write_jsonl(p, recs)
    s = scan_log(p, LogsOptions(path=str(p), verify_record_hashes=True))
    assert s.timestamp_field == "ts" and s.record_count == 30
    assert s.broken_links_count == 0 and s.hashed_records == 30 and s.record_hash_mismatches == 0
    recs[10]["event"] = "tampered"
    _write_jsonl(p, recs)
    s = scan_log(p, LogsOptions(path=str(p), verify_record_hashes=True))
    assert s.record_hash_mismatches == 1 and s.broken_links[0]["line"] == 11


def test_csv_log_and_epoch_timestamps(tmp_path):
    p = tmp_path / "audit.csv"
    p.write_text("time,user,action\n1767225600,u1,login\n1767225660,,view\nbad,row\n1767229400000,u2,logout\n",
                 encoding="utf-8")
    s = scan_log(p, LogsOptions(path=str(p), gap_seconds=300))
    assert s.format == "csv" and s.record_count == 3 and s.malformed_count == 1
    assert s.malformed[0]["line"] == 4
    assert s.fields["user"].present == 2 and s.fields["user"].empty == 1
    assert s.gap_count == 1
    assert s.period_start.isoformat() == "2026-01-01T00:00:00+00:00"


def test_monitoring_metrics_series(tmp_path, make_ws, now):
    (tmp_path / "mon").mkdir()
    recs = []
    for m, month in enumerate(["2027-01", "2027-02"]):
        for d in (1, 15):
            recs.append({"timestamp": f"{month}-{d:02d}T00:00:00Z", "metric": "psi", "value": 0.1 + m * 0.1})
            recs.append({"timestamp": f"{month}-{d:02d}T00:00:00Z", "metric": "auc", "value": 0.8 - m * 0.05})
    _write_jsonl(tmp_path / "mon" / "drift.jsonl", recs)
    ws = make_ws([{"collector": "logs", "path": "mon", "kind": "monitoring_metrics"}])
    it = collect_system(ws, ws.systems[0], now=now)[0]
    assert it.kind == "monitoring_metrics"
    psi = it.attributes["metrics"]["psi"]
    assert psi["count"] == 4 and psi["first"] == {"at": "2027-01-01T00:00:00Z", "value": 0.1}
    assert psi["last"]["value"] == 0.2
    assert [p["period"] for p in psi["series"]] == ["2027-01", "2027-02"]
    assert abs(it.attributes["metrics"]["auc"]["series"][1]["mean"] - 0.75) < 1e-9


def test_incident_log(tmp_path, make_ws, now):
    (tmp_path / "inc").mkdir()
    _write_jsonl(tmp_path / "inc" / "incidents.jsonl", [
        {"id": "I-1", "occurred_at": "2027-01-01T00:00:00Z", "aware_at": "2027-01-02T00:00:00Z",
         "reported_at": "2027-01-20T00:00:00Z", "serious": True, "type": "death", "severity": "critical"},
        {"id": "I-2", "occurred_at": "yesterday"},
    ])
    ws = make_ws([{"collector": "logs", "path": "inc", "kind": "incident"}])
    by = {i.id: i for i in collect_system(ws, ws.systems[0], now=now)}
    inc = by["incident:inc/incidents.jsonl#I-1"]
    assert inc.attributes["detected_at"] == "2027-01-02T00:00:00Z" and inc.attributes["type"] == "death"
    assert inc.attributes["serious"] is True and inc.provenance.line == 1
    rs = by["log:inc/incidents.jsonl"]
    assert rs.kind == "record_set" and rs.attributes["record_count"] == 1
    assert rs.attributes["malformed"][0]["line"] == 2
