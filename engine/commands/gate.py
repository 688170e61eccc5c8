"""``aiconform gate``: evaluate one system with CI defaults and exit 0, 1 or 2.

    aiconform gate --workspace . --output sarif=aiconform.sarif --output junit=aiconform.xml \\
                   --output github --fail-on deny --baseline main-results.json

Exit codes (one table, :mod:`aiconform.engine.exitcodes`): 0 evaluated with nothing blocking;
1 blocking findings (warnings and awaited attestations too under ``--fail-on warn``); 2 could not
evaluate — missing or unloadable policies, unreadable or stale evidence, configuration errors, engine
errors, a rule that errored, or nothing evaluated at all. ``--no-fail`` reports without failing
(1 becomes 0; 2 stays 2). ``--baseline FILE`` fails only on findings not already open in FILE.

``aiconform check`` runs the same evaluation for people (terminal table, stale evidence counted as
absent); it shares :func:`evaluate_and_report` with this command.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import PolicyError
from ._options import date_option

__all__ = ["command", "common_options", "evaluate_and_report", "fallback_location", "source_root_for"]


def common_options(fn: Any) -> Any:
    """Options shared by ``gate`` and ``check`` (same evaluation, different defaults)."""
    for deco in reversed([
        click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=True, dir_okay=True, path_type=Path),
                     default=Path("."), show_default=True, help="Workspace folder (or its aiconform.yaml)."),
        click.option("--system", "-s", "system", default=None, help="System id (needed when the workspace has several)."),
        click.option("--as-of", "as_of", callback=date_option, default=None, metavar="DATE",
                     help="Evaluation date, YYYY-MM-DD (default: today). Decides which obligations apply."),
        click.option("--engine", "engine", type=click.Choice(["embedded", "opa-server"]), default=None,
                     help="Policy engine (default: the workspace's engine, else embedded)."),
        click.option("--output", "-o", "outputs", multiple=True, metavar="FORMAT[=PATH]",
                     help="json, sarif, junit, github, oscal, markdown or table; =PATH writes a file "
                          "(atomically), else standard output. Repeat for several."),
        click.option("--fail-on", "fail_on", type=click.Choice(["deny", "warn"]), default="deny", show_default=True,
                     help="warn: failed warnings and awaited manual attestations block too."),
        click.option("--baseline", "baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Results file (from --output json=FILE); fail only on findings not open in it."),
        click.option("--offline", is_flag=True, help="Re-evaluate the stored evidence; do not read sources."),
        click.option("--source-root", "source_root", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Paths in SARIF and annotations are relative to this folder (default: the "
                          "current folder when it holds the workspace, else the workspace)."),
    ]):
        fn = deco(fn)
    return fn


def source_root_for(ws_root: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit.resolve()
    cwd = Path.cwd().resolve()
    try:
        ws_root.resolve().relative_to(cwd)
        return cwd
    except ValueError:
        return ws_root.resolve()


def fallback_location(ws_root: Path, system_id: str, source_root: Path) -> tuple[str, int]:
    """The system's entry in aiconform.yaml: where findings without a file of their own are shown."""
    cfg = ws_root / "aiconform.yaml"
    line = 1
    try:
        for i, text in enumerate(cfg.read_text(encoding="utf-8").splitlines(), 1):
            stripped = text.strip().lstrip("-").strip()
            if stripped.startswith("id:") and stripped[3:].strip().strip("'\"") == system_id:
                line = i
                break
    except OSError:
        pass
    try:
        rel = cfg.resolve().relative_to(source_root).as_posix()
    except ValueError:
        rel = "aiconform.yaml"
    return rel, line


def _check_policy_dirs(ws: Any) -> None:
    """A configured policies folder that is missing must stop the gate (never a silent pass)."""
    for p in ws.policies:
        path = ws.path(p)
        if not path.is_dir():
            raise PolicyError(f"policies folder {p!r} does not exist" if not path.exists()
                              else f"policies path {p!r} is not a folder",
                              where=f"{ws.root / 'aiconform.yaml'}",
                              hint="create it, fix `policies:` in aiconform.yaml, or remove the entry")


def evaluate_and_report(*, workspace: Path, system: str | None, as_of: dt.date | None, engine: str | None,
                        outputs: tuple[str, ...], fail_on: str, no_fail: bool, baseline: Path | None,
                        offline: bool, source_root: Path | None, stale: str, command_name: str,
                        default_table: bool, color: bool | None = None, table_all: bool = True) -> int:
    """Evaluate, write every output from the one Report, and return the exit code (never exits).

    ``default_table``: print the terminal table to standard output when no format goes there
    (``table_all``: the rich table with every requirement; else the gate's plain lines for CI logs,
    listing what needs attention and counting the rest)."""
    from ..evaluator import Evaluator, discard_prestarted, prestart

    # The compilation is the longest single step of a gate run: start it before the workspace is even
    # validated; it runs on a background thread while the rest is imported and the evidence collected.
    prestart(workspace, engine)
    try:
        from ..config import load_workspace

        ws = load_workspace(workspace)
        _check_policy_dirs(ws)
        sys_cfg = ws.system(system)
        day = as_of or dt.date.today()
        evaluator = Evaluator(ws, engine_kind=engine)  # adopts the prestarted engine when it is the same bundle
    except BaseException:
        discard_prestarted()
        raise
    try:
        from ..baseline import accept_known, load_baseline
        from ..exitcodes import exit_code, reason
        from ..outputs import OutputContext, parse_output, write_outputs
        from ..pipeline import run_system

        specs = [parse_output(o) for o in outputs]  # usage errors before any evaluation
        base = load_baseline(baseline) if baseline is not None else None
        report = run_system(ws, sys_cfg.id, day, offline=offline, stale=stale, evaluator=evaluator)
    finally:
        evaluator.close()

    root = source_root_for(ws.root, source_root)
    argv = " ".join(sys.argv[1:]) if sys.argv and sys.argv[0].endswith("aiconform") else ""
    ctx = OutputContext(
        workspace_root=ws.root, source_root=root, fallback=fallback_location(ws.root, report.system.id, root),
        fail_on=fail_on, no_fail=no_fail, baseline=base.open_keys if base else None,
        baseline_source=base.source if base else "", command=f"aiconform {argv}".strip() or command_name,
        width=max(100, min(200, _terminal_width())),
    )
    if specs:
        write_outputs(specs, report, ctx)
    if default_table and not any(spec.path is None for spec in specs):
        _print_table(report, ctx, color, table_all)  # the log shows the table unless stdout carries a format

    view = accept_known(report, base) if base is not None else report
    code = exit_code(view, fail_on=fail_on, no_fail=no_fail)
    s = report.summary
    click.echo(f"{command_name}: {report.system.id} as of {day.isoformat()}: exit {code} — "
               f"{reason(view, fail_on=fail_on, no_fail=no_fail)} ({s.blocking} blocking, {s.warnings} warning(s), "
               f"{s.counts.get('pass', 0)} passed, {len(report.findings)} requirement(s) checked)", err=True)
    return code


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 120


def _print_table(report: Any, ctx: Any, color: bool | None, show_all: bool = True) -> None:
    if not show_all:  # the gate: plain lines for CI logs (fast, no rich)
        from ..outputs.table import render_lines

        sys.stdout.write(render_lines(report, ctx))
        sys.stdout.flush()
        return
    from rich.console import Console

    from ..outputs.table import print_table

    tty = sys.stdout.isatty() if color is None else color
    console = Console(file=sys.stdout, width=ctx.width, force_terminal=tty, no_color=not tty, highlight=False,
                      emoji=False, soft_wrap=False)
    print_table(report, ctx, console, show_all=show_all)


@click.command("gate")
@common_options
@click.option("--no-fail", is_flag=True, help="Report without failing (exit 0 instead of 1; 2 stays 2).")
@click.option("--stale-evidence", "stale", type=click.Choice(["error", "absent"]), default="error",
              show_default=True, help="error: refuse to evaluate on stale evidence (exit 2); absent: count it "
                                      "as missing and let the findings say so.")
def command(workspace: Path, system: str | None, as_of: dt.date | None, engine: str | None,
            outputs: tuple[str, ...], fail_on: str, baseline: Path | None, offline: bool,
            source_root: Path | None, no_fail: bool, stale: str) -> None:
    """Evaluate a system as a CI gate: exit 0 pass, 1 blocking findings, 2 could not evaluate.

    \b
    Examples:
      aiconform gate --output sarif=aiconform.sarif --output junit=aiconform-junit.xml
      aiconform gate --system credit-scoring --output github --fail-on warn
      aiconform gate --no-fail --output json=baseline.json        # record a baseline
      aiconform gate --baseline baseline.json                     # fail only on new findings
    """
    code = evaluate_and_report(workspace=workspace, system=system, as_of=as_of, engine=engine, outputs=outputs,
                               fail_on=fail_on, no_fail=no_fail, baseline=baseline, offline=offline,
                               source_root=source_root, stale=stale, command_name="aiconform gate",
                               default_table=True, table_all=False)
    sys.exit(code)
