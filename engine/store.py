"""The content-addressed evidence store: ``<workspace>/.aiconform/evidence/<sha256>`` plus a manifest.

Every raw byte a collector read is kept under its sha256, so ``aiconform check --offline`` can
re-evaluate exactly what was collected, and a changed source shows up as a new blob rather than a
silent overwrite. Blobs are written once (atomically) and never modified.

The manifest (``manifest.json`` beside the blobs, canonical JSON) records

* ``blobs``: sha256 -> ``{size, source_uris, first_collected_at}`` for every blob in the store;
* ``systems``: system id -> ``{collected_at, sources, items}``, the evidence items of the last
  successful ``collect`` for that system (what ``--offline`` returns).

Writers take an exclusive lock (``.lock``) around read-modify-write of the manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .canonical import atomic_write, canonical_bytes
from .errors import EvidenceError
from .models import EvidenceItem

__all__ = ["EvidenceStore", "Manifest", "BlobEntry", "SystemEntry", "STORE_DIR", "MANIFEST_NAME"]

STORE_DIR = Path(".aiconform") / "evidence"
MANIFEST_NAME = "manifest.json"
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20
_SYSTEMS_DIR = "systems"
_BLOB_INDEX_DIR = "index"
_SAFE_ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,100}$")


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BlobEntry(_M):
    size: int
    source_uris: list[str] = Field(default_factory=list)
    first_collected_at: dt.datetime


class SourceSummary(_M):
    name: str
    collector: str
    collector_version: str = ""
    items: int = 0
    new_blobs: int = 0
    kinds: dict[str, int] = Field(default_factory=dict)
    malformed: int = 0
    fingerprint: str | None = None  # the collector's cheap change detector, when it has one
    reused: bool = False  # unchanged fingerprint: the previous items were kept, the collector did not run
    item_ids: list[str] = Field(default_factory=list)


class SystemEntry(_M):
    collected_at: dt.datetime
    sources: list[SourceSummary] = Field(default_factory=list)
    items: list[EvidenceItem] = Field(default_factory=list)


class Manifest(_M):
    version: int = 1
    blobs: dict[str, BlobEntry] = Field(default_factory=dict)
    systems: dict[str, SystemEntry] = Field(default_factory=dict)


class EvidenceStore:
    """The store under ``root`` (normally ``<workspace>/.aiconform/evidence``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def for_workspace(cls, workspace_root: Path) -> EvidenceStore:
        return cls(Path(workspace_root) / STORE_DIR)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_NAME

    # --- blobs -------------------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise EvidenceError(f"'{sha256}' is not a sha256 digest", where=str(self.root))
        return self.root / sha256

    def has(self, sha256: str) -> bool:
        return self.blob_path(sha256).is_file()

    def put_bytes(self, data: bytes, sha256: str | None = None) -> tuple[str, bool]:
        """Store ``data``; returns (sha256, True if the blob is new)."""
        digest = hashlib.sha256(data).hexdigest()
        if sha256 is not None and sha256 != digest:
            raise EvidenceError(f"sha256 mismatch while storing (expected {sha256[:12]}…, got {digest[:12]}…)",
                                where=str(self.root), hint="the source changed while it was read; collect again")
        target = self.blob_path(digest)
        if target.is_file():
            return digest, False
        atomic_write(target, data, mode=0o444)
        return digest, True

    def put_file(self, path: Path, sha256: str | None = None) -> tuple[str, bool]:
        """Stream a file into the store (never loaded whole); verifies ``sha256`` when given."""
        if sha256 is not None and self.has(sha256):
            return sha256, False
        self.root.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(prefix=".blob.", suffix=".part", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                try:
                    with open(path, "rb") as src:
                        while chunk := src.read(_CHUNK):
                            h.update(chunk)
                            out.write(chunk)
                except OSError as exc:
                    raise EvidenceError(f"cannot read file ({exc.strerror or exc})", where=str(path)) from None
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            if sha256 is not None and digest != sha256:
                raise EvidenceError(f"file changed while it was collected (sha256 {sha256[:12]}… then "
                                    f"{digest[:12]}…)", where=str(path), hint="collect again when it is quiet")
            target = self.root / digest
            if target.is_file():
                os.unlink(tmp)
                return digest, False
            os.chmod(tmp, 0o444)
            os.replace(tmp, target)
            return digest, True
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def read_bytes(self, sha256: str) -> bytes:
        p = self.blob_path(sha256)
        try:
            return p.read_bytes()
        except FileNotFoundError:
            raise EvidenceError(f"evidence blob {sha256} is missing from the store", where=str(self.root),
                                hint="run 'aiconform collect' again") from None

    def verify(self, sha256: str) -> None:
        """Re-hash a blob (streamed); raises EvidenceError if it is missing or corrupt."""
        p = self.blob_path(sha256)
        h = hashlib.sha256()
        try:
            with open(p, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    h.update(chunk)
        except FileNotFoundError:
            raise EvidenceError(f"evidence blob {sha256[:12]}… is missing from the store", where=str(p),
                                hint="run 'aiconform collect' again") from None
        if h.hexdigest() != sha256:
            raise EvidenceError(f"sha256 mismatch (expected {sha256[:12]}…, got {h.hexdigest()[:12]}…)",
                                where=str(p), hint="the store is corrupt; run 'aiconform collect' again")

    def blobs(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if _SHA_RE.match(p.name) and p.is_file())

    def resolve_prefix(self, prefix: str) -> str:
        """The full sha256 for a unique prefix (at least 4 hex digits)."""
        prefix = prefix.lower().removeprefix("sha256:")
        if not re.fullmatch(r"[0-9a-f]{4,64}", prefix):
            raise EvidenceError(f"'{prefix}' is not a sha256 (or a prefix of at least 4 hex digits)")
        hits = [s for s in self.blobs() if s.startswith(prefix)]
        if not hits:
            raise EvidenceError(f"no evidence with sha256 {prefix}… in the store", where=str(self.root),
                                hint="'aiconform evidence list' shows what was collected")
        if len(hits) > 1:
            raise EvidenceError(f"sha256 prefix {prefix} is ambiguous ({len(hits)} blobs)", where=str(self.root),
                                hint="give more digits")
        return hits[0]

    # --- manifest ----------------------------------------------------------------------------------

    def _load_monolithic(self) -> Manifest:
        p = self.manifest_path
        if not p.is_file():
            return Manifest()
        try:
            raw = json.loads(p.read_bytes())
            return Manifest.model_validate(raw)
        except (OSError, ValueError, ValidationError) as exc:
            raise EvidenceError(f"evidence manifest is unreadable ({type(exc).__name__}: {str(exc)[:200]})",
                                where=str(p), hint="delete it and run 'aiconform collect' again") from None

    def load_manifest(self) -> Manifest:
        """The whole manifest: ``manifest.json`` plus the per-system and per-blob shards (which win)."""
        m = self._load_monolithic()
        idx = self.root / _BLOB_INDEX_DIR
        if idx.is_dir():
            for f in sorted(idx.glob("*.json")):
                try:
                    shard = json.loads(f.read_bytes())
                    entries = {k: BlobEntry.model_validate(v) for k, v in shard.items()}
                except (OSError, ValueError, AttributeError, ValidationError) as exc:
                    raise EvidenceError(f"evidence index shard is unreadable ({type(exc).__name__})", where=str(f),
                                        hint="delete it and run 'aiconform collect' again") from None
                for sha, e in entries.items():
                    have = m.blobs.get(sha)
                    if have is None:
                        m.blobs[sha] = e
                    else:
                        have.source_uris = sorted({*have.source_uris, *e.source_uris})
                        have.first_collected_at = min(have.first_collected_at, e.first_collected_at)
        sysdir = self.root / _SYSTEMS_DIR
        if sysdir.is_dir():
            for f in sorted(sysdir.glob("*.json")):
                sid, entry = self._read_system_shard(f)
                m.systems[sid] = entry
        return m

    # --- sharded manifest (O(1) per collection, whatever the number of systems) ---------------------
    # A portfolio of a thousand systems must not rewrite one ever-growing manifest per collection (that
    # is quadratic). Each system's last collection lives in ``systems/<id>.json`` and the blobs it saw in
    # ``index/<id>.json``; ``load_manifest`` still returns the combined view (blob entries merged).

    def _read_system_shard(self, f: Path) -> tuple[str, SystemEntry]:
        try:
            raw = json.loads(f.read_bytes())
            return str(raw["system_id"]), SystemEntry.model_validate(raw["entry"])
        except (OSError, ValueError, KeyError, TypeError, ValidationError) as exc:
            raise EvidenceError(f"evidence manifest shard is unreadable ({type(exc).__name__}: {str(exc)[:200]})",
                                where=str(f), hint="delete it and run 'aiconform collect' again") from None

    def _system_shard(self, system_id: str) -> Path:
        name = system_id if _SAFE_ID_RE.match(system_id) else "id-" + hashlib.sha256(system_id.encode()).hexdigest()
        return self.root / _SYSTEMS_DIR / f"{name}.json"

    def load_system(self, system_id: str) -> SystemEntry | None:
        """The last recorded collection of one system (reads only that system's shard)."""
        f = self._system_shard(system_id)
        if f.is_file():
            sid, entry = self._read_system_shard(f)
            if sid == system_id:
                return entry
        return self._load_monolithic().systems.get(system_id) if self.manifest_path.is_file() else None

    def save_system(self, system_id: str, entry: SystemEntry) -> None:
        atomic_write(self._system_shard(system_id),
                     canonical_bytes({"system_id": system_id, "entry": entry}) + b"\n")

    def index_blobs(self, system_id: str, entries: dict[str, tuple[int, str]], when: dt.datetime) -> None:
        """Record (sha256 -> (size, source uri)) for one system's collection in that system's index shard
        (one file per system, merged with what it recorded before); call under :meth:`locked`."""
        f = self.root / _BLOB_INDEX_DIR / self._system_shard(system_id).name
        known: dict[str, BlobEntry] = {}
        if f.is_file():
            try:
                known = {k: BlobEntry.model_validate(v) for k, v in json.loads(f.read_bytes()).items()}
            except (OSError, ValueError, AttributeError, ValidationError) as exc:
                raise EvidenceError(f"evidence index shard is unreadable ({type(exc).__name__})", where=str(f),
                                    hint="delete it and run 'aiconform collect' again") from None
        changed = False
        for sha, (size, uri) in entries.items():
            entry = known.get(sha)
            if entry is None:
                known[sha] = BlobEntry(size=size, source_uris=[uri], first_collected_at=when)
                changed = True
            elif uri not in entry.source_uris:
                entry.source_uris = sorted({*entry.source_uris, uri})
                changed = True
        if changed:
            atomic_write(f, canonical_bytes(dict(sorted(known.items()))) + b"\n")

    def save_manifest(self, manifest: Manifest) -> None:
        atomic_write(self.manifest_path, canonical_bytes(manifest) + b"\n")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def record_blobs(self, manifest: Manifest, entries: dict[str, tuple[int, str]], when: dt.datetime) -> None:
        """Add (sha256 -> (size, source uri)) to ``manifest.blobs`` in place."""
        for sha, (size, uri) in entries.items():
            entry = manifest.blobs.get(sha)
            if entry is None:
                manifest.blobs[sha] = BlobEntry(size=size, source_uris=[uri], first_collected_at=when)
            elif uri not in entry.source_uris:
                entry.source_uris = sorted({*entry.source_uris, uri})

    def items_for_blob(self, manifest: Manifest, sha256: str) -> list[tuple[str, EvidenceItem]]:
        """(system id, item) for every recorded item whose raw bytes are ``sha256``."""
        out = []
        for sid, entry in sorted(manifest.systems.items()):
            for item in entry.items:
                if item.provenance.sha256 == sha256:
                    out.append((sid, item))
        return out
