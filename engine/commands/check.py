"""``aiconform check``: the gate's evaluation for people — a terminal table by default.

Same evaluation, same exit codes as ``aiconform gate``; differences: the table is printed in colour on
a terminal, and stale evidence counts as absent (the findings say which items are stale) unless
``--stale-evidence error``. ``--output`` writes the same machine formats as the gate.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .gate import common_options, evaluate_and_report

__all__ = ["command"]


@click.command("check")
@common_options
@click.option("--no-fail", is_flag=True, help="Exit 0 even when findings block (2 stays 2).")
@click.option("--stale-evidence", "stale", type=click.Choice(["error", "absent"]), default="absent",
              show_default=True, help="absent: stale evidence counts as missing; error: refuse (exit 2).")
@click.option("--table/--no-table", "table", default=True, show_default=True,
              help="Print the terminal table when no --output goes to standard output.")
@click.option("--all/--applicable", "show_all", default=True, show_default=True,
              help="List requirements that do not apply (yet) in the table too.")
def command(workspace: Path, system: str | None, as_of: dt.date | None, engine: str | None,
            outputs: tuple[str, ...], fail_on: str, baseline: Path | None, offline: bool,
            source_root: Path | None, no_fail: bool, stale: str, table: bool, show_all: bool) -> None:
    """Evaluate a system and show what passes, what fails and why (with citations).

    \b
    Examples:
      aiconform check
      aiconform check --system credit-scoring --as-of 2027-12-02
      aiconform check --offline --output markdown=report.md
    """
    code = evaluate_and_report(workspace=workspace, system=system, as_of=as_of, engine=engine, outputs=outputs,
                               fail_on=fail_on, no_fail=no_fail, baseline=baseline, offline=offline,
                               source_root=source_root, stale=stale, command_name="aiconform check",
                               default_table=table, table_all=show_all)
    sys.exit(code)
