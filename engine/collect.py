"""Collecting evidence for one system: run each configured source's collector, store the raw bytes,
stamp provenance, record the manifest.

``collect_system`` is the contract other stages call; ``collect_system_report`` returns the same items
plus a per-source summary (what the CLI prints). ``offline=True`` touches no source: it returns exactly
the items the manifest recorded for the system at its last successful collection, after checking that
every blob they rely on is still in the store with the right hash.

A failing source raises :class:`EvidenceError` (or ConfigError for a bad source entry); nothing is
recorded in the manifest for that run, so ``--offline`` never sees a partial collection.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from .config import SourceConfig, SystemConfig, Workspace
from .errors import AiconformError, ConfigError, EvidenceError
from .models import EvidenceItem, Provenance
from .store import EvidenceStore, SourceSummary, SystemEntry

__all__ = ["collect_system", "collect_system_report", "CollectResult", "source_name", "load_recorded"]


@dataclass
class CollectResult:
    system_id: str
    items: list[EvidenceItem]
    sources: list[SourceSummary] = field(default_factory=list)
    new_blobs: int = 0
    offline: bool = False
    errors: list[tuple[str, AiconformError]] = field(default_factory=list)  # (source name, error)


def source_name(src: SourceConfig, index: int) -> str:
    """The name of a source: its ``name``, else ``<collector>`` (``<collector>-<n>`` when repeated)."""
    return src.name or (src.collector if index == 0 else f"{src.collector}-{index + 1}")


def _names(system: SystemConfig) -> list[str]:
    counts: Counter[str] = Counter()
    names = []
    for src in system.sources:
        names.append(source_name(src, counts[src.collector]))
        counts[src.collector] += 1
    return names


def _utc(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        return now.replace(tzinfo=dt.UTC)
    return now.astimezone(dt.UTC)


def _validate_options(collector: Any, src: SourceConfig, name: str, system_id: str, ws: Workspace) -> Any:
    try:
        return collector.Options.model_validate(src.options())
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(source)"
            problems.append(f"key '{loc}': {err['msg']}")
        raise ConfigError(f"system '{system_id}', source '{name}' (collector '{src.collector}') is invalid",
                          where=str(ws.root / "aiconform.yaml"), problems=problems,
                          hint="see docs/evidence.md for each collector's options") from None


def collect_system_report(ws: Workspace, system: SystemConfig, *, now: dt.datetime, offline: bool = False,
                          progress: Any = None, keep_going: bool = False) -> CollectResult:
    """Collect every source of ``system``; see the module docstring.

    ``keep_going=True`` runs every source even after one fails and returns the errors in the result
    (the CLI uses this for its summary table); otherwise the first error is raised.
    """
    from ..evidence_collectors.base import CollectContext, get_collector

    now = _utc(now)
    store = EvidenceStore.for_workspace(ws.root)
    if offline:
        items = load_recorded(store, system.id)
        recorded = store.load_system(system.id)
        return CollectResult(system_id=system.id, items=items, offline=True,
                             sources=recorded.sources if recorded is not None else [])

    default_days = ws.evidence_validity_days
    previous = store.load_system(system.id)
    prev_items = {i.id: i for i in previous.items} if previous is not None else {}
    prev_sources = {s.name: s for s in previous.sources} if previous is not None else {}
    items: dict[str, EvidenceItem] = {}
    owner: dict[str, str] = {}
    blobs: dict[str, tuple[int, str]] = {}
    summaries: list[SourceSummary] = []
    errors: list[tuple[str, AiconformError]] = []
    new_total = 0
    for src, name in zip(system.sources, _names(system), strict=True):
        try:
            collector = get_collector(src.collector)
            opts = _validate_options(collector, src, name, system.id, ws)
            ctx = CollectContext(root=ws.root, now=now, source_name=name, progress=progress)
            days = opts.valid_for_days if opts.valid_for_days is not None else default_days
            default_until = now + dt.timedelta(days=days)
            summary = SourceSummary(name=name, collector=collector.name, collector_version=collector.version)
            kinds: Counter[str] = Counter()
            new_here = 0
            fingerprint = _fingerprint(collector, opts, ctx)
            summary.fingerprint = fingerprint
            kept = _unchanged_source(prev_sources.get(name), summary, prev_items, store)
            if kept is not None:
                for item in kept:
                    if item.id in items:
                        raise EvidenceError(f"evidence id '{item.id}' is produced twice (sources '{owner[item.id]}' "
                                            f"and '{name}')", where=f"system '{system.id}'")
                    items[item.id] = item
                    owner[item.id] = name
                    blobs.setdefault(item.provenance.sha256, (0, item.provenance.source_uri))
                    kinds[item.kind] += 1
                    summary.items += 1
                summary.reused = True
                summary.item_ids = sorted(i.id for i in kept)
                summary.kinds = dict(sorted(kinds.items()))
                summary.malformed = prev_sources[name].malformed
                summaries.append(summary)
                continue
            for c in collector.collect(opts, ctx):
                if c.blob.sha256 not in blobs:
                    if c.blob.data is not None:
                        sha, new = store.put_bytes(c.blob.data, c.blob.sha256)
                    elif c.blob.path is not None:
                        sha, new = store.put_file(c.blob.path, c.blob.sha256)
                    else:
                        raise EvidenceError(f"collector '{collector.name}' gave item {c.id} no raw bytes")
                    new_here += int(new)
                    blobs[sha] = (c.blob.size, c.source_uri)
                if c.id in items:
                    raise EvidenceError(f"evidence id '{c.id}' is produced twice (sources '{owner[c.id]}' and "
                                        f"'{name}')", where=f"system '{system.id}'",
                                        hint="make the sources' paths or include globs not overlap")
                valid_until = _utc(c.valid_until) if c.valid_until is not None else default_until
                collected_at = now
                prev = prev_items.get(c.id)
                if prev is not None and prev.provenance.sha256 == c.blob.sha256:
                    # Same item, same bytes: it keeps the time it was first collected (and so its default
                    # validity), which also keeps re-evaluations of unchanged evidence byte-identical.
                    collected_at = prev.provenance.collected_at
                    if c.valid_until is None and prev.provenance.valid_until is not None:
                        valid_until = prev.provenance.valid_until
                items[c.id] = EvidenceItem(
                    id=c.id, kind=c.kind, title=c.title, attributes=c.attributes, node_type=c.node_type, node=c.node,
                    edges=c.edges,
                    provenance=Provenance(source_uri=c.source_uri, sha256=c.blob.sha256, collected_at=collected_at,
                                          collector=collector.name, collector_version=collector.version,
                                          valid_until=valid_until, line=c.line))
                owner[c.id] = name
                kinds[c.kind] += 1
                summary.items += 1
                summary.malformed += int(c.attributes.get("malformed_count") or 0) if isinstance(
                    c.attributes.get("malformed_count"), int) else 0
            summary.kinds = dict(sorted(kinds.items()))
            summary.item_ids = sorted(i for i, o in owner.items() if o == name)
            summary.new_blobs = new_here
            new_total += new_here
            summaries.append(summary)
        except AiconformError as exc:
            if not keep_going:
                raise
            errors.append((name, exc))
    result = CollectResult(system_id=system.id, items=sorted(items.values(), key=lambda i: i.id), sources=summaries,
                           new_blobs=new_total, errors=errors)
    if not errors:
        with store.locked():  # per-system and per-blob shards: O(1) per collection (see EvidenceStore)
            store.index_blobs(system.id, blobs, now)
            store.save_system(system.id, SystemEntry(collected_at=now, sources=summaries, items=result.items))
    return result


def _fingerprint(collector: Any, opts: Any, ctx: Any) -> str | None:
    fn = getattr(collector, "fingerprint", None)
    if fn is None:
        return None
    fp = fn(opts, ctx)
    if fp is None:
        return None
    import hashlib

    return hashlib.sha256(f"{collector.name}\0{collector.version}\0{opts.model_dump_json()}\0{fp}".encode()).hexdigest()


def _unchanged_source(prev: SourceSummary | None, now: SourceSummary, prev_items: dict[str, EvidenceItem],
                      store: EvidenceStore) -> list[EvidenceItem] | None:
    """The previous items of a source whose fingerprint has not changed (and whose blobs are intact)."""
    if prev is None or now.fingerprint is None or prev.fingerprint != now.fingerprint or not prev.item_ids:
        return None
    kept = [prev_items[i] for i in prev.item_ids if i in prev_items]
    if len(kept) != len(prev.item_ids):
        return None
    for sha in sorted({i.provenance.sha256 for i in kept}):
        try:
            store.verify(sha)
        except EvidenceError:
            return None  # a blob is missing or damaged: collect again
    return kept


def collect_system(ws: Workspace, system: SystemConfig, *, now: dt.datetime, offline: bool = False,
                   progress: Any = None) -> list[EvidenceItem]:
    """Evidence items for ``system``, sorted by id (see :func:`collect_system_report`)."""
    return collect_system_report(ws, system, now=now, offline=offline, progress=progress).items


def load_recorded(store: EvidenceStore, system_id: str, *, verify: bool = True) -> list[EvidenceItem]:
    """The items recorded for ``system_id``; every blob they cite is checked (present, right sha256)."""
    entry = store.load_system(system_id)
    if entry is None:
        raise EvidenceError(f"no evidence has been collected for system '{system_id}'", where=str(store.root),
                            hint="run 'aiconform collect' (without --offline) first")
    if verify:
        for sha in sorted({i.provenance.sha256 for i in entry.items}):
            store.verify(sha)
    return sorted(entry.items, key=lambda i: i.id)
