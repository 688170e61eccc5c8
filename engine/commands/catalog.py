"""`aiconform catalog list|show|search`: the model catalogue of a workspace.

Systems, model versions, tiers, roles, owners, last evaluation and status (from the audit ledger and the
recorded results); filters by tier, status, owner, model and evaluation date; export as JSON or CSV.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

__all__ = ["command"]


def _ws_option(f: Any) -> Any:
    return click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("."), show_default=True, help="Workspace folder (holds aiconform.yaml).")(f)


def _filters(f: Any) -> Any:
    from ..catalog import STATUSES

    for opt in reversed([
        click.option("--tier", multiple=True, help="Keep systems of this tier (repeatable)."),
        click.option("--status", multiple=True, type=click.Choice(STATUSES),
                     help="Keep systems whose last evaluation had this status (repeatable)."),
        click.option("--owner", default=None, help="Keep systems whose owner contains this text."),
        click.option("--model", default=None, help="Keep systems with a model version whose name contains this."),
        click.option("--since", default=None, metavar="DATE", help="Last evaluated (as-of) on or after DATE."),
        click.option("--until", default=None, metavar="DATE", help="Last evaluated (as-of) on or before DATE."),
        click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                     show_default=True, help="Output format."),
        click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Write the JSON/CSV export to this file (atomically) instead of stdout."),
    ]):
        f = opt(f)
    return f


@click.group("catalog")
def command() -> None:
    """The model catalogue: every AI system with its tier, owner, model versions and status."""


def _emit(entries: list[Any], fmt: str, output: Path | None, title: str) -> None:
    from ..catalog import write_export

    if fmt == "table":
        if output is not None:
            from ..errors import UsageError

            raise UsageError("--output needs --format json or csv")
        _table(entries, title)
        return
    data = write_export(entries, fmt, output)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        click.echo(f"wrote {len(entries)} system(s) to {output}", err=True)


def _table(entries: list[Any], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title)
    for col in ("system", "version", "tier", "roles", "owner", "model versions", "last as-of", "status",
                "blocking", "last run"):
        t.add_column(col, overflow="fold")
    for e in entries:
        t.add_row(e.id, e.version, e.tier or "-", ", ".join(e.roles), e.owner,
                  "; ".join(m.label for m in e.model_versions), e.last_as_of or "never", e.status,
                  str(e.blocking), e.last_run_id[:12])
    Console(width=180).print(t)
    if not entries:
        click.echo("no systems match", err=True)


def _load(workspace: Path) -> list[Any]:
    from ..catalog import build_catalog
    from ..config import load_workspace

    return build_catalog(load_workspace(workspace))


@command.command("list")
@_ws_option
@_filters
def list_(workspace: Path, tier: tuple[str, ...], status: tuple[str, ...], owner: str | None, model: str | None,
          since: str | None, until: str | None, fmt: str, output: Path | None) -> None:
    """List the systems of the workspace (filtered)."""
    from ..catalog import filter_entries

    entries = filter_entries(_load(workspace), tier=tier, status=status, owner=owner, since=since, until=until,
                             model=model)
    _emit(entries, fmt, output, "AI systems")


@command.command("search")
@click.argument("query", nargs=-1, required=True)
@_ws_option
@_filters
def search(query: tuple[str, ...], workspace: Path, tier: tuple[str, ...], status: tuple[str, ...],
           owner: str | None, model: str | None, since: str | None, until: str | None, fmt: str,
           output: Path | None) -> None:
    """Find systems whose id, name, purpose, provider, owner, tier, roles or model versions contain every word."""
    from ..catalog import filter_entries, search_entries

    entries = filter_entries(search_entries(_load(workspace), " ".join(query)), tier=tier, status=status,
                             owner=owner, since=since, until=until, model=model)
    _emit(entries, fmt, output, f"AI systems matching {' '.join(query)!r}")


@command.command("show")
@click.argument("system")
@_ws_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show(system: str, workspace: Path, as_json: bool) -> None:
    """Everything the catalogue knows about SYSTEM, with its recent runs."""
    from ..canonical import to_jsonable
    from ..errors import ConfigError
    from ..ledger import Ledger, ledger_path

    entries = {e.id: e for e in _load(workspace)}
    if system not in entries:
        raise ConfigError(f"no system {system!r} in the workspace or the ledger", where=str(workspace),
                          hint="known systems: " + (", ".join(sorted(entries)[:20]) or "none"))
    e = entries[system]
    runs: list[Any] = []
    lp = ledger_path(workspace)
    if e.runs and lp.exists():
        with Ledger.open(lp) as led:
            runs = led.history(system)[-10:]
    if as_json:
        click.echo(json.dumps({"system": to_jsonable(e), "recent_runs": [r.to_json() for r in runs]}, indent=2,
                              sort_keys=True))
        return
    rows = [("system", e.id), ("name", e.name), ("version", e.version), ("provider", e.provider),
            ("owner", e.owner), ("intended purpose", e.intended_purpose), ("tier", e.tier or "-"),
            ("roles", ", ".join(e.roles) or "-"), ("status", e.status), ("blocking findings", str(e.blocking)),
            ("warnings", str(e.warnings)), ("last evaluated as of", e.last_as_of or "never"),
            ("last run", f"{e.last_run_id} ({e.last_recorded_at})" if e.last_run_id else "-"),
            ("runs recorded", str(e.runs)), ("results digest", e.results_digest or "-"),
            ("policy bundle", e.policy_bundle_digest or "-"),
            ("in aiconform.yaml", "yes" if e.in_workspace else "no (known only from the ledger)")]
    for k, v in rows:
        click.echo(f"{k + ':':<22}{v}")
    click.echo("model versions:" + ("" if e.model_versions else " none recorded"))
    for m in e.model_versions:
        click.echo(f"  - {m.label}  [{m.source_uri}]")
    if e.note:
        click.echo(f"note: {e.note}")
    if runs:
        click.echo("recent runs:")
        for r in runs:
            click.echo(f"  {r.seq:>6}  {r.run_id}  {r.recorded_at[:19]}  as of {r.as_of}  {r.tier:<12} {r.status}")
