"""``aiconform policy``: test the Rego pack, report catalogue coverage, generate the policy reference."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import UsageError

__all__ = ["command"]


@click.group("policy")
def command() -> None:
    """Work with the policy pack: test, coverage, doc."""


@command.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-k", "pattern", help="Run only tests whose package.name matches this regular expression.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
@click.option("--no-coverage", is_flag=True, help="Skip line coverage (faster).")
def test_cmd(paths: tuple[Path, ...], pattern: str | None, quiet: bool, no_coverage: bool) -> None:
    """Run every Rego test (test_* rules) of the built-in pack, or of PATH folders (e.g. organisation
    policies, loaded beside the built-in library). Exit 1 on any failing or erroring test."""
    from ..regotest import report, run_tests

    for p in paths:
        if not p.exists():
            raise UsageError(f"no such policy folder: {p}", hint="give a folder holding .rego files and their _test.rego")
    run = run_tests(list(paths) or None, pattern=pattern, coverage=not no_coverage)
    report(run, verbose=not quiet, show_coverage=not no_coverage)
    if not run.results:
        click.echo("no tests found", err=True)
        sys.exit(1)
    sys.exit(1 if run.failed else 0)


def _bundle(extra: tuple[Path, ...]):  # type: ignore[no-untyped-def]
    from ..bundle import load_bundle

    return load_bundle(list(extra) or None)


@command.command("coverage")
@click.option("--policies", "extra", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Extra policy folder to include (repeatable).")
@click.option("--strict", is_flag=True,
              help="Exit 1 if any prohibited, high-risk, transparency or GPAI duty is uncovered.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--list", "show", type=click.Choice(["none", "uncovered", "manual", "excluded", "all"]), default="uncovered",
              show_default=True, help="Which catalogue entries to list after the counts.")
def coverage_cmd(extra: tuple[Path, ...], strict: bool, fmt: str, show: str) -> None:
    """Count catalogue duties with an automated rule, a manual attestation, or nothing, per tier."""
    from ..policy_tools import STRICT_TIERS, coverage

    rep = coverage(_bundle(extra))
    counts = rep.counts()
    if fmt == "json":
        click.echo(json.dumps({
            "counts": counts,
            "status": rep.status,
            "rules": {k: sorted(v) for k, v in sorted(rep.rules_by_entry.items())},
            "excluded": rep.exclusions,
            "unknown_catalogue_ids": rep.unknown_ids,
        }, indent=2, sort_keys=True))
    else:
        click.echo(f"{'tier':<16}{'automated':>10}{'manual':>8}{'excluded':>10}{'uncovered':>11}")
        for tier, row in counts.items():
            click.echo(f"{tier:<16}{row['automated']:>10}{row['manual']:>8}{row['excluded']:>10}{row['uncovered']:>11}")
        if show != "none":
            wanted = {"uncovered", "manual", "excluded", "automated"} if show == "all" else {show}
            listed = [(e, st) for e, st in rep.status.items() if st in wanted]
            if listed:
                click.echo("")
            for eid, st in listed:
                e = rep.entries[eid]
                extra_txt = rep.exclusions.get(eid, "") if st == "excluded" else ", ".join(sorted(rep.rules_by_entry.get(eid, [])))
                click.echo(f"  {st:<10} {eid:<22} {e.citation[:48]:<48} {extra_txt}")
        for rid, ids in sorted(rep.unknown_ids.items()):
            click.echo(f"warning: rule {rid} maps catalogue ids not in the catalogue: {', '.join(ids)}", err=True)
    if strict:
        missing = rep.uncovered(STRICT_TIERS)
        if missing:
            click.echo(f"uncovered duties in strict tiers: {', '.join(missing)}", err=True)
            sys.exit(1)


@command.command("doc")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/policies-reference"),
              show_default=True, help="Folder for the Markdown pages.")
@click.option("--policies", "extra", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Extra policy folder to document (repeatable).")
def doc_cmd(out: Path, extra: tuple[Path, ...]) -> None:
    """Write the policy reference (one Markdown page per package, from METADATA)."""
    from ..canonical import atomic_write
    from ..policy_tools import render_docs

    pages = render_docs(_bundle(extra))
    out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(pages.items()):
        atomic_write(out / name, text.encode("utf-8"))
    click.echo(f"wrote {len(pages)} pages to {out}", err=True)
