"""A readable terminal table (rich): what blocks first, then what needs attention, then the rest.

``render`` gives plain text (no colour, fixed width) for files and pipes; the CLI calls
:func:`print_table` with a console on a terminal for colour. Evidence text is printed as text: rich
markup in it is escaped, control characters (terminal escapes) are replaced.

:func:`render_lines` is the gate's CI-log form: one line per requirement that needs attention, no
rich import, no wrapping — fast, and easy to grep in a build log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Finding, Report, Severity, Status
from ._base import STATUS_LABEL, OutputContext, evidence_by_sha, key_of, locations_of, one_line

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["render", "print_table"]

_RANK = {Status.error: 0, Status.failed: 1, Status.manual: 2, Status.waived: 3, Status.passed: 4,
         Status.not_yet_applicable: 5, Status.not_applicable: 6}
_STYLE = {Status.error: "bold magenta", Status.failed: "bold red", Status.manual: "yellow",
          Status.waived: "cyan", Status.passed: "green", Status.not_yet_applicable: "dim",
          Status.not_applicable: "dim"}
_SEV = {Severity.deny: 0, Severity.warn: 1, Severity.info: 2}


def _sort_key(f: Finding) -> tuple[int, int, str, str]:
    return (_RANK[f.status], _SEV[f.severity], f.citation, f.rule_id)


def print_table(report: Report, ctx: OutputContext, console: Console, *, show_all: bool = True) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    from ..baseline import accept_keys
    from ..exitcodes import exit_code, reason

    by_sha = evidence_by_sha(report)
    c = report.classification
    console.print(Text.assemble(("aiconform ", "bold"), (report.system.name or report.system.id, "bold"),
                                f"  ({report.system.id})  as of {report.as_of.isoformat()}  tier ",
                                (c.tier.value, "bold"), f"  roles {', '.join(c.roles) or '-'}"))
    console.print(Text(report.law_basis, style="dim"))
    table = Table(show_lines=False, header_style="bold", expand=False, pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("sev", no_wrap=True)
    table.add_column("requirement", overflow="fold")
    table.add_column("citation", overflow="fold")
    table.add_column("finding", overflow="fold", ratio=3)
    table.add_column("where", overflow="fold")
    for f in sorted(report.findings, key=_sort_key):
        if not show_all and f.status in (Status.not_applicable, Status.not_yet_applicable):
            continue
        label = STATUS_LABEL[f.status]
        if ctx.baseline is not None and f.status in (Status.failed, Status.manual):
            label += " (known)" if key_of(f) in ctx.baseline else " (new)"
        locs = [lo for lo in locations_of(f, report, ctx, by_sha) if not lo.fallback]
        where = "\n".join(f"{lo.path}:{lo.line}" if lo.line else lo.path for lo in locs[:2])
        msg = one_line(f.message) or f.title
        if f.status in (Status.failed, Status.manual) and f.remediation:
            msg += f"\n→ {one_line(f.remediation)}"
        if f.status == Status.waived and f.waiver is not None:
            msg += f"\nwaived by {f.waiver.owner} until {f.waiver.expires.isoformat()}"
        table.add_row(Text(label, style=_STYLE[f.status]), f.severity.value,
                      escape(f"{f.rule_id}\n{f.title}"), escape(f.citation), escape(msg), escape(where))
    console.print(table)
    if not show_all:
        console.print(Text("requirements that do not apply (yet) are counted, not listed; "
                           "`aiconform check` lists them", style="dim"))
    counts = report.summary.counts
    console.print(", ".join(f"{counts.get(s.value, 0)} {STATUS_LABEL[s]}" for s in sorted(_RANK, key=_RANK.get)))
    view = accept_keys(report, ctx.baseline, ctx.baseline_source) if ctx.baseline is not None else report
    code = exit_code(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail)
    style = {0: "bold green", 1: "bold red", 2: "bold magenta"}[code]
    console.print(Text(f"exit {code}: {reason(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail)}", style=style))


def render_lines(report: Report, ctx: OutputContext | None = None, *, show_all: bool = False) -> str:
    """Plain lines: header, one line per finding (applicable ones unless ``show_all``), counts, verdict."""
    from ..baseline import accept_keys
    from ..exitcodes import exit_code, reason

    ctx = ctx or OutputContext()
    by_sha = evidence_by_sha(report)
    c = report.classification
    out = [f"aiconform {one_line(report.system.id)} ({one_line(report.system.name)}) as of "
           f"{report.as_of.isoformat()}: tier {c.tier.value}, roles {', '.join(c.roles) or '-'}; {report.law_basis}"]
    for f in sorted(report.findings, key=_sort_key):
        if not show_all and f.status in (Status.not_applicable, Status.not_yet_applicable, Status.passed):
            continue
        label = STATUS_LABEL[f.status]
        if ctx.baseline is not None and f.status in (Status.failed, Status.manual):
            label += "(known)" if key_of(f) in ctx.baseline else "(new)"
        locs = [lo for lo in locations_of(f, report, ctx, by_sha) if not lo.fallback]
        where = one_line(f"{locs[0].path}{':' + str(locs[0].line) if locs[0].line else ''}") if locs else ""
        out.append(f"{label:<7} {f.severity.value:<4} {f.rule_id}  {one_line(f.citation)}: {one_line(f.title)} — "
                   f"{one_line(f.message) or '-'}" + (f"  [{where}]" if where else ""))
        if f.status in (Status.failed, Status.manual) and f.remediation:
            out.append(f"{'':13}→ {one_line(f.remediation)}")
        if f.status == Status.waived and f.waiver is not None:
            out.append(f"{'':13}waived by {one_line(f.waiver.owner)} until {f.waiver.expires.isoformat()}")
    counts = report.summary.counts
    out.append(", ".join(f"{counts.get(s.value, 0)} {STATUS_LABEL[s]}" for s in sorted(_RANK, key=_RANK.get)))
    view = accept_keys(report, ctx.baseline, ctx.baseline_source) if ctx.baseline is not None else report
    code = exit_code(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail)
    out.append(f"exit {code}: {reason(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail)}")
    return "\n".join(out) + "\n"


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    import io

    from rich.console import Console

    ctx = ctx or OutputContext()
    buf = io.StringIO()
    console = Console(file=buf, width=ctx.width, color_system=None, force_terminal=False, no_color=True,
                      highlight=False, soft_wrap=False, emoji=False)
    print_table(report, ctx, console)
    return buf.getvalue().encode("utf-8")
