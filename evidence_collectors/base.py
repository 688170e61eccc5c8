"""The collector protocol: a name, a typed config, and a function yielding evidence.

A collector reads one kind of source (an MLflow registry, a folder of documents, a log file, a git
repository) and yields :class:`Collected` records: what it saw (``kind``, ``attributes``), where
(``source_uri``, ``line``) and the raw bytes it saw them in (:class:`Blob`). It never judges: a risk
register without a mitigation column is reported as such, not failed. The orchestrator
(:mod:`aiconform.engine.collect`) stores the bytes, stamps provenance (sha256, collected-at, collector
name and version, valid-until) and hands :class:`~aiconform.engine.models.EvidenceItem` on.

Third parties add collectors through the entry-point group ``aiconform.collectors``; each entry point
names an object (a class or an instance) satisfying :class:`Collector`. Built-in collectors resolve
without entry points, so an un-reinstalled checkout works.

Errors:

* a source that cannot be read (missing file, permission, unreachable registry) raises
  :class:`~aiconform.engine.errors.EvidenceError` naming the path or URI and the reason;
* a path or symlink leaving the folder it was configured under raises
  :class:`~aiconform.engine.errors.PathEscapeError`;
* a malformed record is never an error: it is counted, reported with its line, skipped, and
  recorded in the attributes of the item that holds it (``malformed``).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import math
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from ..engine.errors import ConfigError, EvidenceError, PathEscapeError
from ..engine.models import GraphEdge

__all__ = [
    "ENTRY_POINT_GROUP",
    "BUILTIN_COLLECTORS",
    "SourceOptions",
    "Blob",
    "Collected",
    "CollectContext",
    "Collector",
    "ProgressCallback",
    "get_collector",
    "available_collectors",
    "resolve_source_path",
    "iter_files",
    "read_file_bytes",
    "jsonable",
    "iso",
    "parse_datetime",
    "edge",
    "rel_uri",
]

ENTRY_POINT_GROUP = "aiconform.collectors"

# name -> "module:attribute" inside this package; resolvable without installed entry points.
BUILTIN_COLLECTORS: dict[str, str] = {
    "documents": "documents:DocumentsCollector",
    "logs": "logs:LogsCollector",
    "mlflow": "mlflow_registry:MlflowCollector",
    "model_cards": "model_cards:ModelCardsCollector",
    "repository": "repository:RepositoryCollector",
}

_CHUNK = 1 << 20

ProgressCallback = Callable[[str, int, "int | None"], None]  # (source name, done, total) - bytes or items


class SourceOptions(BaseModel):
    """Options every source accepts; each collector extends this with its own (unknown keys are refused)."""

    model_config = ConfigDict(extra="forbid")
    valid_for_days: int | None = Field(default=None, ge=0, description="validity of items from this source; "
                                       "default: the workspace's evidence_validity_days")


@dataclass(frozen=True)
class Blob:
    """Raw bytes an item was read from: in memory (``data``) or a file streamed into the store (``path``)."""

    sha256: str
    size: int
    data: bytes | None = None
    path: Path | None = None

    @classmethod
    def of_bytes(cls, data: bytes) -> Blob:
        return cls(sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)

    @classmethod
    def of_file(cls, path: Path, *, sha256: str | None = None, size: int | None = None) -> Blob:
        """A file blob; hashes it (streamed) unless the caller already did."""
        if sha256 is None or size is None:
            h = hashlib.sha256()
            n = 0
            try:
                with open(path, "rb") as fh:
                    while chunk := fh.read(_CHUNK):
                        h.update(chunk)
                        n += len(chunk)
            except OSError as exc:
                raise EvidenceError(f"cannot read file ({exc.strerror or exc})", where=str(path),
                                    hint="check the path and its permissions") from None
            sha256, size = h.hexdigest(), n
        return cls(sha256=sha256, size=size, path=path)


@dataclass(frozen=True)
class Collected:
    """One evidence item as a collector sees it, before provenance is stamped."""

    id: str
    kind: str
    blob: Blob
    source_uri: str
    title: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    node_type: str | None = None
    node: str | None = None
    edges: tuple[GraphEdge, ...] = ()
    valid_until: dt.datetime | None = None  # an explicit expiry stated by the source itself


@dataclass
class CollectContext:
    """What a collector may use besides its options: the workspace root, the clock, progress."""

    root: Path
    now: dt.datetime
    source_name: str
    progress: ProgressCallback | None = None
    warnings: list[str] = field(default_factory=list)

    def resolve(self, rel: str | os.PathLike[str], *, option: str = "path") -> Path:
        return resolve_source_path(self.root, rel, source=self.source_name, option=option)

    def report(self, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(self.source_name, done, total)

    def uri(self, path: Path) -> str:
        return rel_uri(self.root, path)


@runtime_checkable
class Collector(Protocol):
    """What a collector provides. ``Options`` validates the source entry of ``aiconform.yaml``."""

    name: ClassVar[str]
    version: ClassVar[str]
    Options: ClassVar[type[SourceOptions]]

    def collect(self, options: Any, ctx: CollectContext) -> Iterable[Collected]: ...

    # Optional: ``fingerprint(options, ctx) -> str | None``, a cheap digest of everything the source would
    # yield. When it equals the fingerprint recorded at the last collection, the previous items are kept
    # and ``collect`` is not run (e.g. the MLflow collector skips importing MLflow for an unchanged store).


def _instantiate(obj: Any) -> Collector:
    inst = obj() if isinstance(obj, type) else obj
    for attr in ("name", "version", "Options", "collect"):
        if not hasattr(inst, attr):
            raise ConfigError(f"collector {obj!r} lacks '{attr}'",
                              hint="a collector needs name, version, Options and collect(options, ctx)")
    return inst  # type: ignore[no-any-return]


def _entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_collectors() -> list[str]:
    """Names of every collector: built-ins and those registered through entry points."""
    return sorted(set(BUILTIN_COLLECTORS) | set(_entry_points()))


def get_collector(name: str) -> Collector:
    """The collector registered as ``name`` (built-ins first, then the entry-point group)."""
    target = BUILTIN_COLLECTORS.get(name)
    if target is not None:
        mod, _, attr = target.partition(":")
        return _instantiate(getattr(import_module(f"{__package__}.{mod}"), attr))
    eps = _entry_points()
    if name in eps:
        try:
            obj = eps[name].load()
        except Exception as exc:  # a third-party plug-in that fails to import
            raise ConfigError(f"collector '{name}' could not be loaded ({type(exc).__name__}: {exc})",
                              hint=f"check the package providing entry point {eps[name].value}") from None
        return _instantiate(obj)
    raise ConfigError(f"unknown collector '{name}'",
                      hint="known collectors: " + ", ".join(available_collectors()))


# --- paths -----------------------------------------------------------------------------------------


def resolve_source_path(root: Path, rel: str | os.PathLike[str], *, source: str = "", option: str = "path") -> Path:
    """Resolve a configured path against the workspace root.

    A relative path (or a symlink on it) that leaves the workspace root is refused; an absolute path is
    taken as the user's explicit choice of folder.
    """
    raw = Path(rel)
    where = f"source '{source}' option '{option}'" if source else f"option '{option}'"
    if raw.is_absolute():
        return raw.resolve()
    root = root.resolve()
    resolved = (root / raw).resolve()
    if not resolved.is_relative_to(root):
        raise PathEscapeError(f"path '{rel}' leaves the workspace folder {root}", where=where,
                              hint="keep sources inside the workspace, or give an absolute path on purpose")
    return resolved


def iter_files(folder: Path, *, include: Iterable[str] = ("*",), exclude: Iterable[str] = (),
               recursive: bool = True) -> Iterator[Path]:
    """Files under ``folder`` matching ``include`` globs (on the name or the relative path), sorted.

    Hidden files and folders (starting with '.') are skipped. A symlink that resolves outside
    ``folder`` raises PathEscapeError. ``folder`` may also be a single file.
    """
    folder_resolved = folder.resolve()
    if not folder.exists():
        raise EvidenceError("path does not exist", where=str(folder), hint="fix the source's 'path' option")
    if folder.is_file():
        yield folder_resolved
        return
    include, exclude = list(include), list(exclude)
    try:
        walker = sorted(os.walk(folder_resolved, followlinks=False))
    except OSError as exc:
        raise EvidenceError(f"cannot list folder ({exc})", where=str(folder)) from None
    out: list[Path] = []
    for dirpath, dirnames, filenames in walker:
        d = Path(dirpath)
        if not recursive and d != folder_resolved:
            continue
        dirnames[:] = sorted(n for n in dirnames if not n.startswith("."))
        for n in list(dirnames):  # symlinked folders: refuse escapes, otherwise do not follow (no loops)
            p = d / n
            if p.is_symlink() and not p.resolve().is_relative_to(folder_resolved):
                raise PathEscapeError(f"symlink leads outside the configured folder {folder_resolved} "
                                      f"(to {p.resolve()})", where=str(p),
                                      hint="remove the link or copy the files into the folder")
        for n in filenames:
            if n.startswith("."):
                continue
            p = d / n
            relp = p.relative_to(folder_resolved).as_posix()
            if not any(fnmatch.fnmatch(n, g) or fnmatch.fnmatch(relp, g) for g in include):
                continue
            if any(fnmatch.fnmatch(n, g) or fnmatch.fnmatch(relp, g) for g in exclude):
                continue
            real = p.resolve()
            if not real.is_relative_to(folder_resolved):
                raise PathEscapeError(f"symlink leads outside the configured folder {folder_resolved} "
                                      f"(to {real})", where=str(p),
                                      hint="remove the link or copy the file into the folder")
            if real.is_file():
                out.append(p)
    yield from sorted(out)


def read_file_bytes(path: Path, *, max_bytes: int | None = None) -> bytes:
    """Read a whole (small) file; unreadable or too large -> EvidenceError naming the path."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise EvidenceError(f"file is {size} bytes, more than the {max_bytes} this collector reads whole",
                                where=str(path), hint="use the 'logs' collector for large streamed files, "
                                "or raise the source's max_bytes option")
        return path.read_bytes()
    except OSError as exc:
        raise EvidenceError(f"cannot read file ({exc.strerror or exc})", where=str(path),
                            hint="check the path and its permissions") from None


def rel_uri(root: Path, path: Path) -> str:
    """A stable source URI: the workspace-relative POSIX path, or a file: URI outside the workspace."""
    p = path if path.is_absolute() else (root / path)
    try:
        return p.relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return p.resolve().as_uri()


# --- values ----------------------------------------------------------------------------------------


def iso(value: dt.datetime | dt.date) -> str:
    """RFC 3339 in UTC with a 'Z' (datetimes) or an ISO date."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        frac = f".{value.microsecond:06d}".rstrip("0") if value.microsecond else ""
        return value.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"
    return value.isoformat()


def parse_datetime(value: Any) -> dt.datetime | None:
    """A datetime (UTC) from an ISO 8601 string, a date, or epoch seconds/milliseconds; None if not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None
        secs = value / 1000.0 if abs(value) > 1e11 else float(value)  # epoch milliseconds vs seconds
        try:
            return dt.datetime.fromtimestamp(secs, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return None
        try:
            d = dt.datetime.fromisoformat(s)
        except ValueError:
            return None
        return d if d.tzinfo else d.replace(tzinfo=dt.UTC)
    return None


def jsonable(value: Any) -> Any:
    """Attributes must be plain, canonical JSON: dates to ISO strings, NaN/inf to None, big ints to str."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) <= 2**53 else value
    if isinstance(value, (dt.datetime, dt.date)):
        return iso(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def edge(source: str, target: str, type_: str) -> GraphEdge:
    return GraphEdge(source=source, target=target, type=type_)
