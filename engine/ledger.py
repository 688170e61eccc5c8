"""The audit ledger: an append-only, hash-chained record of every evaluation, in SQLite.

Where it lives: ``<workspace>/.aiconform/ledger.sqlite`` (WAL journal), with two companions:

- ``.aiconform/ledger.anchor.json`` -- the sequence number and hash of the newest record seen by a writer
  (a checkpoint of the chain's head). Deleting the last records of the chain cannot be seen from the chain
  alone; comparing with the anchor shows it. The anchor is advanced after each commit under a file lock, so
  it only moves forward and never points past what was committed (a run killed between commit and anchor
  update leaves the anchor one record behind, which is still consistent).
- ``.aiconform/results/<sha256>.json`` -- the canonical JSON of each recorded Report (content-addressed by its
  results digest), and ``.aiconform/bundles/<sha256>/`` -- a copy of each distinct policy bundle, so
  ``aiconform reproduce RUN_ID`` can re-evaluate with exactly the recorded policies after they changed.

Each record holds: seq, run_id, recorded_at, system, system version, as_of, tier, summary, inputs digest
(answers + evidence manifest), evidence-manifest digest, policy-bundle digest, aiconform / engine / OPA
versions, results digest (canonical JSON of the Report, RFC 8785), report digests (rendered files), signer,
prev_hash and record_hash. ``record_hash`` = sha256 over the canonical JSON of every other column exactly as
stored; ``prev_hash`` is the previous record's ``record_hash`` (the first record links to 64 zeros).

:meth:`Ledger.verify` recomputes the chain and names every record that was edited, deleted, moved or cut
off. A file that is not a readable ledger raises :class:`~aiconform.engine.errors.LedgerError` (exit 2);
aiconform never recreates a ledger over a damaged or missing one when an anchor says it existed.

Concurrency: writers take SQLite's write lock up front (``BEGIN IMMEDIATE``) and wait for each other
(busy timeout), so two runs appending at once both land, one after the other, on one chain.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .canonical import atomic_write, canonical_bytes, canonical_digest, sha256_hex
from .errors import LedgerError

__all__ = [
    "LEDGER_FORMAT",
    "GENESIS_HASH",
    "LedgerRecord",
    "LedgerProblem",
    "VerifyResult",
    "Ledger",
    "ledger_path",
    "append_run",
    "append_runs",
    "compute_record_hash",
    "record_fields",
    "save_results",
    "load_results",
    "snapshot_bundle",
    "load_bundle_snapshot",
    "bundle_snapshot_dir",
]

LEDGER_FORMAT = "aiconform-ledger/1"
GENESIS_HASH = "sha256:" + "0" * 64
BUSY_TIMEOUT_MS = 60_000
_STATE_DIR = ".aiconform"

# Column order is part of the format: record_hash covers these columns (all but record_hash).
_COLUMNS = (
    "seq", "run_id", "recorded_at", "system", "system_version", "as_of", "tier", "summary",
    "inputs_digest", "evidence_digest", "policy_bundle_digest", "aiconform_version", "engine",
    "opa_version", "results_digest", "report_digests", "signer", "prev_hash",
)
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL,
    system TEXT NOT NULL,
    system_version TEXT NOT NULL,
    as_of TEXT NOT NULL,
    tier TEXT NOT NULL,
    summary TEXT NOT NULL,
    inputs_digest TEXT NOT NULL,
    evidence_digest TEXT NOT NULL,
    policy_bundle_digest TEXT NOT NULL,
    aiconform_version TEXT NOT NULL,
    engine TEXT NOT NULL,
    opa_version TEXT NOT NULL,
    results_digest TEXT NOT NULL,
    report_digests TEXT NOT NULL,
    signer TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    record_hash TEXT NOT NULL
);
CREATE INDEX records_system ON records(system, seq);
"""


class LedgerRecord(BaseModel):
    """One evaluation as recorded. ``summary`` and ``report_digests`` are canonical JSON text as stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: int
    run_id: str
    recorded_at: str
    system: str
    system_version: str
    as_of: str
    tier: str
    summary: str
    inputs_digest: str
    evidence_digest: str
    policy_bundle_digest: str
    aiconform_version: str
    engine: str
    opa_version: str
    results_digest: str
    report_digests: str
    signer: str
    prev_hash: str
    record_hash: str

    @property
    def summary_data(self) -> dict[str, Any]:
        try:
            value = json.loads(self.summary)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def report_digest_map(self) -> dict[str, str]:
        try:
            value = json.loads(self.report_digests)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    @property
    def status(self) -> str:
        """``blocking`` (deny findings failed), ``warnings``, ``pass`` -- the run's headline."""
        s = self.summary_data
        if s.get("blocking", 0):
            return "blocking"
        if s.get("warnings", 0):
            return "warnings"
        return "pass"

    def to_json(self) -> dict[str, Any]:
        d = self.model_dump()
        d["summary"] = self.summary_data
        d["report_digests"] = self.report_digest_map
        d["status"] = self.status
        return d


def compute_record_hash(row: Mapping[str, Any]) -> str:
    """sha256 over the canonical JSON of the record's columns (record_hash excluded), as stored."""
    return canonical_digest({k: row[k] for k in _COLUMNS})


@dataclass(frozen=True)
class LedgerProblem:
    kind: str  # edited | deleted | reordered | broken_link | truncated | anchor | integrity | duplicate
    message: str
    seq: int | None = None
    run_id: str | None = None

    def render(self) -> str:
        who = []
        if self.seq is not None:
            who.append(f"seq {self.seq}")
        if self.run_id:
            who.append(f"run {self.run_id}")
        return (f"[{self.kind}] {', '.join(who)}: {self.message}" if who else f"[{self.kind}] {self.message}")


@dataclass
class VerifyResult:
    path: Path
    records: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    anchor_seq: int | None = None
    problems: list[LedgerProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ledger": str(self.path),
            "ok": self.ok,
            "records": self.records,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "anchor_seq": self.anchor_seq,
            "problems": [{"kind": p.kind, "seq": p.seq, "run_id": p.run_id, "message": p.message}
                         for p in self.problems],
        }


def ledger_path(ws_root: str | os.PathLike[str]) -> Path:
    return Path(ws_root) / _STATE_DIR / "ledger.sqlite"


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _new_run_id() -> str:
    # 80 random bits: unique across processes, and a short prefix is enough to name a run (like git).
    return uuid.uuid4().hex[:20]


class Ledger:
    """An open ledger. Use :meth:`open`; close with :meth:`close` or as a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False) -> Ledger:
        """Open the ledger at ``path``. With ``create`` a missing ledger is created (atomically, so a
        half-initialised file never appears), unless an anchor shows that one existed before."""
        p = Path(path)
        if not p.exists():
            anchor = _read_anchor(p)
            if anchor is not None:
                raise LedgerError(
                    f"the ledger file is missing, but its anchor records {anchor.get('seq')} run(s) "
                    f"(head {anchor.get('record_hash')})", where=str(p),
                    hint="restore the ledger from a backup; aiconform does not start a new chain over a "
                         f"deleted one (remove {_anchor_path(p).name} only if you mean to start afresh)")
            if not create:
                raise LedgerError("no ledger here yet", where=str(p),
                                  hint="evaluate a system first (`aiconform check` / `aiconform portfolio`)")
            _create(p)
        if p.is_dir():
            raise LedgerError("the ledger path is a folder, not a file", where=str(p))
        conn = _connect(p)
        led = cls(p, conn)
        led._check_format()
        return led

    def _check_format(self) -> None:
        try:
            rows = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
            cols = [r[1] for r in self._conn.execute("PRAGMA table_info(records)").fetchall()]
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _corrupt(self.path, exc) from None
        if rows.get("format") != LEDGER_FORMAT or cols != [*_COLUMNS, "record_hash"]:
            self.close()
            raise LedgerError(f"not an aiconform ledger (format {rows.get('format')!r}, expected {LEDGER_FORMAT!r})",
                              where=str(self.path),
                              hint="point at the workspace's .aiconform/ledger.sqlite, or restore it from a backup")

    def close(self) -> None:
        try:
            self._conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing
    @contextmanager
    def _write_txn(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"cannot lock the ledger for writing ({exc})", where=str(self.path),
                              hint="another run holds it for too long; retry") from None
        except sqlite3.DatabaseError as exc:
            raise _corrupt(self.path, exc) from None
        try:
            yield self._conn
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise
        else:
            self._conn.execute("COMMIT")

    def append(self, fields: Mapping[str, Any]) -> LedgerRecord:
        """Append one record; returns it. ``fields`` holds every column but seq, prev_hash, record_hash
        (run_id and recorded_at are filled in when absent)."""
        return self.append_many([fields])[0]

    def append_many(self, many: list[Mapping[str, Any]]) -> list[LedgerRecord]:
        """Append several records in one transaction (all land or none)."""
        out: list[LedgerRecord] = []
        try:
            with self._write_txn() as c:
                head = c.execute("SELECT seq, record_hash FROM records ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
                self._check_anchor_for_append(c, seq)
                for fields in many:
                    seq += 1
                    row: dict[str, Any] = {k: fields.get(k, "") for k in _COLUMNS}
                    row["seq"] = seq
                    row["run_id"] = fields.get("run_id") or _new_run_id()
                    row["recorded_at"] = fields.get("recorded_at") or _utc_now()
                    row["prev_hash"] = prev
                    for k in _COLUMNS:
                        if k != "seq" and not isinstance(row[k], str):
                            raise LedgerError(f"ledger field {k!r} must be text, got {type(row[k]).__name__}",
                                              where=str(self.path))
                    row["record_hash"] = compute_record_hash(row)
                    c.execute(f"INSERT INTO records ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                              tuple(row.values()))
                    prev = row["record_hash"]
                    out.append(LedgerRecord(**row))
        except sqlite3.IntegrityError as exc:
            raise LedgerError(f"cannot append to the ledger ({exc})", where=str(self.path)) from None
        except sqlite3.DatabaseError as exc:
            raise _corrupt(self.path, exc) from None
        if out:
            _advance_anchor(self.path, out[-1])
        return out

    def _check_anchor_for_append(self, c: sqlite3.Connection, head_seq: int) -> None:
        anchor = _read_anchor(self.path)
        if anchor is None:
            return
        a_seq = anchor.get("seq")
        if not isinstance(a_seq, int) or a_seq <= 0:
            return
        row = c.execute("SELECT record_hash FROM records WHERE seq = ?", (a_seq,)).fetchone()
        if head_seq < a_seq or row is None or row[0] != anchor.get("record_hash"):
            raise LedgerError("the ledger does not match its anchor (records were removed or rewritten); "
                              "refusing to append", where=str(self.path),
                              hint="run `aiconform ledger verify` to see which records; restore from a backup")

    # ---------------------------------------------------------------- reading
    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[LedgerRecord]:
        try:
            cur = self._conn.execute(sql, args)
            names = [d[0] for d in cur.description]
            return [LedgerRecord(**_row_types(dict(zip(names, r, strict=True)))) for r in cur.fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _corrupt(self.path, exc) from None

    def records(self) -> list[LedgerRecord]:
        return self._rows("SELECT * FROM records ORDER BY seq")

    def history(self, system_id: str) -> list[LedgerRecord]:
        """Every run of ``system_id``, oldest first."""
        return self._rows("SELECT * FROM records WHERE system = ? ORDER BY seq", (system_id,))

    def latest(self) -> dict[str, LedgerRecord]:
        """The newest record of each system."""
        rows = self._rows("SELECT r.* FROM records r JOIN (SELECT system, MAX(seq) AS m FROM records "
                          "GROUP BY system) l ON r.seq = l.m ORDER BY r.system")
        return {r.system: r for r in rows}

    def get(self, run_id: str) -> LedgerRecord:
        """The record of ``run_id`` (a unique prefix of at least 6 characters is enough)."""
        rows = self._rows("SELECT * FROM records WHERE run_id = ?", (run_id,))
        if not rows and len(run_id) >= 6:
            esc = run_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            rows = self._rows("SELECT * FROM records WHERE run_id LIKE ? ESCAPE '\\' ORDER BY seq", (esc + "%",))
        if not rows:
            raise LedgerError(f"no run {run_id!r} in the ledger", where=str(self.path),
                              hint="list runs with `aiconform history SYSTEM`")
        if len(rows) > 1:
            raise LedgerError(f"run id prefix {run_id!r} is ambiguous", where=str(self.path),
                              problems=[r.run_id for r in rows[:10]], hint="give more characters of the run id")
        return rows[0]

    # ---------------------------------------------------------------- verifying
    def verify(self, *, results_root: str | os.PathLike[str] | None = None) -> VerifyResult:
        """Recompute the chain. Every problem names the record (seq and run id) and what happened.

        With ``results_root`` (the workspace folder), each record's kept results file is also checked
        against its results digest (missing or altered results are problems of kind ``results``)."""
        res = VerifyResult(path=self.path)
        # The anchor is read before the records: it only ever names committed records, so a run that
        # appends while we verify can never make the anchor look ahead of what we read (false truncation).
        anchor = _read_anchor(self.path)
        try:
            check = [r[0] for r in self._conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _corrupt(self.path, exc) from None
        if check != ["ok"]:
            raise LedgerError("the ledger database is damaged", where=str(self.path), problems=check[:10],
                              hint="restore .aiconform/ledger.sqlite from a backup")
        try:
            cur = self._conn.execute(f"SELECT {', '.join(_COLUMNS)}, record_hash FROM records ORDER BY seq")
            raw = [dict(zip([*_COLUMNS, "record_hash"], r, strict=True)) for r in cur.fetchall()]
        except sqlite3.DatabaseError as exc:
            raise _corrupt(self.path, exc) from None
        res.records = len(raw)
        probs = res.problems
        # 1. each record against its own hash
        bad_self: dict[int, dict[str, Any]] = {}
        for row in raw:
            if row["record_hash"] != compute_record_hash(row):
                bad_self[row["seq"]] = row
        # A record whose hash is valid for another position's seq was moved there (reordered).
        moved: dict[int, int] = {}
        for s, row in bad_self.items():
            for other in raw:
                if other["seq"] != s and row["record_hash"] == compute_record_hash({**row, "seq": other["seq"]}):
                    moved[s] = other["seq"]
                    break
        for s, row in sorted(bad_self.items()):
            if s in moved:
                probs.append(LedgerProblem("reordered", f"record was moved from position {moved[s]} to {s} "
                                           "(its hash is valid only at its original position)", s, row["run_id"]))
            else:
                probs.append(LedgerProblem("edited", "content does not match its record_hash "
                                           "(a field was changed after it was written)", s, row["run_id"]))
        # 2. the links between records
        expected_prev, expected_seq = GENESIS_HASH, 1
        for row in raw:
            s = row["seq"]
            if not isinstance(s, int):
                probs.append(LedgerProblem("edited", f"seq is not an integer ({s!r})", None, row["run_id"]))
                continue
            if s > expected_seq:
                gap = f"seq {expected_seq}" if s == expected_seq + 1 else f"seqs {expected_seq}-{s - 1}"
                probs.append(LedgerProblem("deleted", f"{gap} missing before this record (deleted)", s,
                                           row["run_id"]))
            if row["prev_hash"] != expected_prev and s not in bad_self:
                if s <= expected_seq:
                    probs.append(LedgerProblem("broken_link", f"prev_hash {row['prev_hash']} does not match the "
                                               f"record before it ({expected_prev}): the chain was rewritten "
                                               "before this point", s, row["run_id"]))
                elif not any(p.kind == "deleted" and p.seq == s for p in probs):
                    probs.append(LedgerProblem("broken_link", "prev_hash does not match the record before it", s,
                                               row["run_id"]))
            expected_prev, expected_seq = row["record_hash"], s + 1
        if raw:
            res.head_seq, res.head_hash = raw[-1]["seq"], raw[-1]["record_hash"]
        # 3. the anchor (catches records cut off the end, and a chain rewritten end to end)
        if anchor is not None:
            a_seq, a_hash = anchor.get("seq"), anchor.get("record_hash")
            res.anchor_seq = a_seq if isinstance(a_seq, int) else None
            if not isinstance(a_seq, int):
                probs.append(LedgerProblem("anchor", f"the anchor file is unreadable ({anchor!r})"))
            elif a_seq > res.head_seq:
                cut = f"seq {a_seq}" if a_seq == res.head_seq + 1 else f"seqs {res.head_seq + 1}-{a_seq}"
                probs.append(LedgerProblem("truncated", f"{cut} missing at the end: the ledger ends at seq "
                                           f"{res.head_seq} but its anchor records seq {a_seq} (run "
                                           f"{anchor.get('run_id')}, {a_hash})", a_seq, anchor.get("run_id")))
            else:
                at = next((r for r in raw if r["seq"] == a_seq), None)
                if at is None and a_seq > 0:
                    probs.append(LedgerProblem("deleted", "the anchored record is missing", a_seq,
                                               anchor.get("run_id")))
                elif at is not None and at["record_hash"] != a_hash:
                    probs.append(LedgerProblem("anchor", f"record hash {at['record_hash']} differs from the "
                                               f"anchored hash {a_hash}: the chain was rewritten", a_seq,
                                               at["run_id"]))
        if results_root is not None:
            for row in raw:
                try:
                    f = Path(results_root) / _STATE_DIR / "results" / f"{_digest_hex(str(row['results_digest']))}.json"
                except LedgerError:
                    probs.append(LedgerProblem("results", f"results digest {row['results_digest']!r} is malformed",
                                               row["seq"], row["run_id"]))
                    continue
                try:
                    data = f.read_bytes()
                except FileNotFoundError:
                    probs.append(LedgerProblem("results", f"the recorded results file is missing ({f})", row["seq"],
                                               row["run_id"]))
                    continue
                if "sha256:" + sha256_hex(data) != row["results_digest"]:
                    probs.append(LedgerProblem("results", f"the recorded results file was altered ({f})", row["seq"],
                                               row["run_id"]))
        probs.sort(key=lambda p: (p.seq if p.seq is not None else 1 << 60, p.kind))
        return res


# -------------------------------------------------------------------- helpers: sqlite
def _row_types(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if k == "seq" else ("" if v is None else str(v))) for k, v in row.items()}


def _corrupt(path: Path, exc: BaseException) -> LedgerError:
    return LedgerError(f"the ledger file is not a readable aiconform ledger ({exc})", where=str(path),
                       hint="restore .aiconform/ledger.sqlite from a backup; aiconform never recreates a damaged "
                            "ledger (move it aside yourself to start a new one)")


def _connect(p: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            raise LedgerError(f"cannot switch the ledger to WAL mode (got {mode!r})", where=str(p))
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise _corrupt(p, exc) from None
    return conn


def _create(p: Path) -> None:
    """Create an empty ledger atomically: build it beside the target, then link it into place (a
    concurrent creator that loses the race simply opens the winner's file)."""
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(f".{p.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_SCHEMA)
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                             [("format", LEDGER_FORMAT), ("created_at", _utc_now()), ("genesis", GENESIS_HASH)])
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, p)
        except FileExistsError:
            pass
    finally:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(str(tmp) + suffix)
            except FileNotFoundError:
                pass


# -------------------------------------------------------------------- helpers: anchor
def _anchor_path(p: Path) -> Path:
    return p.with_name(p.stem + ".anchor.json")


def _read_anchor(p: Path) -> dict[str, Any] | None:
    a = _anchor_path(p)
    try:
        text = a.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LedgerError(f"cannot read the ledger anchor ({exc})", where=str(a)) from None
    try:
        value = json.loads(text)
    except ValueError:
        return {"seq": None, "raw": text[:80]}
    return value if isinstance(value, dict) else {"seq": None, "raw": text[:80]}


def _advance_anchor(p: Path, rec: LedgerRecord) -> None:
    """Move the anchor forward to ``rec`` (never backwards), under an exclusive file lock."""
    a = _anchor_path(p)
    lock = a.with_name(a.name + ".lock")
    with open(lock, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            cur = _read_anchor(p)
            if cur is not None and isinstance(cur.get("seq"), int) and cur["seq"] >= rec.seq:
                return
            atomic_write(a, canonical_bytes({"format": LEDGER_FORMAT, "seq": rec.seq, "run_id": rec.run_id,
                                             "record_hash": rec.record_hash}) + b"\n")
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# -------------------------------------------------------------------- results and bundles
def _digest_hex(digest: str) -> str:
    hexpart = digest.split(":", 1)[-1]
    if len(hexpart) != 64 or any(ch not in "0123456789abcdef" for ch in hexpart):
        raise LedgerError(f"not a sha256 digest: {digest!r}")
    return hexpart


def save_results(ws_root: str | os.PathLike[str], report: Any) -> tuple[str, Path]:
    """Write the Report's canonical JSON to ``.aiconform/results/<sha256>.json``; returns (digest, path)."""
    data = canonical_bytes(report)
    digest = "sha256:" + sha256_hex(data)
    path = Path(ws_root) / _STATE_DIR / "results" / f"{_digest_hex(digest)}.json"
    if not path.exists():
        atomic_write(path, data)
    return digest, path


def load_results(ws_root: str | os.PathLike[str], digest: str) -> dict[str, Any]:
    """The recorded Report JSON for ``digest``, checked against it."""
    path = Path(ws_root) / _STATE_DIR / "results" / f"{_digest_hex(digest)}.json"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LedgerError("the recorded results are missing", where=str(path),
                          hint="results are kept under .aiconform/results/; restore that folder") from None
    if "sha256:" + sha256_hex(data) != digest:
        raise LedgerError(f"the recorded results do not match their digest {digest}", where=str(path),
                          hint="the file was changed after it was recorded; restore it from a backup")
    value = json.loads(data)
    if not isinstance(value, dict):
        raise LedgerError("the recorded results are not a JSON object", where=str(path))
    return value


def bundle_snapshot_dir(ws_root: str | os.PathLike[str], digest: str) -> Path:
    return Path(ws_root) / _STATE_DIR / "bundles" / _digest_hex(digest)


def snapshot_bundle(ws_root: str | os.PathLike[str], bundle: Any) -> Path:
    """Keep a content-addressed copy of ``bundle`` (modules + merged data) under
    ``.aiconform/bundles/<digest>/``; idempotent. Written to a temporary folder and renamed into place."""
    target = bundle_snapshot_dir(ws_root, bundle.digest)
    if (target / "manifest.json").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    modules = []
    for m in sorted(bundle.modules, key=lambda m: m.path):
        rel = Path(m.path)
        if rel.is_absolute() or ".." in rel.parts:
            raise LedgerError(f"policy module path {m.path!r} cannot be kept in a snapshot")
        data = m.source.encode("utf-8")
        f = tmp / "modules" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)
        modules.append({"path": m.path, "package": m.package, "sha256": sha256_hex(data)})
    data_bytes = canonical_bytes(bundle.data)
    (tmp / "data.json").write_bytes(data_bytes)
    manifest = {"format": "aiconform-bundle-snapshot/1", "digest": bundle.digest, "modules": modules,
                "data_sha256": sha256_hex(data_bytes)}
    (tmp / "manifest.json").write_bytes(canonical_bytes(manifest))
    try:
        os.rename(tmp, target)
    except OSError:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        if not (target / "manifest.json").exists():
            raise
    return target


def load_bundle_snapshot(ws_root: str | os.PathLike[str], digest: str) -> Any:
    """The PolicyBundle kept for ``digest``; every file is checked against the snapshot's manifest."""
    from .bundle import Module, PolicyBundle

    root = bundle_snapshot_dir(ws_root, digest)
    mpath = root / "manifest.json"
    try:
        manifest = json.loads(mpath.read_bytes())
    except FileNotFoundError:
        raise LedgerError(f"no copy of policy bundle {digest} is kept", where=str(root),
                          hint="bundles are kept from the first run that used them; this run predates that or "
                               "the folder was removed") from None
    except ValueError as exc:
        raise LedgerError(f"bundle snapshot manifest is not JSON ({exc})", where=str(mpath)) from None
    if manifest.get("digest") != digest:
        raise LedgerError(f"bundle snapshot is for {manifest.get('digest')}, not {digest}", where=str(mpath))
    problems = []
    modules = []
    for m in manifest.get("modules", []):
        f = root / "modules" / m["path"]
        try:
            data = f.read_bytes()
        except FileNotFoundError:
            problems.append(f"{m['path']}: missing")
            continue
        if sha256_hex(data) != m["sha256"]:
            problems.append(f"{m['path']}: changed (sha256 {sha256_hex(data)[:12]}…, recorded {m['sha256'][:12]}…)")
            continue
        modules.append(Module(path=m["path"], file=f.resolve(), source=data.decode("utf-8"), package=m["package"]))
    data_bytes = (root / "data.json").read_bytes() if (root / "data.json").exists() else b""
    if sha256_hex(data_bytes) != manifest.get("data_sha256"):
        problems.append("data.json: missing or changed")
    if problems:
        raise LedgerError(f"the kept copy of policy bundle {digest} was altered", where=str(root),
                          problems=problems, hint="restore .aiconform/bundles/ from a backup")
    return PolicyBundle(modules=modules, data=json.loads(data_bytes), digest=digest, roots=[root / "modules"])


# -------------------------------------------------------------------- the pipeline's entry point
def record_fields(report: Any, *, results_digest: str | None = None, report_digests: Mapping[str, str] | None = None,
                  signer: str = "") -> dict[str, str]:
    """The ledger columns for one Report (everything but seq, run_id, recorded_at and the hashes)."""
    summary = report.summary
    evidence_digest = canonical_digest([[i.id, i.provenance.sha256] for i in report.evidence])
    return {
        "system": report.system.id,
        "system_version": report.system.version,
        "as_of": report.as_of.isoformat(),
        "tier": report.classification.tier.value,
        "summary": canonical_bytes({"counts": summary.counts, "blocking": summary.blocking,
                                    "warnings": summary.warnings}).decode(),
        "inputs_digest": report.inputs_digest or canonical_digest({"answers": "", "evidence": [
            [i.id, i.provenance.sha256] for i in report.evidence]}),
        "evidence_digest": evidence_digest,
        "policy_bundle_digest": report.versions.policy_bundle_digest,
        "aiconform_version": report.versions.aiconform,
        "engine": report.versions.engine,
        "opa_version": report.versions.opa,
        "results_digest": results_digest or canonical_digest(report),
        "report_digests": canonical_bytes(dict(report_digests or {})).decode(),
        "signer": signer,
    }


def _workspace_bundle(ws_root: Path, digest: str) -> Any:
    """Load the workspace's current bundle if it is the one with ``digest`` (for the snapshot)."""
    try:
        from .bundle import load_bundle
        from .config import load_workspace

        ws = load_workspace(ws_root)
        b = load_bundle([ws.path(p) for p in ws.policies])
    except Exception:  # noqa: BLE001 - the snapshot is best effort when the caller did not hand a bundle
        return None
    return b if b.digest == digest else None


def append_run(ws_root: str | os.PathLike[str], report: Any, *, report_digests: Mapping[str, str] | None = None,
               signer: str = "", bundle: Any = None) -> str:
    """Record one evaluation; returns its run id.

    Saves the Report's canonical JSON (``.aiconform/results/``), keeps a copy of the policy bundle
    (``.aiconform/bundles/``; pass ``bundle`` to avoid re-loading it), then appends the ledger record.
    """
    return append_runs(ws_root, [report], report_digests=[report_digests or {}], signer=signer, bundle=bundle)[0]


def append_runs(ws_root: str | os.PathLike[str], reports: list[Any], *,
                report_digests: list[Mapping[str, str]] | None = None, signer: str = "",
                bundle: Any = None) -> list[str]:
    """Record several evaluations in one ledger transaction (the portfolio uses this)."""
    root = Path(ws_root)
    digs = report_digests or [{} for _ in reports]
    fields = []
    bundles_seen: set[str] = set()
    for rep, rd in zip(reports, digs, strict=True):
        results_digest, _ = save_results(root, rep)
        d = rep.versions.policy_bundle_digest
        if d and d not in bundles_seen:
            bundles_seen.add(d)
            try:
                has = (bundle_snapshot_dir(root, d) / "manifest.json").exists()
            except LedgerError:
                has = True  # not a sha256 digest: nothing we can keep
            if not has:
                b = bundle if bundle is not None and bundle.digest == d else _workspace_bundle(root, d)
                if b is not None:
                    snapshot_bundle(root, b)
        fields.append(record_fields(rep, results_digest=results_digest, report_digests=rd, signer=signer))
    with Ledger.open(ledger_path(root), create=True) as led:
        return [r.run_id for r in led.append_many(fields)]
