"""`aiconform portfolio`: evaluate every system of a workspace in parallel and render the portfolio.

Exit 0: every system evaluated, none blocking; 1: at least one system has blocking findings; 2: at least
one system could not be evaluated (its reason is in the report and on stderr), or the workspace is invalid.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click

__all__ = ["command"]


@click.command("portfolio")
@click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Workspace folder (holds aiconform.yaml).")
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="Evaluation date (default: today, UTC).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the usable cores). 1 evaluates in this process.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the portfolio report (default: <workspace>/reports/portfolio).")
@click.option("--format", "formats", default="html,json", show_default=True,
              help="Comma-separated: html, pdf, json.")
@click.option("--system", "systems", multiple=True, help="Evaluate only this system (repeatable).")
@click.option("--offline", is_flag=True, help="Re-evaluate the evidence already in the store; touch no source.")
@click.option("--horizon", type=click.IntRange(min=0), default=180, show_default=True,
              help="Days ahead for upcoming application dates and deadlines.")
@click.option("--no-ledger", is_flag=True, help="Do not record the runs in the audit ledger.")
@click.option("--export-opa-bundle", "opa_bundle", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Only write the workspace's policy bundle as an OPA bundle (tar.gz, revision = bundle digest) "
                   "for an OPA fleet to serve (see docs/deploy.md), then exit.")
def command(workspace: Path, as_of: str | None, jobs: int | None, out: Path | None, formats: str,
            systems: tuple[str, ...], offline: bool, horizon: int, no_ledger: bool, opa_bundle: Path | None) -> None:
    """Evaluate all systems in parallel; write the status matrix, blocking items, deadlines, stale evidence
    and owners as HTML / PDF / JSON."""
    from ..config import load_workspace
    from ..errors import UsageError
    from ..portfolio import build_portfolio, default_jobs, evaluate_portfolio, write_outputs

    if opa_bundle is not None:
        from ..bundle import load_bundle
        from ..canonical import atomic_write
        from ..portfolio import build_opa_bundle

        ws = load_workspace(workspace)
        b = load_bundle([ws.path(p) for p in ws.policies])
        atomic_write(opa_bundle, build_opa_bundle(b))
        click.echo(f"wrote OPA bundle {opa_bundle} (revision {b.digest}, {len(b.modules)} modules)")
        return

    fmts = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in fmts if f not in ("html", "pdf", "json")]
    if bad or not fmts:
        raise UsageError(f"unknown --format {', '.join(bad) or formats!r}", hint="use html, pdf, json")
    try:
        date = dt.date.fromisoformat(as_of) if as_of else dt.datetime.now(dt.UTC).date()
    except ValueError:
        raise UsageError(f"--as-of {as_of!r} is not a date", hint="use YYYY-MM-DD") from None
    ws = load_workspace(workspace)
    if not ws.systems:
        raise UsageError("the workspace lists no systems", where=str(ws.root / "aiconform.yaml"),
                         hint="add systems under `systems:`")
    n = len(systems) if systems else len(ws.systems)
    nj = min(jobs or default_jobs(), n)
    click.echo(f"evaluating {n} system(s) as of {date} with {nj} worker(s) ...", err=True)
    done = [0]
    tty = sys.stderr.isatty()

    def progress(o: object) -> None:
        done[0] += 1
        if tty and (done[0] % 10 == 0 or done[0] == n):
            click.echo(f"\r  {done[0]}/{n}", err=True, nl=done[0] == n)

    t0 = time.perf_counter()
    outcomes, run_ids = evaluate_portfolio(ws, date, jobs=nj, offline=offline, ledger=not no_ledger,
                                           systems=list(systems) or None, progress=progress, horizon_days=horizon)
    wall = time.perf_counter() - t0
    pf = build_portfolio(date, outcomes, horizon_days=horizon)
    target = out or (ws.root / "reports" / "portfolio")
    written = write_outputs(pf, target, fmts)
    per = sum(o.seconds for o in outcomes) / max(1, len(outcomes))
    t = pf.totals
    click.echo(f"systems:  {len(pf.systems)}  blocking {t['blocking']}  could not evaluate {t['error']}  "
               f"warnings {t['warnings']}  pass {t['pass']}")
    click.echo(f"blocking items: {len(pf.blocking_items)}  upcoming: {len(pf.upcoming)}  "
               f"stale evidence: {len(pf.stale_evidence)}")
    for r in pf.systems:
        if r.status == "error":
            click.echo(f"could not evaluate {r.id}: {r.error.splitlines()[0] if r.error else ''}", err=True)
    for fmt, p in written.items():
        click.echo(f"{fmt + ':':<6}{p}")
    click.echo(f"evaluated in {wall:.1f} s ({per * 1000:.0f} ms per system in a worker); "
               f"{len(run_ids)} run(s) recorded in the ledger", err=True)
    raise SystemExit(2 if t["error"] else 1 if t["blocking"] else 0)
