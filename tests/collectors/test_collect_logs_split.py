"""The split scan of a large JSONL log (byte ranges in worker processes) against one pass.

Every test writes a log, asks the collector where it would cut it, puts the interesting events on the
first records of the ranges (edits that keep every line's length, so the cuts stay put), and checks
that the merged summary equals the one-pass summary field for field - and that the events at the
cuts were found, so a merge that drops what crosses a boundary fails here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiconform.engine.collect import collect_system
from aiconform.engine.errors import EvidenceError
from aiconform.evidence_collectors import logs
from aiconform.evidence_collectors.logs import LogsOptions, LogSummary, scan_log

T0 = 1_798_761_600  # 2027-01-01T00:00:00Z
BAD_TS = "XXXX-XX-XXTXX:XX:XXZ"  # as long as a real timestamp, but unreadable


def _iso(t: int) -> str:
    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Log:
    """Records plus the non-record lines between them; ``render`` hash-chains and writes them."""

    recs: list[dict[str, Any]]
    specials: dict[int, str] = field(default_factory=dict)  # line index (0-based) -> raw text
    break_links: set[int] = field(default_factory=set)  # record indexes whose prev_hash is wrong
    trailing_newline: bool = True

    def lines(self) -> tuple[list[str], list[int]]:
        """The text lines, and for each record the (1-based) line it sits on."""
        out: list[str] = []
        rec_line: list[int] = []
        prev = "0" * 64
        it = iter(enumerate(self.recs))
        total = len(self.recs) + len(self.specials)
        for pos in range(total):
            if pos in self.specials:
                out.append(self.specials[pos])
                continue
            i, rec = next(it)
            if "prev_hash" in rec or "hash" in rec:  # records that carry a chain keep it consistent
                r = {k: v for k, v in rec.items() if k != "hash"}
                r["prev_hash"] = "f" * 64 if i in self.break_links else prev
                r["hash"] = hashlib.sha256(json.dumps(r, sort_keys=True, separators=(",", ":"))
                                           .encode()).hexdigest()
                prev = r["hash"]
                rec = r
            out.append(json.dumps(rec, separators=(",", ":")))
            rec_line.append(pos + 1)
        return out, rec_line

    def write(self, path: Path) -> list[int]:
        lines, rec_line = self.lines()
        path.write_text("\n".join(lines) + ("\n" if self.trailing_newline else ""), encoding="utf-8")
        return rec_line


def _records(n: int, *, chained: bool = True, ts_key: str = "timestamp") -> list[dict[str, Any]]:
    recs = []
    for i in range(n):
        rec: dict[str, Any] = {
            ts_key: _iso(T0 + 60 * i), "request_id": f"req-{i:05d}", "session_start": _iso(T0 + 60 * i),
            "reference_database": None if i % 11 == 0 else "watchlist", "verified_by": "" if i % 13 == 0 else "ana",
            "input_data": {"x": i % 97}, "output": {"score": (i * 37) % 100},
        }
        if chained:
            rec["prev_hash"] = ""
            rec["hash"] = ""
        recs.append(rec)
    return recs


def _cut_records(log: Log, path: Path, processes: int) -> list[int]:
    """Record indexes of the first record in each range after the first (where the scan cuts)."""
    rec_line = log.write(path)
    bounds = logs._split_points(path, processes)
    assert len(bounds) == processes + 1, "the test log should split into every range"
    data = path.read_bytes()
    firsts = []
    for b in bounds[1:-1]:
        line = data[:b].count(b"\n") + 1  # the 1-based line a range starts on
        firsts.append(next(i for i, ln in enumerate(rec_line) if ln >= line))
    return firsts


def _rewrite(log: Log, path: Path, processes: int) -> list[int]:
    """Write the edited log; the edits keep line lengths, so the ranges must not move."""
    before = logs._split_points(path, processes)
    rec_line = log.write(path)
    assert logs._split_points(path, processes) == before
    return rec_line


def _both(path: Path, opts: LogsOptions, processes: int, monkeypatch: pytest.MonkeyPatch
          ) -> tuple[LogSummary, LogSummary]:
    """(split scan, one pass) of ``path``; fails unless the split path really ran.

    This process may well scan every range of a small log before a worker has started, so the ranges
    are also scanned by the workers alone, which must give the one-pass summary too.
    """
    ran: list[int] = []
    real = logs._scan_split

    def spy(*args: Any, **kwargs: Any) -> LogSummary:
        ran.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(logs, "_scan_split", spy)
    split = scan_log(path, opts, processes=processes, split_bytes=1)
    assert ran, "the split scan did not run"
    one = scan_log(path, opts, processes=1)
    assert len(ran) == 1
    bounds = logs._split_points(path, processes)
    workers_only = real(path, logs._with_profile(opts), bounds, None, processes - 1, scan_here=False)
    assert workers_only == one
    return split, one


def test_boundary_events_merge_like_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken link, a step back in time and a gap, each exactly at a cut; malformed lines around."""
    monkeypatch.setattr(logs, "CHUNK", 4096)  # many batches here, none aligned with the ranges
    p = tmp_path / "inference.jsonl"
    log = Log(_records(900), specials={3: "{not json", 10: "", 200: "[1, 2]", 401: "", 402: "7"})
    first1, first2 = _cut_records(log, p, 3)
    log.break_links.add(first1)
    log.recs[first1]["timestamp"] = _iso(T0 + 60 * first1 - 86400)  # a day earlier than the record before it
    for r in log.recs[first2:]:  # two hours of silence just before the third range
        r["timestamp"] = _iso(int(dt.datetime.fromisoformat(r["timestamp"]).timestamp()) + 7200)
    log.recs[first2 + 5]["timestamp"] = BAD_TS
    rec_line = _rewrite(log, p, 3)
    opts = LogsOptions(path=str(p), profile="rbi", gap_seconds=600,
                       expected_fields=["request_id", "output.score", "operator_id"])
    split, one = _both(p, opts, 3, monkeypatch)
    assert split == one
    assert one.broken_links == [{"line": rec_line[first1], "reason": "'prev_hash' does not match the previous "
                                                                     "record's 'hash'"}]
    assert one.out_of_order == 1  # the day-early record, first of its range
    assert one.gap_count == 2  # a step back is no gap; the day forward after it is, and so is the cut
    assert one.gaps[-1]["after_line"] == rec_line[first2 - 1] and one.gaps[-1]["before_line"] == rec_line[first2]
    assert one.timestamp_missing_lines == [rec_line[first2 + 5]]
    assert [m["line"] for m in one.malformed] == [4, 201, 403]
    assert one.blank_lines == 2 and one.record_count == 900 and one.line_count == 905


def test_truncated_lists_and_verified_hashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With max_listed=2 the merged lists keep the file's first two problems, not each range's."""
    p = tmp_path / "audit.jsonl"
    recs = _records(600)
    log = Log(recs, specials={i: "{broken" for i in (5, 250, 251, 480)})
    cuts = _cut_records(log, p, 4)
    for c in cuts:
        log.break_links.add(c)
    _rewrite(log, p, 4)
    # tamper after hashing, keeping the length: the hash no longer matches the record
    text = p.read_text(encoding="utf-8").replace('"request_id":"req-00100"', '"request_id":"req-99999"')
    p.write_text(text, encoding="utf-8")
    opts = LogsOptions(path=str(p), verify_record_hashes=True, max_listed=2)
    split, one = _both(p, opts, 4, monkeypatch)
    assert split == one
    assert one.broken_links_count == 4 and one.record_hash_mismatches == 1
    assert len(one.broken_links) == 2 and len(one.malformed) == 2 and one.malformed_count == 4


def test_range_without_timestamps_and_first_range_without_records(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The fields come from the file's first object even when it lies in a later range; a gap is
    measured from the last readable timestamp, across a range that has none."""
    p = tmp_path / "late.jsonl"
    n = 400
    log = Log(_records(n), specials={i: '{"broken": ' + "x" * 400 for i in range(250)})
    first1, first2 = _cut_records(log, p, 3)
    assert first1 == 0  # the first range holds no record
    for r in log.recs[:first2]:
        r["timestamp"] = BAD_TS
    _rewrite(log, p, 3)
    split, one = _both(p, LogsOptions(path=str(p), gap_seconds=30), 3, monkeypatch)
    assert split == one
    assert one.timestamp_field == "timestamp" and one.hash_field == "hash"
    assert one.timestamp_missing == first2 and one.malformed_count == 250

    # the middle range unreadable in time, the last one two hours on: the gap spans a whole range
    p2 = tmp_path / "middle.jsonl"
    log = Log(_records(n))
    first1, first2 = _cut_records(log, p2, 3)
    for r in log.recs[first1:first2]:
        r["timestamp"] = BAD_TS
    for r in log.recs[first2:]:
        r["timestamp"] = _iso(int(dt.datetime.fromisoformat(r["timestamp"]).timestamp()) + 7200)
    rec_line = _rewrite(log, p2, 3)
    split, one = _both(p2, LogsOptions(path=str(p2), gap_seconds=600), 3, monkeypatch)
    assert split == one
    assert [(g["after_line"], g["before_line"]) for g in one.gaps] == [(rec_line[first1 - 1], rec_line[first2])]


def test_no_timestamp_field_no_chain_no_trailing_newline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "plain.jsonl"
    log = Log(_records(300, chained=False, ts_key="when"), specials={150: "   "}, trailing_newline=False)
    log.write(p)
    split, one = _both(p, LogsOptions(path=str(p), max_listed=1000), 3, monkeypatch)
    assert split == one
    assert one.timestamp_field is None and one.hash_field is None
    assert one.timestamp_missing == 300 and len(one.timestamp_missing_lines) == 300
    assert one.line_count == 301 and one.blank_lines == 1


def test_no_json_object_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "text.jsonl"
    p.write_text("".join(f"plain text line {i}\n" for i in range(500)), encoding="utf-8")
    split, one = _both(p, LogsOptions(path=str(p), hash_field="h"), 3, monkeypatch)
    assert split == one
    assert one.record_count == 0 and one.malformed_count == 500 and one.hash_field is None


def test_monitoring_metrics_merge_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Means, first/last and the monthly series of each range add up to one pass, to the last bit."""
    rnd = random.Random(3)
    recs: list[dict[str, Any]] = []
    for i in range(1200):
        t = _iso(T0 + 3600 * 2 * i)  # spans several months
        if i % 3:
            recs.append({"timestamp": t, "metric": rnd.choice(["psi", "auc"]), "value": rnd.random() * 10 ** rnd.randint(-3, 9)})
        else:  # wide format; a few equal times test which of equal times is first/last
            recs.append({"timestamp": _iso(T0 + 3600 * 2 * (i - i % 6)), "latency_ms": rnd.uniform(1, 90),
                         "errors": rnd.randint(0, 5)})
    # the same earliest and latest times again at the far end: first keeps the earlier record, last the later
    t_min, t_max = recs[0]["timestamp"], recs[-1]["timestamp"]
    recs[1:1] = [{"timestamp": t_min, "metric": "psi", "value": 0.5}, {"timestamp": t_max, "metric": "psi", "value": 1.5}]
    recs += [{"timestamp": t_min, "metric": "psi", "value": 2.5}, {"timestamp": t_max, "metric": "psi", "value": 3.5}]
    p = tmp_path / "monitoring.jsonl"
    Log(recs, specials={100: "{oops"}).write(p)
    opts = LogsOptions(path=str(p), kind="monitoring_metrics")
    split, one = _both(p, opts, 3, monkeypatch)
    assert split == one
    assert set(one.metrics) == {"psi", "auc", "latency_ms", "errors"}
    psi = one.metrics["psi"]
    assert len(psi["series"]) > 2 and psi["first"]["value"] == 0.5 and psi["last"]["value"] == 3.5


def test_incident_records_keep_file_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recs = [{"id": f"I-{i}", "occurred_at": _iso(T0 + 86400 * i), "aware_at": _iso(T0 + 86400 * i + 3600),
             "type": "malfunction", "severity": "minor"} for i in range(300)]
    p = tmp_path / "incidents.jsonl"
    Log(recs, specials={7: "", 160: "{"}).write(p)
    split, one = _both(p, LogsOptions(path=str(p), kind="incident"), 3, monkeypatch)
    assert split == one
    assert [ln for ln, _ in one.records[:8]] == [1, 2, 3, 4, 5, 6, 7, 9]


def test_csv_stays_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A quoted CSV field may hold a newline, so CSV is never cut into byte ranges."""
    p = tmp_path / "audit.csv"
    rows = "".join(f'{T0 + 60 * i},u{i},"note\nwith newline {i}"\n' for i in range(500))
    p.write_text("time,user,note\n" + rows, encoding="utf-8")
    monkeypatch.setattr(logs, "_scan_split", lambda *a, **k: pytest.fail("CSV was split"))
    s = scan_log(p, LogsOptions(path=str(p)), processes=4, split_bytes=1)
    assert s.record_count == 500 and s.malformed_count == 0 and s.line_count == 1001


def test_collect_progress_and_attributes_when_split(tmp_path: Path, make_ws: Callable[..., Any], now: dt.datetime,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`aiconform collect`'s progress bar sees the whole file's progress from the split scan, and the
    item is the one a single pass yields."""
    (tmp_path / "logs").mkdir()
    p = tmp_path / "logs" / "inference.jsonl"
    Log(_records(3000), specials={42: "{bad"}).write(p)
    size = p.stat().st_size
    monkeypatch.setattr(logs, "CHUNK", 16384)
    ws = make_ws([{"collector": "logs", "path": "logs", "profile": "rbi"}])
    seen: list[tuple[str, int, int | None]] = []

    monkeypatch.setattr(logs, "scan_processes", lambda size, **kw: 1)
    one = collect_system(ws, ws.systems[0], now=now)
    monkeypatch.setattr(logs, "scan_processes", lambda size, **kw: 3)
    split = collect_system(ws, ws.systems[0], now=now, progress=lambda *a: seen.append(a))
    assert [i.model_dump() for i in split] == [i.model_dump() for i in one]
    done = [d for _, d, _ in seen]
    assert len(done) > 3 and done == sorted(done)
    assert seen[-1][1:] == (size, size)
    assert split[0].provenance.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()

    # the bytes the workers read count too: here only two workers scan, six ranges, and once they are
    # done (the figure before the closing one) they have read every byte
    done.clear()
    logs._scan_split(p, LogsOptions(path=str(p)), logs._split_points(p, 6), done.append, 2, scan_here=False)
    assert done == sorted(done) and done[-2:] == [size, size]


def test_a_worker_that_dies_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "x.jsonl"
    Log(_records(200)).write(p)
    # a worker that takes a range and dies on it
    monkeypatch.setattr(logs, "_WORKER_CODE", "import pickle, sys; i = sys.stdin.buffer; pickle.load(i); "
                        "pickle.load(i); sys.stdout.buffer.write(b'h' + bytes(8)); sys.stdout.buffer.flush(); "
                        "pickle.load(i); sys.exit(3)")
    with pytest.raises(EvidenceError, match="exit code 3"):
        logs._scan_split(p, LogsOptions(path=str(p)), logs._split_points(p, 2), None, 1, scan_here=False)
    # one that cannot even start costs time, not the result: this process scans every range
    monkeypatch.setattr(logs, "_WORKER_CODE", "import sys; sys.exit(3)")
    assert scan_log(p, LogsOptions(path=str(p)), processes=2, split_bytes=1) == scan_log(p, LogsOptions(path=str(p)))


def test_a_worker_error_comes_back_as_itself(tmp_path: Path) -> None:
    """An error in a worker (here: the log is gone) comes back to this process as itself, and stops
    the handing out of ranges."""
    p = tmp_path / "gone.jsonl"
    jobs = logs._Jobs([0, 10, 20])
    w = logs._Worker(p, LogsOptions(path="x"), None, jobs)
    try:
        while w.running(0.2):
            pass
    finally:
        w.stop()
    assert isinstance(w.error, FileNotFoundError) and w.error.filename == str(p)
    assert jobs.failed and jobs.results == [None, None]


def test_exact_sum_does_not_depend_on_order() -> None:
    rnd = random.Random(11)
    vals: list[float] = [rnd.uniform(-1, 1) * 10 ** rnd.randint(-20, 20) for _ in range(2000)] + [0.1] * 50 + [7]
    whole = logs._Sum()
    for v in vals:
        whole.add(v)
    assert whole.value() == math.fsum(vals)
    for cut in (1, 700, 2049):
        a, b = logs._Sum(), logs._Sum()
        for v in vals[:cut]:
            a.add(v)
        for v in reversed(vals[cut:]):
            b.add(v)
        a.absorb(b)
        assert a.value() == whole.value()
    tiny = [1e16, 1.0, -1e16, 5e-324, 1e-300, 2.5e-310]
    exact = logs._Sum()
    for v in tiny:
        exact.add(v)
    assert exact.value() == math.fsum(tiny) == 1.0  # a float sum says 0.0
    small = [rnd.random() * 1e-300 for _ in range(100)]
    exact = logs._Sum()
    for v in small:
        exact.add(v)
    assert exact.value() == math.fsum(small)
    inf = logs._Sum()
    for v in (1.0, math.inf, 2.0):
        inf.add(v)
    assert inf.value() == math.inf
    inf.add(-math.inf)
    assert math.isnan(inf.value())
