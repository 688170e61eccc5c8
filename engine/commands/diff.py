"""``aiconform diff A.json B.json``: open findings new in B, fixed in B, and unchanged.

A and B are results files written by ``--output json=FILE``. A finding's identity is its rule id
and its sorted subjects. Exit 0; with ``--fail-on-new``, 1 when B has new open findings; 2 when a
file cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["command"]


def _text(d, fmt: str) -> str:  # type: ignore[no-untyped-def]
    from ..outputs._base import md_escape

    def who(e) -> str:  # type: ignore[no-untyped-def]
        subj = ", ".join(e.key[1])
        return f"{e.key[0]} [{subj}] {e.citation}: {e.title}".strip()

    if fmt == "markdown":
        out = [f"## aiconform diff: {md_escape(d.a.source)} → {md_escape(d.b.source)}", "",
               f"{len(d.new)} new · {len(d.fixed)} fixed · {len(d.unchanged)} unchanged", ""]
        for title, rows in (("New", d.new), ("Fixed", d.fixed), ("Unchanged", d.unchanged)):
            if rows:
                out += [f"### {title}", "", "| requirement | subjects | citation | status | finding |",
                        "|---|---|---|---|---|"]
                out += [f"| {md_escape(e.key[0])} {md_escape(e.title)} | {md_escape(', '.join(e.key[1]))} | "
                        f"{md_escape(e.citation)} | {md_escape(e.status)} | {md_escape(e.message) or '—'} |"
                        for e in rows] + [""]
        return "\n".join(out)
    lines = [f"A: {d.a.source} ({d.a.system or '?'}, as of {d.a.as_of or '?'})",
             f"B: {d.b.source} ({d.b.system or '?'}, as of {d.b.as_of or '?'})",
             f"{len(d.new)} new, {len(d.fixed)} fixed, {len(d.unchanged)} unchanged"]
    for title, mark, rows in (("new", "+", d.new), ("fixed", "-", d.fixed), ("unchanged", "=", d.unchanged)):
        if rows:
            lines.append(f"{title}:")
            lines += [f"  {mark} {who(e)} ({e.status})" for e in rows]
    return "\n".join(lines) + "\n"


@click.command("diff")
@click.argument("a", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--fail-on-new", is_flag=True, help="Exit 1 when B has open findings that A did not have.")
def command(a: Path, b: Path, fmt: str, fail_on_new: bool) -> None:
    """List open findings (fail, manual, error) new in B, fixed in B, and unchanged.

    \b
    Example:
      aiconform diff main-results.json branch-results.json --fail-on-new
    """
    from ..baseline import diff_results, load_baseline

    d = diff_results(load_baseline(a), load_baseline(b))
    if d.a.system and d.b.system and d.a.system != d.b.system:
        click.echo(f"warning: comparing different systems ({d.a.system} and {d.b.system})", err=True)
    if fmt == "json":
        click.echo(json.dumps(d.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(_text(d, fmt), nl=False)
    sys.exit(1 if fail_on_new and d.new else 0)
