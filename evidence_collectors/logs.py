"""Collector ``logs``: JSONL and CSV inference/audit logs, streamed (never loaded whole).

``kind: log_stream`` (default) summarises a log for Art 12 (record-keeping) and Arts 19/26(6): the
period covered, record count, per-field completeness (against configurable expected fields and the
Art 12(3) fields for remote biometric identification), gaps in time, malformed lines (counted, with
line numbers, never a crash), and whether records are hash-chained (with the broken links).

``kind: monitoring_metrics`` summarises metric records over time for Art 72 post-market monitoring
(per metric: count, first/last, min/max/mean, and a monthly series). ``kind: incident`` turns each
record of an incident log into an ``incident`` item for Art 73 (same fields as the documents
collector's incident records).

A file is read once, in large binary chunks; its sha256 is computed on the same pass (in a second
thread, since hashlib releases the GIL) and the store copies it afterwards by streaming. Memory stays
flat: only counters, the first ``max_listed`` problem lines and (for monitoring) per-month aggregates
are kept.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gc
import hashlib
import io
import json
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter, methodcaller, sub
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..engine.errors import EvidenceError
from ._docitems import SYSTEM_NODE
from .base import Blob, CollectContext, Collected, SourceOptions, edge, iso, iter_files, jsonable

try:  # orjson is a declared dependency; fall back to the stdlib if a build lacks it
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
    _JSONError: type[Exception] = orjson.JSONDecodeError
except ImportError:  # pragma: no cover
    _loads = json.loads
    _JSONError = ValueError

__all__ = ["LogsCollector", "LogsOptions", "Art12Fields", "scan_log", "LogSummary"]

VERSION = "1.0.0"
CHUNK = 4 << 20
TIMESTAMP_CANDIDATES = ("timestamp", "ts", "time", "@timestamp", "datetime", "event_time", "created_at")
HASH_CANDIDATES = (("hash", "prev_hash"), ("record_hash", "prev_record_hash"), ("hash", "previous_hash"),
                   ("entry_hash", "prev_entry_hash"))
RBI_DEFAULTS = {"period_start": "session_start", "period_end": "session_end",
                "reference_database": "reference_database", "input_data": "input_data",
                "verified_by": "verified_by"}


class Art12Fields(BaseModel):
    """Which log field carries each Art 12(3) element (remote biometric identification)."""

    model_config = ConfigDict(extra="forbid")
    period_start: str | None = Field(default=None, description="Art 12(3)(a) start of each use")
    period_end: str | None = Field(default=None, description="Art 12(3)(a) end of each use")
    reference_database: str | None = Field(default=None, description="Art 12(3)(b) reference database checked")
    input_data: str | None = Field(default=None, description="Art 12(3)(c) input data that led to a match")
    verified_by: str | None = Field(default=None, description="Art 12(3)(d) persons verifying the results")


class LogsOptions(SourceOptions):
    path: str = Field(description="a log file or a folder of log files")
    include: list[str] = Field(default_factory=lambda: ["*.jsonl", "*.ndjson", "*.csv"])
    exclude: list[str] = Field(default_factory=list)
    format: Literal["auto", "jsonl", "csv"] = "auto"
    kind: Literal["log_stream", "monitoring_metrics", "incident"] = "log_stream"
    timestamp_field: str | None = None
    end_timestamp_field: str | None = None
    expected_fields: list[str] = Field(default_factory=list)
    profile: Literal["none", "rbi"] = Field(default="none", description="rbi: Art 12(3) field defaults")
    art12: Art12Fields = Field(default_factory=Art12Fields)
    gap_seconds: float = Field(default=3600.0, gt=0)
    hash_field: str | None = None
    prev_hash_field: str | None = None
    verify_record_hashes: bool = False
    metric_field: str = "metric"
    value_field: str = "value"
    max_listed: int = Field(default=100, ge=0, le=100000)
    encoding: str = "utf-8"


@dataclass
class _FieldCount:
    present: int = 0
    empty: int = 0


@dataclass
class LogSummary:
    """What one pass over a log found. ``attributes()`` is the item's attribute dict."""

    format: str
    size_bytes: int = 0
    sha256: str = ""
    line_count: int = 0
    blank_lines: int = 0
    record_count: int = 0
    timestamp_field: str | None = None
    end_timestamp_field: str | None = None
    period_start: dt.datetime | None = None
    period_end: dt.datetime | None = None
    timestamp_missing: int = 0
    timestamp_missing_lines: list[int] = field(default_factory=list)
    out_of_order: int = 0
    gap_count: int = 0
    gaps: list[dict[str, Any]] = field(default_factory=list)
    largest_gap_seconds: float | None = None
    malformed_count: int = 0
    malformed: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, _FieldCount] = field(default_factory=dict)
    nested_present: dict[str, int] = field(default_factory=dict)  # dot-path fields asked for
    hash_field: str | None = None
    prev_hash_field: str | None = None
    hashed_records: int = 0
    broken_links_count: int = 0
    broken_links: list[dict[str, Any]] = field(default_factory=list)
    record_hash_mismatches: int = 0
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # kept only for kind=incident


class _Hasher:
    """sha256 in a helper thread so hashing overlaps parsing (hashlib releases the GIL)."""

    def __init__(self) -> None:
        self.h = hashlib.sha256()
        self.q: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self) -> None:
        while (b := self.q.get()) is not None:
            self.h.update(b)

    def update(self, b: bytes) -> None:
        self.q.put(b)

    def hexdigest(self) -> str:
        self.q.put(None)
        self.t.join()
        return self.h.hexdigest()


def _lines(path: Path, hasher: _Hasher, progress: Callable[[int], None] | None) -> Iterator[list[bytes]]:
    """Batches of lines (without newline), read in CHUNK-sized binary blocks."""
    rest = b""
    done = 0
    with open(path, "rb", buffering=0) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            hasher.update(chunk)
            done += len(chunk)
            buf = rest + chunk if rest else chunk
            cut = buf.rfind(b"\n")
            if cut < 0:
                rest = buf
                continue
            rest = buf[cut + 1:]
            yield buf[:cut].split(b"\n")
            if progress is not None:
                progress(done)
    if rest:
        yield [rest]


def _get_path(rec: dict[str, Any], dotted: str) -> Any:
    cur: Any = rec
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def _ts(value: Any) -> float | None:
    """Epoch seconds from an ISO 8601 string or epoch seconds/milliseconds."""
    if type(value) is str:
        try:
            d = dt.datetime.fromisoformat(value)
        except ValueError:
            try:  # epoch seconds/milliseconds written as text (CSV)
                num = float(value)
            except ValueError:
                return None
            return _ts(num) if num == num and abs(num) != float("inf") else None
        if d.tzinfo is None:
            d = d.replace(tzinfo=dt.UTC)
        return d.timestamp()
    if type(value) in (int, float) and value == value:
        return value / 1000.0 if abs(value) > 1e11 else float(value)
    return None


def _record_hash(rec: dict[str, Any], hash_field: str) -> str:
    body = {k: v for k, v in rec.items() if k != hash_field}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


class _Scanner:
    """Bookkeeping shared by the JSONL and CSV readers, done a batch of records at a time.

    Most work runs as C-level passes over a batch (``Counter`` of key tuples, ``list.count``, ``map``
    over timestamps, list equality for hash links); Python-level loops run only where a batch has
    something to report (a gap, a broken link, an unparseable timestamp).
    """

    def __init__(self, opts: LogsOptions, summary: LogSummary) -> None:
        self.o = opts
        self.s = summary
        self.sigs: Counter[tuple[str, ...]] = Counter()
        self.empties: Counter[str] = Counter()
        self.nested = sorted({f for f in self._wanted() if "." in f})
        self.nested_counts = dict.fromkeys(self.nested, 0)
        self.prev_ts: float | None = None
        self.prev_line = 0
        self.min_ts: float | None = None
        self.max_ts: float | None = None
        self.last_hash: Any = None
        self.first_hashed = True
        self.ts_field = opts.timestamp_field
        self.hash_field = opts.hash_field
        self.prev_field = opts.prev_hash_field
        self.decided = False

    def _wanted(self) -> list[str]:
        a12 = self.o.art12.model_dump()
        return [*self.o.expected_fields, *(v for v in a12.values() if v)]

    def _decide(self, rec: dict[str, Any]) -> None:
        """Pick the timestamp and hash-chain fields from the first record, unless configured."""
        self.decided = True
        if self.ts_field is None:
            self.ts_field = next((c for c in TIMESTAMP_CANDIDATES if c in rec), None)
        if self.hash_field is None and self.prev_field is None:
            for h, p in HASH_CANDIDATES:
                if h in rec and p in rec:
                    self.hash_field, self.prev_field = h, p
                    break
        elif self.hash_field is None or self.prev_field is None:
            self.hash_field = self.hash_field or "hash"
            self.prev_field = self.prev_field or "prev_hash"
        self.s.timestamp_field = self.ts_field
        self.s.hash_field, self.s.prev_hash_field = self.hash_field, self.prev_field

    def malformed(self, line: int, reason: str) -> None:
        s = self.s
        s.malformed_count += 1
        if len(s.malformed) < self.o.max_listed:
            s.malformed.append({"line": line, "reason": reason})

    def batch(self, recs: list[dict[str, Any]], lines: list[int] | range) -> None:
        """Account for ``recs`` (all dicts), whose line numbers are ``lines``."""
        if not recs:
            return
        if not self.decided:
            self._decide(recs[0])
        s = self.s
        n = len(recs)
        s.record_count += n
        bsig = Counter(map(tuple, recs))
        self.sigs.update(bsig)
        # completeness: which keys hold null or "" - looked at only in records that have such a value
        # (`x in dict.values()` runs in C)
        flagged = [r for r, v in zip(recs, map(dict.values, recs), strict=True) if None in v or "" in v]
        if flagged:
            self.empties.update(k for r in flagged for k, v in r.items() if v is None or v == "")
        for f in self.nested:
            col: list[Any] = recs
            for part in f.split("."):
                col = [c.get(part) if type(c) is dict else None for c in col]
            self.nested_counts[f] += n - col.count(None) - col.count("")
        self._times(recs, lines)
        if self.hash_field is not None:
            self._chain(recs, lines)

    def _times(self, recs: list[dict[str, Any]], lines: list[int] | range) -> None:
        s = self.s
        if self.ts_field is None:
            s.timestamp_missing += len(recs)
            room = self.o.max_listed - len(s.timestamp_missing_lines)
            s.timestamp_missing_lines.extend(list(lines[:room]) if room > 0 else [])
            return
        col = list(map(methodcaller("get", self.ts_field), recs))
        ts: list[float | None]
        try:
            dts = list(map(_fromiso, col))
            if None in map(_tzinfo, dts):
                raise ValueError("naive")
            ts = list(map(dt.datetime.timestamp, dts))
        except (TypeError, ValueError):
            ts = list(map(_ts, col))
        tl: list[int] | range = lines
        if None in ts:
            good = [(t, ln) for t, ln in zip(ts, lines, strict=True) if t is not None]
            for t, ln in zip(ts, lines, strict=True):
                if t is None:
                    s.timestamp_missing += 1
                    if len(s.timestamp_missing_lines) < self.o.max_listed:
                        s.timestamp_missing_lines.append(ln)
            if not good:
                return
            ts = [t for t, _ in good]
            tl = [ln for _, ln in good]
        vals: list[float] = ts  # type: ignore[assignment]
        lo, hi = min(vals), max(vals)
        if self.min_ts is None or lo < self.min_ts:
            self.min_ts = lo
        if self.max_ts is None or hi > self.max_ts:
            self.max_ts = hi
        seq = vals if self.prev_ts is None else [self.prev_ts, *vals]
        seq_lines = list(tl) if self.prev_ts is None else [self.prev_line, *tl]
        if len(seq) > 1:
            diffs = list(map(sub, seq[1:], seq[:-1]))
            if min(diffs) < 0:
                s.out_of_order += sum(1 for d in diffs if d < 0)
            gap = self.o.gap_seconds
            if max(diffs) > gap:
                for i, d in enumerate(diffs):
                    if d > gap:
                        s.gap_count += 1
                        if s.largest_gap_seconds is None or d > s.largest_gap_seconds:
                            s.largest_gap_seconds = d
                        if len(s.gaps) < self.o.max_listed:
                            s.gaps.append({"after_line": seq_lines[i], "before_line": seq_lines[i + 1],
                                           "from": iso(dt.datetime.fromtimestamp(seq[i], dt.UTC)),
                                           "to": iso(dt.datetime.fromtimestamp(seq[i + 1], dt.UTC)),
                                           "seconds": d})
        self.prev_ts = vals[-1]
        self.prev_line = tl[-1]

    def _chain(self, recs: list[dict[str, Any]], lines: list[int] | range) -> None:
        s = self.s
        hf, pf = self.hash_field, self.prev_field
        hcol = list(map(methodcaller("get", hf), recs))
        pcol = list(map(methodcaller("get", pf), recs))
        fast = None not in hcol
        if fast:
            s.hashed_records += len(recs)
            if self.first_hashed:
                ok = pcol[1:] == hcol[:-1]
            else:
                ok = pcol == [self.last_hash, *hcol[:-1]]
            if not ok:
                fast = False
                s.hashed_records -= len(recs)
        if not fast:
            for h, p, ln in zip(hcol, pcol, lines, strict=True):
                if h is not None:
                    s.hashed_records += 1
                    if not self.first_hashed and p != self.last_hash:
                        self._broken(ln, f"'{pf}' does not match the previous record's '{hf}'")
                else:
                    self._broken(ln, f"record has no '{hf}'")
                self.first_hashed = False
                self.last_hash = h
        else:
            self.first_hashed = False
            self.last_hash = hcol[-1]
        if self.o.verify_record_hashes:
            for r, h, ln in zip(recs, hcol, lines, strict=True):
                if h is not None and _record_hash(r, hf) != h:  # type: ignore[arg-type]
                    s.record_hash_mismatches += 1
                    self._broken(ln, f"'{hf}' is not the sha256 of the record")

    def _broken(self, line: int, reason: str) -> None:
        s = self.s
        s.broken_links_count += 1
        if len(s.broken_links) < self.o.max_listed:
            s.broken_links.append({"line": line, "reason": reason})

    def finish(self) -> None:
        s = self.s
        counts: dict[str, _FieldCount] = {}
        for keys, n in self.sigs.items():
            for k in keys:
                counts.setdefault(k, _FieldCount()).present += n
        for k, n in self.empties.items():
            fc = counts.setdefault(k, _FieldCount())
            fc.present -= n
            fc.empty += n
        s.fields = dict(sorted(counts.items()))
        s.nested_present = self.nested_counts
        if self.min_ts is not None and self.max_ts is not None:
            s.period_start = dt.datetime.fromtimestamp(self.min_ts, dt.UTC)
            s.period_end = dt.datetime.fromtimestamp(self.max_ts, dt.UTC)


_fromiso = dt.datetime.fromisoformat
_tzinfo = attrgetter("tzinfo")


class _Metrics:
    """Per-metric time-series summary for monitoring logs (Art 72)."""

    def __init__(self, opts: LogsOptions, ts_field: Callable[[], str | None]) -> None:
        self.o = opts
        self.ts_field = ts_field
        self.m: dict[str, dict[str, Any]] = {}

    def add(self, rec: dict[str, Any]) -> None:
        tf = self.ts_field()
        t = _ts(rec.get(tf)) if tf else None
        name = rec.get(self.o.metric_field)
        if isinstance(name, str) and self.o.value_field in rec:
            self._one(name, rec.get(self.o.value_field), t)
            return
        for k, v in rec.items():  # wide format: every numeric field is a metric
            if k != tf and type(v) in (int, float):
                self._one(k, v, t)

    def _one(self, name: str, v: Any, t: float | None) -> None:
        if isinstance(v, str):
            try:
                v = float(v)
            except ValueError:
                return
        if type(v) not in (int, float) or v != v:
            return
        m = self.m.get(name)
        if m is None:
            m = self.m[name] = {"count": 0, "sum": 0.0, "min": v, "max": v, "first": None, "last": None,
                                "months": {}}
        m["count"] += 1
        m["sum"] += v
        m["min"] = min(m["min"], v)
        m["max"] = max(m["max"], v)
        if t is not None:
            if m["first"] is None or t < m["first"][0]:
                m["first"] = (t, v)
            if m["last"] is None or t >= m["last"][0]:
                m["last"] = (t, v)
            month = dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m")
            mm = m["months"].setdefault(month, [0, 0.0, v, v])
            mm[0] += 1
            mm[1] += v
            mm[2] = min(mm[2], v)
            mm[3] = max(mm[3], v)

    def result(self) -> dict[str, dict[str, Any]]:
        out = {}
        for name, m in sorted(self.m.items()):
            def at(p: tuple[float, Any] | None) -> dict[str, Any] | None:
                return None if p is None else {"at": iso(dt.datetime.fromtimestamp(p[0], dt.UTC)), "value": p[1]}

            out[name] = {
                "count": m["count"], "min": m["min"], "max": m["max"], "mean": m["sum"] / m["count"],
                "first": at(m["first"]), "last": at(m["last"]),
                "series": [{"period": k, "count": c, "mean": s / c, "min": lo, "max": hi}
                           for k, (c, s, lo, hi) in sorted(m["months"].items())],
            }
        return out


def scan_log(path: Path, opts: LogsOptions, *, progress: Callable[[int], None] | None = None) -> LogSummary:
    """One streamed pass over a log file (JSONL or CSV)."""
    fmt = opts.format
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
    opts = _with_profile(opts)
    s = LogSummary(format=fmt)
    sc = _Scanner(opts, s)
    metrics = _Metrics(opts, lambda: sc.ts_field) if opts.kind == "monitoring_metrics" else None
    keep = opts.kind == "incident"
    hasher = _Hasher()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # records are acyclic and freed by reference counting; the cyclic GC only costs time here
    try:
        if fmt == "jsonl":
            _scan_jsonl(path, sc, metrics, keep, hasher, progress)
        else:
            _scan_csv(path, opts, sc, metrics, keep, hasher, progress)
    except OSError as exc:
        hasher.hexdigest()
        raise EvidenceError(f"cannot read log ({exc.strerror or exc})", where=str(path),
                            hint="check the path and its permissions") from None
    finally:
        if gc_was_enabled:
            gc.enable()
    s.sha256 = hasher.hexdigest()
    sc.finish()
    if metrics is not None:
        s.metrics = metrics.result()
    s.end_timestamp_field = opts.end_timestamp_field
    return s


def _with_profile(opts: LogsOptions) -> LogsOptions:
    if opts.profile != "rbi":
        return opts
    a12 = {k: (v or RBI_DEFAULTS[k]) for k, v in opts.art12.model_dump().items()}
    return opts.model_copy(update={"art12": Art12Fields(**a12)})


def _scan_jsonl(path: Path, sc: _Scanner, metrics: _Metrics | None, keep: bool, hasher: _Hasher,
                progress: Callable[[int], None] | None) -> None:
    s = sc.s
    n = 0
    loads = _loads
    for batch in _lines(path, hasher, progress):
        base = n
        n += len(batch)
        try:
            recs = list(map(loads, batch))
            clean = set(map(type, recs)) == {dict}
        except _JSONError:
            clean = False
        if clean:
            lines: list[int] | range = range(base + 1, n + 1)
        else:  # a blank or malformed line in this batch: sort it out line by line
            recs, lines = [], []
            for i, raw in enumerate(batch, base + 1):
                try:
                    rec = loads(raw)
                except _JSONError:
                    if not raw.strip():
                        s.blank_lines += 1
                    else:
                        sc.malformed(i, "not valid JSON")
                    continue
                if type(rec) is not dict:
                    sc.malformed(i, f"a JSON {type(rec).__name__}, not an object")
                    continue
                recs.append(rec)
                lines.append(i)
        sc.batch(recs, lines)
        if metrics is not None:
            for rec in recs:
                metrics.add(rec)
        if keep:
            s.records.extend(zip(lines, recs, strict=True))
    s.line_count = n
    s.size_bytes = path.stat().st_size


class _HashingReader(io.RawIOBase):
    """A raw reader that feeds every byte it returns to the hasher (for the CSV path)."""

    def __init__(self, fh: Any, hasher: _Hasher, progress: Callable[[int], None] | None) -> None:
        self.fh, self.hasher, self.progress, self.done = fh, hasher, progress, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.fh.read(len(b))
        n = len(data)
        b[:n] = data
        if n:
            self.hasher.update(bytes(data))
            self.done += n
            if self.progress is not None:
                self.progress(self.done)
        return n


def _scan_csv(path: Path, opts: LogsOptions, sc: _Scanner, metrics: _Metrics | None, keep: bool, hasher: _Hasher,
              progress: Callable[[int], None] | None) -> None:
    s = sc.s
    codecs.lookup(opts.encoding)
    with open(path, "rb", buffering=0) as fh:
        raw = io.BufferedReader(_HashingReader(fh, hasher, progress), buffer_size=CHUNK)
        text = io.TextIOWrapper(raw, encoding=opts.encoding, errors="replace", newline="")
        reader = csv.reader(text)
        header: list[str] | None = None
        prev_end = 0
        recs: list[dict[str, Any]] = []
        lines: list[int] = []

        def flush() -> None:
            sc.batch(recs, lines)
            if metrics is not None:
                for rec in recs:
                    metrics.add(rec)
            if keep:
                s.records.extend(zip(lines, recs, strict=True))
            recs.clear()
            lines.clear()

        try:
            for row in reader:
                start = prev_end + 1
                prev_end = reader.line_num
                if not row or all(not c.strip() for c in row):
                    s.blank_lines += 1
                    continue
                if header is None:
                    header = [h.strip().lstrip("\ufeff") for h in row]
                    continue
                if len(row) != len(header):
                    sc.malformed(start, f"has {len(row)} fields, the header has {len(header)}")
                    continue
                rec = {h: (c if c != "" else None) for h, c in zip(header, row, strict=True)}
                recs.append(rec)
                lines.append(start)
                if len(recs) >= 10000:
                    flush()
            flush()
        except csv.Error as exc:
            flush()
            sc.malformed(reader.line_num, f"CSV error ({exc}); the rest of the file was not read")
        # drain so the hash covers the whole file even after a CSV error
        while raw.read(CHUNK):
            pass
        s.line_count = reader.line_num
    s.size_bytes = path.stat().st_size


def _attributes(s: LogSummary, opts: LogsOptions) -> dict[str, Any]:
    opts = _with_profile(opts)
    rc = s.record_count
    fields = {k: {"present": v.present, "empty": v.empty, "missing": rc - v.present - v.empty}
              for k, v in s.fields.items()}

    def present(f: str | None) -> int | None:
        if not f:
            return None
        if "." in f:
            return s.nested_present.get(f, 0)
        fc = s.fields.get(f)
        return fc.present if fc else 0

    a12 = opts.art12.model_dump()
    hashed = s.hash_field is not None and rc > 0 and s.hashed_records == rc and s.broken_links_count == 0
    return {
        "format": s.format,
        "size_bytes": s.size_bytes,
        "line_count": s.line_count,
        "blank_lines": s.blank_lines,
        "record_count": rc,
        "timestamp_field": s.timestamp_field,
        "end_timestamp_field": s.end_timestamp_field,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "timestamp_missing": s.timestamp_missing,
        "timestamp_missing_lines": s.timestamp_missing_lines,
        "out_of_order": s.out_of_order,
        "gap_threshold_seconds": opts.gap_seconds,
        "gap_count": s.gap_count,
        "largest_gap_seconds": s.largest_gap_seconds,
        "gaps": s.gaps,
        "fields": fields,
        "expected_fields": list(opts.expected_fields),
        "expected_present": {f: present(f) for f in opts.expected_fields},
        "missing_expected_fields": sorted(f for f in opts.expected_fields if (present(f) or 0) < rc or rc == 0),
        "art12_fields": a12,
        "art12_present": {k: present(v) for k, v in a12.items()},
        "malformed_count": s.malformed_count,
        "malformed": s.malformed,
        "malformed_truncated": s.malformed_count > len(s.malformed),
        "hash_field": s.hash_field,
        "prev_hash_field": s.prev_hash_field,
        "hashed_records": s.hashed_records,
        "hash_chained": hashed,
        "record_hashes_verified": bool(opts.verify_record_hashes and s.hash_field),
        "broken_links_count": s.broken_links_count,
        "broken_links": s.broken_links,
    }


class LogsCollector:
    name = "logs"
    version = VERSION
    Options = LogsOptions

    def collect(self, options: LogsOptions, ctx: CollectContext) -> Iterator[Collected]:
        folder = ctx.resolve(options.path)
        files = list(iter_files(folder, include=options.include, exclude=options.exclude))
        total = 0
        for f in files:
            try:
                total += f.stat().st_size
            except OSError:
                pass
        base_done = 0
        for f in files:
            try:
                size = f.stat().st_size
            except OSError as exc:
                raise EvidenceError(f"cannot read log ({exc.strerror or exc})", where=str(f)) from None
            s = scan_log(f, options, progress=lambda d, b=base_done: ctx.report(b + d, total))
            base_done += size
            uri = ctx.uri(f)
            blob = Blob(sha256=s.sha256, size=s.size_bytes, path=f)
            attrs = _attributes(s, options)
            iid = f"log:{uri}"
            if options.kind == "log_stream":
                yield Collected(id=iid, kind="log_stream", blob=blob, source_uri=uri, title=f"Log {uri}",
                                attributes=jsonable(attrs), node_type="log_stream",
                                edges=(edge(iid, SYSTEM_NODE, "part_of"),))
            elif options.kind == "monitoring_metrics":
                attrs = {**attrs, "metric_field": options.metric_field, "value_field": options.value_field,
                         "metrics": s.metrics}
                yield Collected(id=iid, kind="monitoring_metrics", blob=blob, source_uri=uri,
                                title=f"Monitoring metrics {uri}", attributes=jsonable(attrs), node_type="log_stream",
                                edges=(edge(iid, SYSTEM_NODE, "part_of"),))
            else:
                yield from _incidents(s, attrs, iid, uri, blob)


def _incidents(s: LogSummary, attrs: dict[str, Any], iid: str, uri: str, blob: Blob) -> Iterator[Collected]:
    from .documents import normalise_record

    malformed = list(attrs["malformed"])
    good: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    for line, raw in s.records:
        rec, why = normalise_record("incident", raw)
        if rec is None:
            malformed.append({"line": line, "reason": why})
            continue
        rid = str(rec["id"]) if rec.get("id") not in (None, "") else f"L{line}"
        if rid in seen:
            malformed.append({"line": line, "reason": f"duplicate id '{rid}'"})
            continue
        seen.add(rid)
        rec["id"] = rid
        rec["line"] = line
        good.append((line, rec))
    rs = {**attrs, "record_kind": "incident", "record_count": len(good),
          "malformed_count": attrs["malformed_count"] + len(malformed) - len(attrs["malformed"]),
          "malformed": sorted(malformed, key=lambda m: m["line"])}
    yield Collected(id=iid, kind="record_set", blob=blob, source_uri=uri, title=f"Incident log {uri}",
                    attributes=jsonable(rs))
    for line, rec in good:
        rid = f"incident:{uri}#{rec['id']}"
        yield Collected(id=rid, kind="incident", blob=blob, source_uri=uri, title=str(rec.get("description") or rid),
                        attributes=rec, line=line, node_type="incident", edges=(edge(rid, SYSTEM_NODE, "part_of"),))
