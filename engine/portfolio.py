"""The portfolio: every system of a workspace, evaluated in parallel, summarised for governance.

``evaluate_portfolio`` runs :func:`aiconform.engine.pipeline.run_system` for each system in a pool of
worker processes (``spawn``: the embedded OPA evaluator is a Go runtime, which does not survive ``fork``).
Each worker loads the policy bundle and compiles it ONCE (pool initializer) and reuses that evaluator for
every system it is handed. Workers also write each Report's canonical JSON into the results store; the
parent appends the ledger records in batches (one transaction per batch), so a portfolio of a thousand
systems costs a handful of ledger commits, and a portfolio killed half-way keeps what it recorded.

``build_portfolio`` is pure: (as_of, outcomes) -> :class:`Portfolio` -- a system x obligation status
matrix (one column per article or annex, the worst status of its findings), the blocking items, upcoming
application dates and deadlines (obligations that apply later, waivers and evidence that expire), stale
evidence, and owners.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .config import Workspace
from .errors import AiconformError
from .models import Report, Severity, Status

__all__ = [
    "Outcome",
    "SystemRow",
    "BlockingItem",
    "UpcomingItem",
    "StaleItem",
    "OwnerRow",
    "Portfolio",
    "article_of",
    "cell_status",
    "system_status",
    "build_portfolio",
    "SystemPart",
    "summarise_system",
    "assemble",
    "evaluate_portfolio",
    "default_jobs",
    "write_outputs",
    "render_html",
    "render_pdf",
    "safe_url_fetcher",
    "template_root",
    "portfolio_view",
    "build_opa_bundle",
    "fleet_revisions",
    "CELL_ORDER",
    "CELL_MARK",
]

# Worst first: a cell shows the worst status among the findings of its article.
CELL_ORDER = ("error", "fail", "warn", "manual", "waived", "pending", "pass", "n/a")
_CELL_OF = {
    Status.error: "error",
    Status.manual: "manual",
    Status.waived: "waived",
    Status.not_yet_applicable: "pending",
    Status.passed: "pass",
    Status.not_applicable: "n/a",
}
_ART_RE = re.compile(r"^\s*(?:Art\.?|Article)\s*(\d+)([a-z]?)\b", re.IGNORECASE)
_ANNEX_RE = re.compile(r"^\s*Annex\s+([IVXLC]+)\b", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SystemRow(_M):
    id: str
    name: str = ""
    version: str = ""
    owner: str = ""
    provider: str = ""
    tier: str = ""
    roles: tuple[str, ...] = ()
    status: str  # pass | warnings | blocking | error
    blocking: int = 0
    warnings: int = 0
    counts: dict[str, int] = Field(default_factory=dict)
    cells: dict[str, str] = Field(default_factory=dict)  # column -> worst cell status
    results_digest: str = ""
    policy_bundle_digest: str = ""
    error: str = ""


class BlockingItem(_M):
    system: str
    owner: str = ""
    rule_id: str
    citation: str
    title: str
    status: str
    message: str = ""
    remediation: str = ""


class UpcomingItem(_M):
    date: str  # ISO date
    system: str
    owner: str = ""
    kind: str  # obligation_applies | requirement_applies | waiver_expires | evidence_expires
    ref: str  # citation, rule id or evidence id
    title: str


class StaleItem(_M):
    system: str
    owner: str = ""
    evidence_id: str
    kind: str
    source_uri: str
    valid_until: str


class OwnerRow(_M):
    owner: str
    systems: tuple[str, ...]
    blocking_systems: int
    error_systems: int
    blocking_items: int


class Portfolio(_M):
    schema_version: str = "1"
    as_of: dt.date
    horizon_days: int
    columns: tuple[str, ...]
    systems: tuple[SystemRow, ...]
    totals: dict[str, int]  # system status -> count
    blocking_items: tuple[BlockingItem, ...]
    upcoming: tuple[UpcomingItem, ...]
    stale_evidence: tuple[StaleItem, ...]
    owners: tuple[OwnerRow, ...]
    policy_bundle_digests: tuple[str, ...]
    versions: dict[str, str] = Field(default_factory=dict)


@dataclass
class Outcome:
    """One system's evaluation in a portfolio run (``report`` is None when it could not be evaluated)."""

    system_id: str
    report: Report | None
    error: str = ""
    seconds: float = 0.0
    results_digest: str = ""
    name: str = ""
    owner: str = ""
    part: SystemPart | None = None  # the portfolio's summary of this system (set by workers)
    fields: dict[str, str] | None = None  # the ledger record's columns (set by workers)


# ------------------------------------------------------------------------------------------- pure core
def article_of(citation: str) -> str:
    """The matrix column of a citation: ``Art. 9(2)(a)`` -> ``Art. 9``, ``Annex IV point 2`` -> ``Annex IV``."""
    m = _ART_RE.match(citation)
    if m:
        return f"Art. {int(m.group(1))}{m.group(2).lower()}"
    m = _ANNEX_RE.match(citation)
    if m:
        return f"Annex {m.group(1).upper()}"
    head = citation.strip().split(" ")[0] if citation.strip() else "other"
    return head or "other"


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN.get(ch, 0)
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return total


def _column_key(col: str) -> tuple[int, int, str]:
    m = re.match(r"^Art\. (\d+)([a-z]?)$", col)
    if m:
        return (0, int(m.group(1)), m.group(2))
    m = re.match(r"^Annex ([IVXLC]+)$", col)
    if m:
        return (1, _roman(m.group(1)), "")
    return (2, 0, col)


def cell_status(statuses: Iterable[tuple[Status, Severity]]) -> str:
    """Worst cell value over (status, severity) pairs; failed warn/info findings show as ``warn``."""
    cells = []
    for st, sev in statuses:
        if st == Status.failed:
            cells.append("fail" if sev == Severity.deny else "warn")
        else:
            cells.append(_CELL_OF.get(st, "n/a"))
    return min(cells, key=CELL_ORDER.index) if cells else "n/a"


def system_status(report: Report) -> str:
    """``error`` / ``blocking`` / ``warnings`` / ``pass`` -- the same decision as the CI gate's exit code."""
    try:
        from .exitcodes import exit_code
    except ImportError:  # pragma: no cover - the gate module is part of the same package
        exit_code = None
    if exit_code is not None:
        code = exit_code(report)
        if code == 2:
            return "error"
        if code == 1:
            return "blocking"
    elif any(f.status == Status.error for f in report.findings) or not report.findings:
        return "error"
    elif report.summary.blocking:
        return "blocking"
    if any(f.status == Status.failed and f.severity == Severity.warn for f in report.findings):
        return "warnings"
    return "pass"


class SystemPart(_M):
    """What the portfolio keeps of one system's evaluation (computed in the worker, so the parent never
    holds a thousand full Reports)."""

    row: SystemRow
    blocking: tuple[BlockingItem, ...] = ()
    upcoming: tuple[UpcomingItem, ...] = ()
    stale: tuple[StaleItem, ...] = ()
    versions: dict[str, str] = Field(default_factory=dict)


def summarise_system(rep: Report, as_of: dt.date, *, horizon_days: int = 180, results_digest: str = "") -> SystemPart:
    """One system's row, blocking items, upcoming dates and deadlines, and stale evidence."""
    horizon = as_of + dt.timedelta(days=horizon_days)
    as_of_dt = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    sysm = rep.system
    owner = sysm.owner
    blocking: list[BlockingItem] = []
    upcoming: list[UpcomingItem] = []
    stale: list[StaleItem] = []
    by_col: dict[str, list[tuple[Status, Severity]]] = defaultdict(list)
    for f in rep.findings:
        by_col[article_of(f.citation)].append((f.status, f.severity))
        if f.status == Status.error or (f.status == Status.failed and f.severity == Severity.deny):
            blocking.append(BlockingItem(system=sysm.id, owner=owner, rule_id=f.rule_id, citation=f.citation,
                                         title=f.title, status=f.status.value, message=f.message,
                                         remediation=f.remediation))
        if f.status == Status.not_yet_applicable and f.applies_from and f.applies_from <= horizon.isoformat():
            upcoming.append(UpcomingItem(date=f.applies_from, system=sysm.id, owner=owner,
                                         kind="requirement_applies", ref=f"{f.citation} ({f.rule_id})",
                                         title=f.title))
    for ob in rep.classification.obligations:
        if not ob.applies_now and as_of.isoformat() < ob.applies_from <= horizon.isoformat():
            upcoming.append(UpcomingItem(date=ob.applies_from, system=sysm.id, owner=owner,
                                         kind="obligation_applies", ref=ob.citation, title=f"{ob.title} ({ob.role})"))
    for w in rep.waivers:
        if as_of <= w.expires <= horizon:
            upcoming.append(UpcomingItem(date=w.expires.isoformat(), system=sysm.id, owner=owner,
                                         kind="waiver_expires", ref=f"{w.rule_id} [{w.subject}]",
                                         title=f"waiver owned by {w.owner}"))
    for it in rep.evidence:
        vu = it.provenance.valid_until
        if vu is None:
            continue
        if vu < as_of_dt:
            stale.append(StaleItem(system=sysm.id, owner=owner, evidence_id=it.id, kind=it.kind,
                                   source_uri=it.provenance.source_uri, valid_until=vu.date().isoformat()))
        elif vu.date() <= horizon:
            upcoming.append(UpcomingItem(date=vu.date().isoformat(), system=sysm.id, owner=owner,
                                         kind="evidence_expires", ref=it.id, title=it.title or it.kind))
    cells = {c: cell_status(v) for c, v in by_col.items()}
    row = SystemRow(id=sysm.id, name=sysm.name, version=sysm.version, owner=owner, provider=sysm.provider,
                    tier=rep.classification.tier.value, roles=tuple(sysm.roles), status=system_status(rep),
                    blocking=rep.summary.blocking, warnings=rep.summary.warnings,
                    counts={k: v for k, v in sorted(rep.summary.counts.items()) if v},
                    cells=dict(sorted(cells.items())), results_digest=results_digest,
                    policy_bundle_digest=rep.versions.policy_bundle_digest)
    return SystemPart(row=row, blocking=tuple(blocking), upcoming=tuple(upcoming), stale=tuple(stale),
                      versions={"aiconform": rep.versions.aiconform, "opa": rep.versions.opa,
                                "engine": rep.versions.engine})


def error_part(system_id: str, error: str, *, name: str = "", owner: str = "") -> SystemPart:
    return SystemPart(row=SystemRow(id=system_id, name=name, owner=owner, status="error",
                                    error=error or "could not be evaluated"))


def part_of(o: Outcome, as_of: dt.date, horizon_days: int) -> SystemPart:
    if o.part is not None:
        return o.part
    if o.report is None:
        return error_part(o.system_id, o.error, name=o.name, owner=o.owner)
    return summarise_system(o.report, as_of, horizon_days=horizon_days, results_digest=o.results_digest)


def assemble(as_of: dt.date, parts: Sequence[SystemPart], *, horizon_days: int = 180) -> Portfolio:
    """The portfolio from per-system parts. Deterministic: rows sorted by system id, items sorted."""
    parts = sorted(parts, key=lambda p: p.row.id)
    rows = [p.row for p in parts]
    blocking = [b for p in parts for b in p.blocking]
    columns = {c for r in rows for c in r.cells}
    versions: dict[str, set[str]] = defaultdict(set)
    for p in parts:
        for k, v in p.versions.items():
            versions[k].add(v)
    totals = {s: 0 for s in ("blocking", "error", "warnings", "pass")}
    for r in rows:
        totals[r.status] += 1
    owners: dict[str, list[SystemRow]] = defaultdict(list)
    for r in rows:
        owners[r.owner or "(no owner)"].append(r)
    per_system = {p.row.id: len(p.blocking) for p in parts}
    owner_rows = tuple(
        OwnerRow(owner=name, systems=tuple(r.id for r in rs),
                 blocking_systems=sum(r.status == "blocking" for r in rs),
                 error_systems=sum(r.status == "error" for r in rs),
                 blocking_items=sum(per_system[r.id] for r in rs))
        for name, rs in sorted(owners.items()))
    return Portfolio(
        as_of=as_of, horizon_days=horizon_days, columns=tuple(sorted(columns, key=_column_key)),
        systems=tuple(rows), totals=totals,
        blocking_items=tuple(sorted(blocking, key=lambda b: (b.system, b.citation, b.rule_id, b.message))),
        upcoming=tuple(sorted((u for p in parts for u in p.upcoming), key=lambda u: (u.date, u.system, u.kind, u.ref))),
        stale_evidence=tuple(sorted((x for p in parts for x in p.stale), key=lambda s: (s.system, s.evidence_id))),
        owners=owner_rows,
        policy_bundle_digests=tuple(sorted({r.policy_bundle_digest for r in rows if r.policy_bundle_digest})),
        versions={k: ", ".join(sorted(v)) for k, v in sorted(versions.items())})


def build_portfolio(as_of: dt.date, outcomes: Sequence[Outcome], *, horizon_days: int = 180) -> Portfolio:
    """Summarise evaluated systems (Reports or the parts workers already computed)."""
    return assemble(as_of, [part_of(o, as_of, horizon_days) for o in outcomes], horizon_days=horizon_days)


# ------------------------------------------------------------------------------------------- workers
_WORKER: dict[str, Any] = {}


def _worker_init(ws: Workspace, engine_kind: str | None, offline: bool, save: bool,
                 keep_reports: bool = False) -> None:
    """Pool initializer: load the bundle and compile it once per worker process."""
    from .pipeline import Evaluator

    try:
        _WORKER["evaluator"] = Evaluator(ws, engine_kind=engine_kind, shards=1)  # the pool is the parallelism
        _WORKER["error"] = ""
    except AiconformError as exc:
        _WORKER["evaluator"] = None
        _WORKER["error"] = exc.render()
    _WORKER.update(ws=ws, offline=offline, save=save, keep_reports=keep_reports)


def _evaluate_one(system_id: str, as_of: dt.date, horizon_days: int) -> Outcome:
    from .pipeline import run_system

    t0 = time.perf_counter()
    ws: Workspace = _WORKER["ws"]
    ev = _WORKER["evaluator"]
    if ev is None:
        return Outcome(system_id, None, error=_WORKER["error"], seconds=0.0)
    try:
        rep = run_system(ws, system_id, as_of, offline=_WORKER["offline"], evaluator=ev, ledger=False)
    except AiconformError as exc:
        return Outcome(system_id, None, error=exc.render(), seconds=time.perf_counter() - t0)
    except Exception as exc:  # noqa: BLE001 - one broken system must not sink the portfolio
        return Outcome(system_id, None, error=f"internal error: {type(exc).__name__}: {exc}",
                       seconds=time.perf_counter() - t0)
    from .ledger import record_fields, save_results

    digest = save_results(ws.root, rep)[0] if _WORKER["save"] else ""
    fields = record_fields(rep, results_digest=digest) if _WORKER["save"] else None
    part = summarise_system(rep, as_of, horizon_days=horizon_days, results_digest=digest)
    keep = rep if _WORKER.get("keep_reports") else None
    return Outcome(system_id, keep, seconds=time.perf_counter() - t0, results_digest=digest, part=part,
                   fields=fields)


def _evaluate_chunk(args: tuple[list[str], dt.date, int]) -> list[Outcome]:
    ids, as_of, horizon_days = args
    return [_evaluate_one(sid, as_of, horizon_days) for sid in ids]


def _chunks(ids: list[str], size: int) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def evaluate_portfolio(ws: Workspace, as_of: dt.date, *, jobs: int | None = None, offline: bool = False,
                       engine_kind: str | None = None, ledger: bool = True, systems: Sequence[str] | None = None,
                       progress: Callable[[Outcome], None] | None = None, horizon_days: int = 180,
                       keep_reports: bool = False, ledger_batch: int = 100) -> tuple[list[Outcome], list[str]]:
    """Evaluate the workspace's systems; returns (outcomes in system order, ledger run ids).

    ``jobs`` worker processes (default: the usable cores); ``jobs=1`` evaluates in this process.
    Each evaluated system is recorded in the ledger (in batches) unless ``ledger`` is False. Outcomes
    carry the portfolio's per-system part (and the full Report only with ``keep_reports``).
    """
    from .ledger import Ledger, ledger_path

    ids = list(systems) if systems is not None else [s.id for s in ws.systems]
    if systems is not None:
        for sid in ids:
            ws.system(sid)  # unknown ids are a ConfigError before any work starts
    names = {s.id: (s.name or s.id, s.owner) for s in ws.systems}
    jobs = max(1, min(jobs or default_jobs(), len(ids) or 1))
    outcomes: list[Outcome] = []
    run_ids: list[str] = []
    pending: list[Outcome] = []

    def flush() -> None:
        done = [o.fields for o in pending if o.fields is not None]
        pending.clear()
        if not ledger or not done:
            return
        _snapshot_bundles(ws, {f["policy_bundle_digest"] for f in done})
        with Ledger.open(ledger_path(ws.root), create=True) as led:
            recs = led.append_many(done)
        run_ids.extend(r.run_id for r in recs)

    def take(o: Outcome) -> None:
        o.name, o.owner = names.get(o.system_id, (o.system_id, ""))
        outcomes.append(o)
        pending.append(o)
        if progress is not None:
            progress(o)
        if len(pending) >= ledger_batch:
            flush()

    try:
        if jobs == 1:
            _worker_init(ws, engine_kind, offline, ledger, keep_reports)
            try:
                for sid in ids:
                    take(_evaluate_one(sid, as_of, horizon_days))
            finally:
                ev = _WORKER.pop("evaluator", None)
                if ev is not None:
                    ev.close()
        else:
            import multiprocessing

            # Small chunks keep both workers busy to the end; each worker evaluates several systems per
            # round trip, so pickling and IPC stay a small share.
            size = max(1, min(25, len(ids) // (jobs * 8) or 1))
            from .launch import GOGC

            # The Go runtime reads GOGC only from the environment a process starts with (engine/launch.py):
            # the spawned workers inherit it; an explicit GOGC wins.
            os.environ.setdefault("GOGC", GOGC)
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                                     initargs=(ws, engine_kind, offline, ledger, keep_reports)) as pool:
                for chunk in pool.map(_evaluate_chunk, [(c, as_of, horizon_days) for c in _chunks(ids, size)]):
                    for o in chunk:
                        take(o)
    finally:
        flush()
    outcomes.sort(key=lambda o: o.system_id)
    return outcomes, run_ids


def _snapshot_bundles(ws: Workspace, digests: set[str]) -> None:
    from .ledger import bundle_snapshot_dir, snapshot_bundle

    for d in sorted(digests):
        try:
            if (bundle_snapshot_dir(ws.root, d) / "manifest.json").exists():
                continue
        except AiconformError:
            continue
        from .bundle import load_bundle

        b = load_bundle([ws.path(p) for p in ws.policies])
        if b.digest == d:
            snapshot_bundle(ws.root, b)


def write_outputs(pf: Portfolio, out: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Write ``portfolio.json`` / ``.html`` / ``.pdf`` atomically into ``out``; returns format -> path."""
    from .canonical import atomic_write, canonical_bytes

    written: dict[str, Path] = {}
    html: str | None = None
    for fmt in formats:
        if fmt == "json":
            written["json"] = atomic_write(out / "portfolio.json", canonical_bytes(pf) + b"\n")
        elif fmt == "html":
            html = html or render_html(pf)
            written["html"] = atomic_write(out / "portfolio.html", html.encode("utf-8"))
        elif fmt == "pdf":
            html = html or render_html(pf)
            written["pdf"] = atomic_write(out / "portfolio.pdf", render_pdf(html))
        else:
            from .errors import UsageError

            raise UsageError(f"unknown portfolio format {fmt!r}", hint="use html, pdf or json (comma-separated)")
    return written


# ------------------------------------------------------------------------------------------- rendering
CELL_MARK = {"error": "E", "fail": "\u2717", "warn": "!", "manual": "M", "waived": "W", "pending": "\u2026",
             "pass": "\u2713", "n/a": "\u2013"}


def template_root() -> Path:
    from importlib import resources

    return Path(str(resources.files("aiconform.reports_templates"))) / "portfolio"


def render_html(pf: Portfolio, *, template_dir: Path | None = None) -> str:
    """The portfolio as HTML (Jinja2, autoescaped, strict undefined). Evidence and configuration text is
    data: it is escaped and never becomes markup, links or fetched resources."""
    import jinja2

    from .. import __version__

    root = template_dir or template_root()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    try:
        tpl = env.get_template("portfolio.html.j2")
        css = (root / "portfolio.css").read_text(encoding="utf-8")
    except (jinja2.TemplateError, OSError) as exc:
        from .errors import ReportError

        raise ReportError(f"portfolio template cannot be loaded ({exc})", where=str(root)) from None
    try:
        return tpl.render(pf=pf, css=css, marks=CELL_MARK, order=CELL_ORDER, aiconform_version=__version__,
                          view=portfolio_view(pf))
    except jinja2.TemplateError as exc:
        from .errors import ReportError

        raise ReportError(f"portfolio template failed ({exc})", where=str(root / "portfolio.html.j2")) from None


def _names(ids: Sequence[str], limit: int) -> str:
    ids = sorted(set(ids))
    return ", ".join(ids[:limit]) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def portfolio_view(pf: Portfolio, *, limit: int = 12) -> dict[str, Any]:
    """What the HTML/PDF shows: lists grouped across systems, so the document stays readable (and
    renderable) for a thousand systems. The full per-system lists are in portfolio.json."""
    blocking: dict[tuple[str, str, str], list[BlockingItem]] = defaultdict(list)
    for b in pf.blocking_items:
        blocking[(b.citation, b.rule_id, b.title)].append(b)
    blocking_groups = [
        {"citation": c, "rule_id": r, "title": t, "systems": len({b.system for b in items}),
         "names": _names([b.system for b in items], limit), "remediation": items[0].remediation,
         "message": items[0].message if len({b.message for b in items}) == 1 else ""}
        for (c, r, t), items in blocking.items()]
    blocking_groups.sort(key=lambda g: (-g["systems"], _column_key(article_of(g["citation"])), g["citation"],
                                        g["rule_id"]))
    upcoming: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for u in pf.upcoming:
        ref = u.ref if u.kind != "evidence_expires" else ""
        title = u.title if u.kind != "evidence_expires" else "evidence items reach their valid-until date"
        upcoming[(u.date, u.kind, ref, title)].append(u.system)
    upcoming_groups = [{"date": d, "kind": k, "ref": r, "title": t, "count": len(v), "names": _names(v, limit)}
                       for (d, k, r, t), v in sorted(upcoming.items())]
    stale: dict[str, list[StaleItem]] = defaultdict(list)
    for x in pf.stale_evidence:
        stale[x.system].append(x)
    stale_groups = [{"system": sid, "owner": items[0].owner, "count": len(items),
                     "kinds": ", ".join(sorted({i.kind for i in items})),
                     "oldest": min(i.valid_until for i in items)} for sid, items in sorted(stale.items())]
    return {"blocking_groups": blocking_groups, "upcoming_groups": upcoming_groups, "stale_groups": stale_groups}


def fonts_dir() -> Path:
    """The fonts shipped with the report templates (``reports_templates/assets/fonts``)."""
    return template_root().parent / "assets" / "fonts"


def safe_url_fetcher(root: Path, *more: Path) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URIs and files inside ``root`` (and ``more`` folders)
    only; every other URL (network, other files, attachments) is refused. ``fetcher.refused`` lists what
    was asked for."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    bases = [r.resolve() for r in (root, *more)]

    class _Fetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(b) for b in bases) and path.is_file():
                    import mimetypes

                    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": ctype})
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: only data: URIs and the bundled template assets are allowed")

    f = _Fetcher(allowed_protocols=("data", "file"), fail_on_errors=False)
    f.refused = []
    return f


def render_pdf(html: str, *, template_dir: Path | None = None, fetcher: Any = None) -> bytes:
    """HTML -> PDF with WeasyPrint (imported only here), fetching nothing outside the template folder."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        from .errors import ReportError

        raise ReportError(f"WeasyPrint is not usable ({exc})", where="portfolio.pdf",
                          hint="install the Pango libraries (`make sysdeps`) or choose --format html,json") from None
    from .gcpause import gc_paused

    root = template_dir or template_root()
    fonts = fonts_dir()
    fetcher = fetcher or safe_url_fetcher(root, fonts)
    doc = weasyprint.HTML(string=html, base_url=root.resolve().as_uri() + "/", url_fetcher=fetcher)
    # The bundled fonts, under their own family names (as in the report: an installed DejaVu would otherwise
    # win, and the layout would depend on the machine); for the PDF only, the HTML file names the installed ones.
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()  # @font-face in a user stylesheet needs one shared with the layout
    faces = weasyprint.CSS(string=(fonts.parent / "fonts.css").read_text(encoding="utf-8"),
                           base_url=fonts.parent.resolve().as_uri() + "/", url_fetcher=fetcher,
                           font_config=font_config)
    with gc_paused():  # the layout keeps its many objects alive to the end: GC passes would only re-walk them
        return doc.write_pdf(stylesheets=[faces], font_config=font_config)  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------- scale-out
def build_opa_bundle(bundle: Any) -> bytes:
    """The policy bundle as an OPA bundle (``tar.gz``) for an OPA fleet to download with its bundle plugin.

    ``.manifest`` carries ``revision`` = the aiconform bundle digest (so every instance can be checked to
    serve exactly the recorded policies: ``GET /v1/data/system/bundles``) and ``roots`` = the top-level
    packages and data keys it owns (so it coexists with an organisation's other bundles). Byte-identical
    for the same bundle (sorted members, fixed mtimes, no gzip timestamp)."""
    import gzip
    import io
    import json as _json
    import tarfile

    roots = sorted({m.package.split(".")[0] for m in bundle.modules} | set(bundle.data))
    members: list[tuple[str, bytes]] = [
        (".manifest", _json.dumps({"revision": bundle.digest, "roots": roots,
                                   "metadata": {"producer": "aiconform"}}, sort_keys=True).encode()),
        ("data.json", _json.dumps(bundle.data, sort_keys=True).encode()),
    ]
    members += [(f"/{m.path}", m.source.encode("utf-8")) for m in sorted(bundle.modules, key=lambda m: m.path)]
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name.lstrip("/"))
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def fleet_revisions(engine: Any) -> dict[str, str]:
    """Bundle name -> revision that an OPA server (or the instance behind a load balancer that answered)
    currently serves, from ``data.system.bundles``."""
    from .errors import PolicyEvalError

    try:
        doc = engine.document("system.bundles")
    except PolicyEvalError:
        return {}
    if not isinstance(doc, dict):
        return {}
    return {str(k): str(((v or {}).get("manifest") or {}).get("revision", "")) for k, v in sorted(doc.items())}
