"""``aiconform collect``: run every configured source's collector for one system (or all).

Raw bytes go to ``.aiconform/evidence/<sha256>``; the manifest records the items. A progress bar
(rich, on stderr) shows long work; a summary table per source goes to stdout. Exit 0 when every source
was collected, 2 when any source failed (and nothing is recorded for that system).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

__all__ = ["command"]


@click.command("collect")
@click.option("--workspace", "-w", type=click.Path(file_okay=True, dir_okay=True, path_type=Path), default=Path("."),
              show_default=True, help="Workspace folder (or its aiconform.yaml).")
@click.option("--system", "-s", "system_id", default=None, help="System id (default: every system).")
@click.option("--offline", is_flag=True, help="Read nothing from the sources: re-check what was collected last.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
def command(workspace: Path, system_id: str | None, offline: bool, no_progress: bool) -> None:
    """Collect evidence from the sources named in aiconform.yaml.

    \b
    Examples:
      aiconform collect
      aiconform collect --system credit-scoring
      aiconform collect --offline        # verify the store against the manifest, touch no source
    """
    from rich.console import Console
    from rich.table import Table

    from ..collect import collect_system_report
    from ..config import load_workspace
    from ..errors import AiconformError

    ws = load_workspace(workspace)
    systems = [ws.system(system_id)] if system_id else list(ws.systems)
    if not systems:
        click.echo("no systems configured in aiconform.yaml", err=True)
        sys.exit(2)
    now = dt.datetime.now(dt.UTC)
    out = Console(file=sys.stdout, soft_wrap=True)
    err = Console(file=sys.stderr, soft_wrap=True)
    failed = False
    for cfg in systems:
        progress_ctx, progress = _progress(err, no_progress)
        with progress_ctx:
            try:
                res = collect_system_report(ws, cfg, now=now, offline=offline, progress=progress, keep_going=True)
            except AiconformError as exc:
                err.print(f"[red]error[/red]: {exc.render()}", markup=True, highlight=False)
                failed = True
                continue
        table = Table(title=f"{cfg.id}: evidence {'re-read offline' if offline else 'collected'}", title_justify="left")
        for col in ("source", "collector", "items", "new blobs", "kinds", "malformed"):
            table.add_column(col, justify="right" if col in ("items", "new blobs", "malformed") else "left")
        for s in res.sources:
            kinds = ", ".join(f"{k} {n}" for k, n in s.kinds.items())
            table.add_row(s.name, f"{s.collector} {s.collector_version}", str(s.items), str(s.new_blobs), kinds,
                          str(s.malformed))
        for name, _exc in res.errors:
            table.add_row(name, "", "-", "-", "[red]error[/red]", "-")
        out.print(table)
        for name, exc in res.errors:
            failed = True
            err.print(f"[red]error[/red] in source '{name}': {exc.render()}", markup=True, highlight=False)
        if res.errors:
            err.print(f"{cfg.id}: nothing recorded (a source failed); fix it and collect again", highlight=False)
        else:
            out.print(f"{cfg.id}: {len(res.items)} items, {res.new_blobs} new blobs", highlight=False)
    sys.exit(2 if failed else 0)


def _progress(console: Any, disabled: bool) -> tuple[Any, Any]:
    """(context manager, callback(source, done, total)) - a rich progress bar on stderr when it is a terminal."""
    import contextlib

    if disabled or not console.is_terminal:
        return contextlib.nullcontext(), None
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                   TimeElapsedColumn(), console=console, transient=True)
    tasks: dict[str, Any] = {}

    def cb(source: str, done: int, total: int | None) -> None:
        if source not in tasks:
            tasks[source] = bar.add_task(source, total=total)
        bar.update(tasks[source], completed=done, total=total)

    return bar, cb
