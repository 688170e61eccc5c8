"""`aiconform ledger verify`: recompute the audit ledger's hash chain and name every tampered record.

Exit 0 intact; 1 a record was edited, deleted, moved or cut off (each named by seq and run id); 2 the
ledger cannot be read (missing, not a ledger, damaged file).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

__all__ = ["command"]

_WS = click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False, path_type=Path),
                   default=Path("."), show_default=True, help="Workspace folder (holds aiconform.yaml).")


@click.group("ledger")
def command() -> None:
    """The tamper-evident audit ledger (.aiconform/ledger.sqlite)."""


@command.command("verify")
@_WS
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--no-results", is_flag=True, help="Skip checking the kept results files against their digests.")
def verify(workspace: Path, as_json: bool, no_results: bool) -> None:
    """Check every record's hash and link, and each run's kept results; exit 1 naming any edited, deleted,
    reordered or truncated record (or missing / altered results)."""
    from ..ledger import Ledger, ledger_path

    with Ledger.open(ledger_path(workspace)) as led:
        res = led.verify(results_root=None if no_results else workspace)
    if as_json:
        click.echo(json.dumps(res.to_json(), indent=2, sort_keys=True))
    elif res.ok:
        click.echo(f"ledger intact: {res.records} record(s), head seq {res.head_seq} {res.head_hash}"
                   + (f" (anchor at seq {res.anchor_seq})" if res.anchor_seq is not None else " (no anchor file)"))
    else:
        click.echo(f"ledger TAMPERED: {len(res.problems)} problem(s) in {res.path}")
        for p in res.problems:
            click.echo(f"  {p.render()}")
        click.echo("  hint: restore .aiconform/ledger.sqlite from a backup and compare; do not append until it "
                   "verifies")
    raise SystemExit(0 if res.ok else 1)


@command.command("show")
@_WS
@click.argument("run_id")
def show(workspace: Path, run_id: str) -> None:
    """Print one ledger record (RUN_ID or a unique prefix of it) as JSON."""
    from ..ledger import Ledger, ledger_path

    with Ledger.open(ledger_path(workspace)) as led:
        rec = led.get(run_id)
    click.echo(json.dumps(rec.to_json(), indent=2, sort_keys=True))
