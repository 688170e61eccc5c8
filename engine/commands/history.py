"""`aiconform history SYSTEM`: the recorded evaluations of one system, oldest first."""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["command"]


@click.command("history")
@click.argument("system")
@click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Workspace folder (holds aiconform.yaml).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show only the newest N runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
def command(system: str, workspace: Path, limit: int | None, as_json: bool) -> None:
    """List the runs of SYSTEM from the audit ledger: run id, when, as-of date, tier, status, digests."""
    from ..errors import LedgerError
    from ..ledger import Ledger, ledger_path

    with Ledger.open(ledger_path(workspace)) as led:
        runs = led.history(system)
        if not runs:
            known = sorted(led.latest())
            raise LedgerError(f"no runs of system {system!r} in the ledger", where=str(led.path),
                              hint=("systems with runs: " + ", ".join(known[:20])) if known
                              else "evaluate it first (`aiconform check` or `aiconform portfolio`)")
    if limit:
        runs = runs[-limit:]
    if as_json:
        click.echo(json.dumps([r.to_json() for r in runs], indent=2, sort_keys=True))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"runs of {system}", show_lines=False)
    for col in ("seq", "run id", "recorded (UTC)", "as of", "tier", "status", "blocking", "policy bundle",
                "results digest"):
        t.add_column(col, overflow="fold")
    for r in runs:
        t.add_row(str(r.seq), r.run_id, r.recorded_at[:19].replace("T", " "), r.as_of, r.tier, r.status,
                  str(r.summary_data.get("blocking", 0)), r.policy_bundle_digest[:19], r.results_digest[:19])
    Console(width=160).print(t)
