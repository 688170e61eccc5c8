"""Collector ``logs``: JSONL and CSV inference/audit logs, streamed (never loaded whole).

``kind: log_stream`` (default) summarises a log for Art 12 (record-keeping) and Arts 19/26(6): the
period covered, record count, per-field completeness (against configurable expected fields and the
Art 12(3) fields for remote biometric identification), gaps in time, malformed lines (counted, with
line numbers, never a crash), and whether records are hash-chained (with the broken links).

``kind: monitoring_metrics`` summarises metric records over time for Art 72 post-market monitoring
(per metric: count, first/last, min/max/mean, and a monthly series). ``kind: incident`` turns each
record of an incident log into an ``incident`` item for Art 73 (same fields as the documents
collector's incident records).

A file is read once, in binary chunks; its sha256 is computed on the same pass (in a second thread,
since hashlib releases the GIL) and the store copies it afterwards by streaming. Memory stays flat:
only counters, the first ``max_listed`` problem lines and (for monitoring) per-month aggregates are
kept.

On one core all this runs at about the speed of a bare ``json.loads`` loop, so a large JSONL file
(``SPLIT_BYTES`` or more) is cut into byte ranges at line starts and the ranges are scanned at once,
one per process; each range's scanner keeps its first and last timestamp and hash link, so merging
them in file order checks what crosses each boundary and yields the very summary one pass would
(``_Scanner.absorb``).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import errno
import hashlib
import io
import itertools
import json
import math
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter, methodcaller, sub
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..engine.errors import EvidenceError
from ..engine.gcpause import gc_paused  # records are acyclic: freed by reference counting
from ._docitems import SYSTEM_NODE
from .base import Blob, CollectContext, Collected, SourceOptions, edge, iso, iter_files, jsonable

try:  # orjson is a declared dependency; fall back to the stdlib if a build lacks it
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
    _JSONError: type[Exception] = orjson.JSONDecodeError
except ImportError:  # pragma: no cover
    _loads = json.loads
    _JSONError = ValueError

__all__ = ["LogsCollector", "LogsOptions", "Art12Fields", "scan_log", "scan_processes", "LogSummary"]

VERSION = "1.1.0"
CHUNK = 1 << 20  # a batch of ~2,000 records: parsing stays in the CPU cache and memory stays small
SPLIT_BYTES = 64 << 20  # a JSONL file this large is scanned in byte ranges by several processes
MAX_PROCESSES = 4  # each scanning process holds about 50 MB
RANGE_BYTES = 16 << 20  # the split scan hands out ranges about this large, to whichever process is free
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


class _FileHasher:
    """sha256 of a file's first ``size`` bytes, read by a thread of its own (the split scan's hash).

    The parsers read byte ranges in other processes, so nobody hands this thread the bytes; reading
    the file a second time from the page cache costs far less than the hashing itself.
    """

    def __init__(self, path: Path, size: int) -> None:
        self.path, self.size = path, size
        self.h = hashlib.sha256()
        self.error: OSError | None = None
        self.cancelled = threading.Event()
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self) -> None:
        buf = bytearray(CHUNK)
        view = memoryview(buf)
        left = self.size
        try:
            with open(self.path, "rb", buffering=0) as fh:
                while left > 0 and not self.cancelled.is_set():
                    n = fh.readinto(view[:min(CHUNK, left)])
                    if not n:
                        raise OSError(errno.EIO, f"the file shrank while it was read ({left} bytes short)")
                    self.h.update(view[:n])
                    left -= n
        except OSError as exc:
            self.error = exc

    def hexdigest(self) -> str:
        self.t.join()
        if self.error is not None:
            raise self.error
        return self.h.hexdigest()

    def cancel(self) -> None:
        self.cancelled.set()


def _lines(path: Path, on_chunk: Callable[[bytes], None] | None, progress: Callable[[int], None] | None,
           start: int = 0, end: int | None = None) -> Iterator[list[bytes]]:
    """Batches of lines (without newline) of bytes ``start:end`` (``end=None``: to the end of the file).

    Read in CHUNK-sized binary blocks; ``progress`` gets the bytes read so far. ``start`` must be a
    line start, so a range yields exactly the lines that a pass over the whole file yields there.
    """
    rest = b""
    done = 0
    left = -1 if end is None else end - start
    with open(path, "rb", buffering=0) as fh:
        if start:
            fh.seek(start)
        while left:
            chunk = fh.read(CHUNK if left < 0 else min(CHUNK, left))
            if not chunk:
                break
            if left > 0:
                left -= len(chunk)
            if on_chunk is not None:
                on_chunk(chunk)
            done += len(chunk)
            lines = chunk.split(b"\n")  # split the chunk itself: joining it to the rest first copies it twice
            if rest:
                lines[0] = rest + lines[0]
            rest = lines.pop()  # the part after the last newline: the start of the next line
            if lines:
                yield lines
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


def _listed(into: list[Any], items: Iterable[Any], room: int) -> None:
    """Append ``items`` to ``into`` while ``into`` holds fewer than ``room`` entries."""
    left = room - len(into)
    if left > 0:
        into.extend(itertools.islice(items, left))


def _shifted(entries: list[dict[str, Any]], base: int, *keys: str) -> Iterator[dict[str, Any]]:
    """``entries`` with the line numbers under ``keys`` moved on by ``base`` lines."""
    for e in entries:
        yield {**e, **{k: e[k] + base for k in keys}}


@dataclass(frozen=True)
class _Decision:
    """The fields picked from a log's first record: the timestamp and the hash-chain fields."""

    ts_field: str | None
    hash_field: str | None
    prev_field: str | None


def _decide(opts: LogsOptions, rec: dict[str, Any]) -> _Decision:
    """Pick the timestamp and hash-chain fields from a log's first record, unless configured."""
    ts_field, hash_field, prev_field = opts.timestamp_field, opts.hash_field, opts.prev_hash_field
    if ts_field is None:
        ts_field = next((c for c in TIMESTAMP_CANDIDATES if c in rec), None)
    if hash_field is None and prev_field is None:
        for h, p in HASH_CANDIDATES:
            if h in rec and p in rec:
                hash_field, prev_field = h, p
                break
    elif hash_field is None or prev_field is None:
        hash_field = hash_field or "hash"
        prev_field = prev_field or "prev_hash"
    return _Decision(ts_field, hash_field, prev_field)


class _Scanner:
    """Bookkeeping shared by the JSONL and CSV readers, done a batch of records at a time.

    Most work runs as C-level passes over a batch (``Counter`` of key tuples, ``list.count``, ``map``
    over timestamps, list equality for hash links); Python-level loops run only where a batch has
    something to report (a gap, a broken link, an unparseable timestamp).

    A scanner of one byte range of a file keeps what its neighbours need - its first and last
    timestamp and hash link - so :meth:`absorb` can append it to the scanner of the ranges before it
    and land in exactly the state of one pass over both (``_scan_split``).
    """

    def __init__(self, opts: LogsOptions, summary: LogSummary, decision: _Decision | None = None) -> None:
        self.o = opts
        self.s = summary
        self.sigs: Counter[tuple[str, ...]] = Counter()
        self.empties: Counter[str] = Counter()
        self.nested = sorted({f for f in self._wanted() if "." in f})
        self.nested_counts = dict.fromkeys(self.nested, 0)
        self.prev_ts: float | None = None
        self.prev_line = 0
        self.first_ts: tuple[float, int] | None = None  # (time, line) of the first readable timestamp
        self.min_ts: float | None = None
        self.max_ts: float | None = None
        self.last_hash: Any = None
        self.first_hashed = True
        self.first_link: tuple[Any, Any, int] | None = None  # (hash, prev hash, line) of the first record
        self.ts_field = opts.timestamp_field
        self.hash_field = opts.hash_field
        self.prev_field = opts.prev_hash_field
        self.decided = False
        if decision is not None:
            self._use(decision)
        self.metrics = _Metrics(opts) if opts.kind == "monitoring_metrics" else None
        self.keep = opts.kind == "incident"

    def _use(self, d: _Decision) -> None:
        self.decided = True
        self.ts_field, self.hash_field, self.prev_field = d.ts_field, d.hash_field, d.prev_field

    def _wanted(self) -> list[str]:
        a12 = self.o.art12.model_dump()
        return [*self.o.expected_fields, *(v for v in a12.values() if v)]

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
            self._use(_decide(self.o, recs[0]))
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
        if self.metrics is not None:
            for rec in recs:
                self.metrics.add(rec, self.ts_field)
        if self.keep:
            s.records.extend(zip(lines, recs, strict=True))

    def _times(self, recs: list[dict[str, Any]], lines: list[int] | range) -> None:
        s = self.s
        if self.ts_field is None:
            s.timestamp_missing += len(recs)
            _listed(s.timestamp_missing_lines, lines, self.o.max_listed)
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
        if self.prev_ts is None:
            self.first_ts = (vals[0], tl[0])
        seq = vals if self.prev_ts is None else [self.prev_ts, *vals]
        seq_lines = list(tl) if self.prev_ts is None else [self.prev_line, *tl]
        if len(seq) > 1:
            diffs = list(map(sub, seq[1:], seq[:-1]))
            if min(diffs) < 0:
                s.out_of_order += sum(1 for d in diffs if d < 0)
            if max(diffs) > self.o.gap_seconds:
                for i, d in enumerate(diffs):
                    if d > self.o.gap_seconds:
                        self._gap(seq[i], seq_lines[i], seq[i + 1], seq_lines[i + 1])
        self.prev_ts = vals[-1]
        self.prev_line = tl[-1]

    def _gap(self, t0: float, line0: int, t1: float, line1: int) -> None:
        s = self.s
        d = t1 - t0
        s.gap_count += 1
        if s.largest_gap_seconds is None or d > s.largest_gap_seconds:
            s.largest_gap_seconds = d
        if len(s.gaps) < self.o.max_listed:
            s.gaps.append({"after_line": line0, "before_line": line1,
                           "from": iso(dt.datetime.fromtimestamp(t0, dt.UTC)),
                           "to": iso(dt.datetime.fromtimestamp(t1, dt.UTC)), "seconds": d})

    def _chain(self, recs: list[dict[str, Any]], lines: list[int] | range) -> None:
        """Check each record's previous-hash against the hash of the record before it.

        Broken links are listed in line order (a record's link before its own hash mismatch), so the
        list does not depend on where batches - or the ranges of a split scan - begin.
        """
        s = self.s
        hf, pf = self.hash_field, self.prev_field
        hcol = list(map(methodcaller("get", hf), recs))
        pcol = list(map(methodcaller("get", pf), recs))
        if self.first_hashed:
            self.first_link = (hcol[0], pcol[0], lines[0])
        mismatched: set[int] = set()
        if self.o.verify_record_hashes:
            mismatched = {i for i, (r, h) in enumerate(zip(recs, hcol, strict=True))
                          if h is not None and _record_hash(r, hf) != h}  # type: ignore[arg-type]
        linked = None not in hcol and (pcol[1:] == hcol[:-1] if self.first_hashed
                                       else pcol == [self.last_hash, *hcol[:-1]])
        if linked and not mismatched:
            s.hashed_records += len(recs)
        else:
            last, first = self.last_hash, self.first_hashed
            for i, (h, p, ln) in enumerate(zip(hcol, pcol, lines, strict=True)):
                if h is not None:
                    s.hashed_records += 1
                    if not first and p != last:
                        self._broken(ln, f"'{pf}' does not match the previous record's '{hf}'")
                else:
                    self._broken(ln, f"record has no '{hf}'")
                if i in mismatched:
                    s.record_hash_mismatches += 1
                    self._broken(ln, f"'{hf}' is not the sha256 of the record")
                first, last = False, h
        self.first_hashed = False
        self.last_hash = hcol[-1]

    def _broken(self, line: int, reason: str) -> None:
        s = self.s
        s.broken_links_count += 1
        if len(s.broken_links) < self.o.max_listed:
            s.broken_links.append({"line": line, "reason": reason})

    def absorb(self, later: _Scanner, base: int) -> None:
        """Append the scan of the byte range that follows this one; ``base``: the lines before it.

        Counts add up, listed problems concatenate (first ``max_listed`` kept) with ``later``'s line
        numbers moved on by ``base``, and what crosses the boundary is checked here: the time step
        from this range's last timestamp to ``later``'s first (order, gap) and the hash link from this
        range's last record to ``later``'s first. (``first_ts`` and ``first_link`` serve only that
        check, so they are not carried over.)
        """
        s, t, room = self.s, later.s, self.o.max_listed
        s.line_count += t.line_count
        s.blank_lines += t.blank_lines
        s.record_count += t.record_count
        s.malformed_count += t.malformed_count
        _listed(s.malformed, _shifted(t.malformed, base, "line"), room)
        s.timestamp_missing += t.timestamp_missing
        _listed(s.timestamp_missing_lines, (ln + base for ln in t.timestamp_missing_lines), room)
        self.sigs.update(later.sigs)
        self.empties.update(later.empties)
        for f, n in later.nested_counts.items():
            self.nested_counts[f] += n
        self._absorb_times(later, base)
        self._absorb_chain(later, base)
        if self.metrics is not None and later.metrics is not None:
            self.metrics.absorb(later.metrics)
        s.records.extend((ln + base, rec) for ln, rec in t.records)

    def _absorb_times(self, later: _Scanner, base: int) -> None:
        s, t = self.s, later.s
        if later.first_ts is not None and self.prev_ts is not None:
            t1, line1 = later.first_ts
            d = t1 - self.prev_ts
            if d < 0:
                s.out_of_order += 1
            if d > self.o.gap_seconds:
                self._gap(self.prev_ts, self.prev_line, t1, line1 + base)
        s.out_of_order += t.out_of_order
        s.gap_count += t.gap_count
        if t.largest_gap_seconds is not None and (s.largest_gap_seconds is None
                                                  or t.largest_gap_seconds > s.largest_gap_seconds):
            s.largest_gap_seconds = t.largest_gap_seconds
        _listed(s.gaps, _shifted(t.gaps, base, "after_line", "before_line"), self.o.max_listed)
        if later.first_ts is not None:
            self.prev_ts, self.prev_line = later.prev_ts, later.prev_line + base
        if later.min_ts is not None and (self.min_ts is None or later.min_ts < self.min_ts):
            self.min_ts = later.min_ts
        if later.max_ts is not None and (self.max_ts is None or later.max_ts > self.max_ts):
            self.max_ts = later.max_ts

    def _absorb_chain(self, later: _Scanner, base: int) -> None:
        s, t = self.s, later.s
        if later.first_link is not None:
            h, p, line = later.first_link
            if not self.first_hashed and h is not None and p != self.last_hash:
                self._broken(line + base, f"'{self.prev_field}' does not match the previous record's "
                                          f"'{self.hash_field}'")
            self.first_hashed = False
            self.last_hash = later.last_hash
        s.hashed_records += t.hashed_records
        s.record_hash_mismatches += t.record_hash_mismatches
        s.broken_links_count += t.broken_links_count
        _listed(s.broken_links, _shifted(t.broken_links, base, "line"), self.o.max_listed)

    def finish(self) -> None:
        s = self.s
        if s.record_count:  # fields are picked from the first record, so none without records
            s.timestamp_field = self.ts_field
            s.hash_field, s.prev_hash_field = self.hash_field, self.prev_field
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
        if self.metrics is not None:
            s.metrics = self.metrics.result()


_fromiso = dt.datetime.fromisoformat
_tzinfo = attrgetter("tzinfo")


class _Sum:
    """An exact running sum of floats and ints, so it does not depend on the order of the terms.

    A finite float is an integer multiple of 2**-1074, so the sum is kept as that integer; the figure
    is rounded once, at the end. Sums of byte ranges scanned apart therefore add up to exactly the
    sum of one pass. Infinities are summed apart (inf + -inf is nan, in any order).
    """

    __slots__ = ("units", "special")
    SHIFT = 1074

    def __init__(self) -> None:
        self.units = 0
        self.special = 0.0

    def add(self, v: float) -> None:
        if type(v) is float and not math.isfinite(v):
            self.special += v
            return
        num, den = v.as_integer_ratio()
        self.units += num << (self.SHIFT - den.bit_length() + 1)

    def absorb(self, other: _Sum) -> None:
        self.units += other.units
        self.special += other.special

    def value(self) -> float:
        if self.special != 0.0:  # an infinity, or nan (which is != everything)
            return self.special
        try:
            return self.units / (1 << self.SHIFT)
        except OverflowError:  # beyond the largest float
            return math.inf if self.units > 0 else -math.inf

    def __getstate__(self) -> tuple[int, float]:
        return self.units, self.special

    def __setstate__(self, state: tuple[int, float]) -> None:
        self.units, self.special = state


@dataclass
class _Stat:
    """count / exact sum / min / max of one metric, overall or in one month."""

    count: int
    total: _Sum
    lo: Any
    hi: Any

    @classmethod
    def of(cls, v: Any) -> _Stat:
        return cls(0, _Sum(), v, v)

    def add(self, v: Any) -> None:
        self.count += 1
        self.total.add(v)
        self.lo = min(self.lo, v)
        self.hi = max(self.hi, v)

    def absorb(self, later: _Stat) -> None:  # min/max keep the earlier of equal values, as add() does
        self.count += later.count
        self.total.absorb(later.total)
        self.lo = min(self.lo, later.lo)
        self.hi = max(self.hi, later.hi)


@dataclass
class _Metric:
    stat: _Stat
    first: tuple[float, Any] | None = None  # (time, value): the earliest; the first of equal times
    last: tuple[float, Any] | None = None  # the latest; the last of equal times
    months: dict[str, _Stat] = field(default_factory=dict)


class _Metrics:
    """Per-metric time-series summary for monitoring logs (Art 72)."""

    def __init__(self, opts: LogsOptions) -> None:
        self.o = opts
        self.m: dict[str, _Metric] = {}

    def add(self, rec: dict[str, Any], tf: str | None) -> None:
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
            m = self.m[name] = _Metric(_Stat.of(v))
        m.stat.add(v)
        if t is not None:
            if m.first is None or t < m.first[0]:
                m.first = (t, v)
            if m.last is None or t >= m.last[0]:
                m.last = (t, v)
            month = dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m")
            mm = m.months.get(month)
            if mm is None:
                mm = m.months[month] = _Stat.of(v)
            mm.add(v)

    def absorb(self, later: _Metrics) -> None:
        """Append the metrics of the records that follow (the same as adding them one by one)."""
        for name, lm in later.m.items():
            m = self.m.get(name)
            if m is None:
                self.m[name] = lm
                continue
            m.stat.absorb(lm.stat)
            if lm.first is not None and (m.first is None or lm.first[0] < m.first[0]):
                m.first = lm.first
            if lm.last is not None and (m.last is None or lm.last[0] >= m.last[0]):
                m.last = lm.last
            for month, ls in lm.months.items():
                if month in m.months:
                    m.months[month].absorb(ls)
                else:
                    m.months[month] = ls

    def result(self) -> dict[str, dict[str, Any]]:
        def at(p: tuple[float, Any] | None) -> dict[str, Any] | None:
            return None if p is None else {"at": iso(dt.datetime.fromtimestamp(p[0], dt.UTC)), "value": p[1]}

        out = {}
        for name, m in sorted(self.m.items()):
            st = m.stat
            out[name] = {
                "count": st.count, "min": st.lo, "max": st.hi, "mean": st.total.value() / st.count,
                "first": at(m.first), "last": at(m.last),
                "series": [{"period": k, "count": ms.count, "mean": ms.total.value() / ms.count, "min": ms.lo,
                            "max": ms.hi} for k, ms in sorted(m.months.items())],
            }
        return out


def scan_log(path: Path, opts: LogsOptions, *, progress: Callable[[int], None] | None = None,
             processes: int | None = None, split_bytes: int | None = None) -> LogSummary:
    """One streamed pass over a log file (JSONL or CSV); ``progress`` gets the bytes read so far.

    A JSONL file of at least ``split_bytes`` (default ``SPLIT_BYTES``) is cut into byte ranges of
    about ``RANGE_BYTES`` that up to ``processes`` processes scan at once (default: the CPUs this
    process may use, at most ``MAX_PROCESSES``); the result is identical, field for field, to one
    pass. CSV is always one pass: a quoted field may hold a newline, so no byte offset is known to
    start a row without reading everything before it.
    """
    fmt = opts.format
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
    opts = _with_profile(opts)
    try:
        if fmt == "jsonl":
            size = path.stat().st_size
            n = scan_processes(size, processes=processes, split_bytes=split_bytes)
            bounds = _split_points(path, max(n, -(-size // RANGE_BYTES))) if n > 1 else []
            if len(bounds) > 2:
                return _scan_split(path, opts, bounds, progress, workers=min(n, len(bounds) - 1) - 1)
        return _scan_one(path, fmt, opts, progress)
    except OSError as exc:
        raise EvidenceError(f"cannot read log ({exc.strerror or exc})", where=str(path),
                            hint="check the path and its permissions") from None


def scan_processes(size: int, *, processes: int | None = None, split_bytes: int | None = None) -> int:
    """How many processes :func:`scan_log` uses for a JSONL file of ``size`` bytes (1: one pass here).

    Fewer are used if the file has fewer lines than that (a range must start a line), and a worker
    still starting when every range is taken is stopped unused.
    """
    if size == 0 or size < (SPLIT_BYTES if split_bytes is None else split_bytes):
        return 1
    if not sys.executable or getattr(sys, "frozen", False):  # no interpreter to start workers with
        return 1
    if processes is None:
        import multiprocessing  # here: only large files need it, and it is not free to import

        if multiprocessing.parent_process() is not None:  # a pool's worker: the pool spreads the CPUs
            return 1
        try:
            cpus = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not on Linux
            cpus = os.cpu_count() or 1
        processes = min(cpus, MAX_PROCESSES)
    return max(1, processes)


def _scan_one(path: Path, fmt: str, opts: LogsOptions, progress: Callable[[int], None] | None) -> LogSummary:
    s = LogSummary(format=fmt)
    sc = _Scanner(opts, s)
    hasher = _Hasher()
    try:
        with gc_paused():
            if fmt == "jsonl":
                s.line_count = _scan_jsonl(path, sc, hasher.update, progress)
            else:
                _scan_csv(path, opts, sc, hasher, progress)
            s.size_bytes = path.stat().st_size
    finally:
        s.sha256 = hasher.hexdigest()
    sc.finish()
    s.end_timestamp_field = opts.end_timestamp_field
    return s


def _with_profile(opts: LogsOptions) -> LogsOptions:
    if opts.profile != "rbi":
        return opts
    a12 = {k: (v or RBI_DEFAULTS[k]) for k, v in opts.art12.model_dump().items()}
    return opts.model_copy(update={"art12": Art12Fields(**a12)})


def _scan_jsonl(path: Path, sc: _Scanner, on_chunk: Callable[[bytes], None] | None,
                progress: Callable[[int], None] | None, start: int = 0, end: int | None = None) -> int:
    """Scan the lines of bytes ``start:end`` into ``sc``, numbered from 1; returns how many lines."""
    s = sc.s
    n = 0
    loads = _loads
    for batch in _lines(path, on_chunk, progress, start, end):
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
    return n


# --- the split scan: byte ranges of one JSONL file in worker processes -------------------------------

def _split_points(path: Path, n: int) -> list[int]:
    """``[0, b1, ..., size]``: at most ``n`` ranges, each after the first starting a line.

    A range ends just past the first newline at or after its share of the file, so a line is never
    cut; a line longer than a share leaves fewer ranges.
    """
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        bounds = [0]
        for k in range(1, n):
            pos = max(size * k // n, bounds[-1])
            fh.seek(pos)
            while True:
                block = fh.read(1 << 16)
                if not block:
                    pos = size
                    break
                cut = block.find(b"\n")
                if cut >= 0:
                    pos += cut + 1
                    break
                pos += len(block)
            if pos >= size:
                break
            bounds.append(pos)
        bounds.append(size)
    return bounds


def _first_decision(path: Path, opts: LogsOptions, size: int) -> _Decision | None:
    """The fields a one-pass scan would pick from the file's first JSON object (None: no object)."""
    for batch in _lines(path, None, None, 0, size):
        for raw in batch:
            try:
                rec = _loads(raw)
            except _JSONError:
                continue
            if type(rec) is dict:
                return _decide(opts, rec)
    return None


def _scan_range(path: Path, opts: LogsOptions, decision: _Decision | None, start: int, end: int,
                progress: Callable[[int], None] | None) -> _Scanner:
    """Scan the lines of bytes ``start:end`` (line numbers from 1 within the range)."""
    sc = _Scanner(opts, LogSummary(format="jsonl"), decision)
    with gc_paused():
        sc.s.line_count = _scan_jsonl(path, sc, None, progress, start, end)
    return sc


class _Jobs:
    """The byte ranges of a split scan, handed out in file order to whichever process asks first.

    Ranges are many and small (``RANGE_BYTES``), so a process that gets more CPU - the machine may be
    busy with other work - scans more of them, and all finish at about the same time.
    """

    def __init__(self, bounds: list[int]) -> None:
        self.bounds = bounds
        self.lock = threading.Lock()
        self.next = 0
        self.failed = False
        self.results: list[_Scanner | None] = [None] * (len(bounds) - 1)

    def take(self) -> int | None:
        """The next range to scan (None: none left). Call with ``lock`` held."""
        if self.failed or self.next >= len(self.results):
            return None
        self.next += 1
        return self.next - 1

    def span(self, k: int) -> tuple[int, int]:
        return self.bounds[k], self.bounds[k + 1]


# A worker is a fresh interpreter. It reads from stdin sys.path, then (path, opts, decision), then one
# (start, end) range at a time until None; it answers on stdout in frames - a tag byte, an 8-byte
# big-endian length, the payload: READY once, PROGRESS (bytes of the range read), a RESULT per range.
_WORKER_CODE = ("import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
                f"from {__name__} import _worker_main; _worker_main()")
_READY, _PROGRESS, _RESULT = b"h", b"p", b"r"


def _worker_main() -> None:
    """Entry point of a worker process (see ``_WORKER_CODE``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    out, inp = sys.stdout.buffer, sys.stdin.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answer channel

    def send(tag: bytes, payload: bytes) -> None:
        out.write(tag + len(payload).to_bytes(8, "big") + payload)
        out.flush()

    try:
        path, opts, decision = pickle.load(inp)
        send(_READY, b"")
        while (job := pickle.load(inp)) is not None:
            start, end = job
            try:
                answer: tuple[str, Any] = ("ok", _scan_range(
                    path, opts, decision, start, end, lambda done: send(_PROGRESS, done.to_bytes(8, "big"))))
            except Exception as exc:  # handed to the parent, which raises it
                answer = ("error", exc)
            try:
                payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle: send its text
                payload = pickle.dumps(("error", RuntimeError("".join(traceback.format_exception(answer[1])))))
            send(_RESULT, payload)
    except (EOFError, BrokenPipeError):  # the parent is gone or stopped this worker
        pass


class _Worker:
    """One worker process; a thread of this process feeds it ranges and reads its answers."""

    def __init__(self, path: Path, opts: LogsOptions, decision: _Decision | None, jobs: _Jobs) -> None:
        self.where = str(path)
        self.jobs = jobs
        self.current: int | None = None  # the range it is scanning
        self.finished = 0  # bytes of the ranges it has scanned
        self.done = 0  # and of the current range, read so far
        self.error: BaseException | None = None
        self.proc = subprocess.Popen([sys.executable, "-c", _WORKER_CODE], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin = self.proc.stdin
        try:
            pickle.dump(sys.path, self.stdin)
            pickle.dump((path, opts, decision), self.stdin)
            self.stdin.flush()
        except BrokenPipeError:  # it died at once; the reader reports how
            pass
        self.reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self.reader.start()

    def _next(self) -> None:
        """Hand the worker the next range, or tell it to stop."""
        with self.jobs.lock:
            k = self.current = self.jobs.take()
        try:
            pickle.dump(None if k is None else self.jobs.span(k), self.stdin)
            self.stdin.flush()
            if k is None:
                self.stdin.close()
        except (BrokenPipeError, ValueError):  # it died (the reader reports how) or was stopped
            pass

    def _read(self, stdout: IO[bytes]) -> None:
        with stdout:
            while len(head := stdout.read(9)) == 9:
                payload = stdout.read(int.from_bytes(head[1:], "big"))
                tag = head[:1]
                if tag == _PROGRESS:
                    self.done = self.finished + int.from_bytes(payload, "big")
                    continue
                if tag == _RESULT:
                    status, value = pickle.loads(payload)
                    if status != "ok":
                        self._fail(value)
                    elif self.current is not None:
                        self.jobs.results[self.current] = value
                        start, end = self.jobs.span(self.current)
                        self.finished += end - start
                        self.done = self.finished
                self._next()  # after READY or a result
        if self.current is not None and self.error is None:
            code = self.proc.wait()
            self._fail(EvidenceError(f"a log scan worker process ended without an answer (exit code {code})",
                                     where=self.where, hint="see its error above; run the command again"))

    def _fail(self, error: BaseException) -> None:
        self.error = error
        with self.jobs.lock:
            self.jobs.failed = True  # hand out no more ranges: the scan is lost

    def running(self, timeout: float) -> bool:
        self.reader.join(timeout)
        return self.reader.is_alive()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.reader.join()
        with contextlib.suppress(OSError, ValueError):
            self.stdin.close()


def _scan_split(path: Path, opts: LogsOptions, bounds: list[int], progress: Callable[[int], None] | None,
                workers: int, *, scan_here: bool = True) -> LogSummary:
    """Scan the ranges ``bounds`` cuts the file into at once, and merge them into one pass's summary.

    ``workers`` worker processes and this one (unless ``scan_here`` is false, which tests use to
    exercise the workers) take ranges in turn; a thread here hashes the whole file meanwhile. Workers
    are fresh interpreters started with ``subprocess``, not ``multiprocessing``: forking a process
    that runs threads (the hasher, a progress display) can hand the child a lock held forever, and
    multiprocessing's 'spawn' and 'forkserver' re-import the caller's ``__main__``, which a library
    cannot require to be safe to import. ``progress`` gets the bytes read by all the processes, and is
    called from this thread only, as in one pass.
    """
    size = bounds[-1]
    decision = _first_decision(path, opts, size)
    hasher = _FileHasher(path, size)
    jobs = _Jobs(bounds)
    pool: list[_Worker] = []
    finished = 0  # bytes of the ranges this process has scanned
    mine = 0  # and of the current one, read so far

    def report() -> None:
        if progress is not None:
            progress(mine + sum(w.done for w in pool))

    def here(done: int) -> None:
        nonlocal mine
        mine = finished + done
        report()

    try:
        pool.extend(_Worker(path, opts, decision, jobs) for _ in range(workers))
        while scan_here:
            with jobs.lock:
                k = jobs.take()
            if k is None:
                break
            start, end = jobs.span(k)
            jobs.results[k] = _scan_range(path, opts, decision, start, end, here)
            finished += end - start
            mine = finished
        with jobs.lock:  # every range is taken: a worker without one (still starting, say) is not needed
            idle = [w for w in pool if w.current is None] if scan_here else []
        for w in idle:
            w.stop()
        for w in pool:
            while w.running(0.2):
                report()
            report()
        errors = [w.error for w in pool if w.error is not None]
        if errors:
            raise errors[0]
    except BaseException:
        hasher.cancel()
        raise
    finally:
        for w in pool:
            w.stop()
    scans = [sc for sc in jobs.results if sc is not None]
    if len(scans) != len(jobs.results):  # every worker ended well, so this is a bug
        raise RuntimeError(f"{path}: {len(jobs.results) - len(scans)} byte ranges were not scanned")
    sc = scans[0]
    for later in scans[1:]:
        sc.absorb(later, sc.s.line_count)
    if progress is not None:
        progress(size)
    s = sc.s
    s.sha256 = hasher.hexdigest()
    s.size_bytes = size
    sc.finish()
    s.end_timestamp_field = opts.end_timestamp_field
    return s


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


def _scan_csv(path: Path, opts: LogsOptions, sc: _Scanner, hasher: _Hasher,
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
