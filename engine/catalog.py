"""The model catalogue: every AI system of a workspace with its tier, roles, owner, model versions, last
evaluation and status.

Built from three places, none of which it changes: the workspace configuration (what systems exist and who
owns them), the audit ledger (the newest run of each system) and the recorded results of that run (tier,
roles, model versions seen in the evidence). ``filter_entries`` and ``search_entries`` are pure; exports are
canonical JSON or CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .canonical import canonical_bytes
from .config import Workspace
from .errors import LedgerError, UsageError

__all__ = [
    "ModelVersion",
    "CatalogEntry",
    "build_catalog",
    "filter_entries",
    "search_entries",
    "to_json",
    "to_csv",
    "CSV_FIELDS",
    "STATUSES",
]

STATUSES = ("pass", "warnings", "blocking", "error", "not_evaluated")
CSV_FIELDS = ("id", "name", "version", "tier", "roles", "owner", "provider", "status", "blocking", "warnings",
              "last_run_id", "last_as_of", "last_recorded_at", "runs", "model_versions", "results_digest",
              "policy_bundle_digest")


class ModelVersion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str  # evidence id / graph node id
    name: str = ""
    version: str = ""
    aliases: tuple[str, ...] = ()
    source_uri: str = ""

    @property
    def label(self) -> str:
        base = f"{self.name}/{self.version}" if self.name and self.version else (self.name or self.version or self.id)
        return base + (f" ({', '.join(self.aliases)})" if self.aliases else "")


class CatalogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str = ""
    version: str = ""
    intended_purpose: str = ""
    provider: str = ""
    owner: str = ""
    tier: str = ""
    roles: tuple[str, ...] = ()
    status: str = "not_evaluated"
    blocking: int = 0
    warnings: int = 0
    in_workspace: bool = True  # False: known only from the ledger (removed from aiconform.yaml since)
    last_run_id: str = ""
    last_as_of: str = ""
    last_recorded_at: str = ""
    runs: int = 0
    results_digest: str = ""
    policy_bundle_digest: str = ""
    model_versions: tuple[ModelVersion, ...] = ()
    note: str = ""  # e.g. the recorded results are missing
    counts: dict[str, int] = Field(default_factory=dict)


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def _model_versions(results: dict[str, Any]) -> tuple[ModelVersion, ...]:
    out = []
    for it in results.get("evidence", []) or []:
        if not isinstance(it, dict):
            continue
        if it.get("kind") != "model_version" and it.get("node_type") != "model_version":
            continue
        a = it.get("attributes") or {}
        aliases = a.get("aliases") or a.get("alias") or ()
        if isinstance(aliases, str):
            aliases = (aliases,)
        stage = a.get("stage") or a.get("current_stage")
        al = tuple(sorted({_text(x) for x in aliases} | ({_text(stage)} if stage and stage != "None" else set())))
        out.append(ModelVersion(id=_text(it.get("id")), name=_text(a.get("name") or a.get("model") or it.get("title")),
                                version=_text(a.get("version")), aliases=al,
                                source_uri=_text((it.get("provenance") or {}).get("source_uri"))))
    return tuple(sorted(out, key=lambda m: (m.name, m.version, m.id)))


def build_catalog(ws: Workspace, *, with_models: bool = True) -> list[CatalogEntry]:
    """One entry per system in the workspace, plus systems that only the ledger still knows."""
    from .ledger import Ledger, ledger_path, load_results

    latest: dict[str, Any] = {}
    runs: dict[str, int] = {}
    lp = ledger_path(ws.root)
    if lp.exists() or lp.with_name(lp.stem + ".anchor.json").exists():
        with Ledger.open(lp) as led:
            latest = led.latest()
            for r in led.records():
                runs[r.system] = runs.get(r.system, 0) + 1
    entries = []
    configured = {s.id: s for s in ws.systems}
    for sid in sorted(set(configured) | set(latest)):
        cfg = configured.get(sid)
        rec = latest.get(sid)
        base: dict[str, Any] = {"id": sid, "in_workspace": cfg is not None}
        if cfg is not None:
            base.update(name=cfg.name or sid, version=cfg.version, intended_purpose=cfg.intended_purpose.strip(),
                        provider=cfg.provider, owner=cfg.owner)
        if rec is not None:
            s = rec.summary_data
            base.update(tier=rec.tier, status=rec.status, blocking=int(s.get("blocking", 0)),
                        warnings=int(s.get("warnings", 0)), last_run_id=rec.run_id, last_as_of=rec.as_of,
                        last_recorded_at=rec.recorded_at, runs=runs.get(sid, 0), results_digest=rec.results_digest,
                        policy_bundle_digest=rec.policy_bundle_digest,
                        counts={k: int(v) for k, v in sorted((s.get("counts") or {}).items()) if v})
            if with_models:
                try:
                    res = load_results(ws.root, rec.results_digest)
                except LedgerError as exc:
                    base["note"] = f"recorded results unavailable: {exc}"
                else:
                    base["model_versions"] = _model_versions(res)
                    sysd = res.get("system") or {}
                    base["roles"] = tuple(_text(r) for r in (sysd.get("roles") or ()))
                    if cfg is None:
                        base.update(name=_text(sysd.get("name")), version=_text(sysd.get("version")),
                                    owner=_text(sysd.get("owner")), provider=_text(sysd.get("provider")),
                                    intended_purpose=_text(sysd.get("intended_purpose")))
                    # an error finding makes the run "error" whatever the summary says
                    if any(isinstance(f, dict) and f.get("status") == "error" for f in res.get("findings", [])):
                        base["status"] = "error"
        entries.append(CatalogEntry(**base))
    return entries


def _parse_date(value: str | None, opt: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{opt} {value!r} is not a date", hint="use YYYY-MM-DD") from None


def filter_entries(entries: Iterable[CatalogEntry], *, tier: Sequence[str] = (), status: Sequence[str] = (),
                   owner: str | None = None, since: str | None = None, until: str | None = None,
                   model: str | None = None) -> list[CatalogEntry]:
    """Keep entries matching every given filter. ``since``/``until`` bound the last evaluation date (as_of),
    inclusive; an entry never evaluated never matches a date filter. ``owner``/``model`` match substrings,
    case-insensitively."""
    for st in status:
        if st not in STATUSES:
            raise UsageError(f"unknown status {st!r}", hint="use one of: " + ", ".join(STATUSES))
    lo, hi = _parse_date(since, "--since"), _parse_date(until, "--until")
    out = []
    for e in entries:
        if tier and e.tier not in tier:
            continue
        if status and e.status not in status:
            continue
        if owner and owner.casefold() not in e.owner.casefold():
            continue
        if model and not any(model.casefold() in m.label.casefold() for m in e.model_versions):
            continue
        if lo or hi:
            if not e.last_as_of:
                continue
            d = dt.date.fromisoformat(e.last_as_of)
            if (lo and d < lo) or (hi and d > hi):
                continue
        out.append(e)
    return out


def _haystack(e: CatalogEntry) -> str:
    parts = [e.id, e.name, e.version, e.intended_purpose, e.provider, e.owner, e.tier, e.status, *e.roles]
    parts += [m.label for m in e.model_versions]
    return "\n".join(parts).casefold()


def search_entries(entries: Iterable[CatalogEntry], query: str) -> list[CatalogEntry]:
    """Entries whose text (id, name, purpose, provider, owner, tier, roles, model versions) contains every
    word of ``query``."""
    words = [w.casefold() for w in query.split() if w]
    if not words:
        raise UsageError("empty search", hint="give one or more words, e.g. `aiconform catalog search credit`")
    return [e for e in entries if all(w in _haystack(e) for w in words)]


def to_json(entries: Sequence[CatalogEntry]) -> bytes:
    return canonical_bytes({"systems": list(entries)}) + b"\n"


def _csv_row(e: CatalogEntry) -> dict[str, str]:
    d = e.model_dump()
    d["roles"] = ";".join(e.roles)
    d["model_versions"] = ";".join(m.label for m in e.model_versions)
    return {k: _csv_safe(_text(d[k])) for k in CSV_FIELDS}


def _csv_safe(v: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): configuration text is data, never a formula."""
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v


def to_csv(entries: Sequence[CatalogEntry]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    w.writeheader()
    for e in entries:
        w.writerow(_csv_row(e))
    return buf.getvalue().encode("utf-8")


def write_export(entries: Sequence[CatalogEntry], fmt: str, out: Path | None) -> bytes:
    from .canonical import atomic_write

    data = to_json(entries) if fmt == "json" else to_csv(entries)
    if out is not None:
        atomic_write(out, data)
    return data
