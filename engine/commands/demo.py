"""`aiconform demo`: the whole pipeline on the bundled example, end to end.

classify (answers file) -> collect (documents, records, logs, a real MLflow registry) -> evaluate the
requirement pack -> results JSON (canonical) + SARIF -> PDF report signed with a local test identity
(NOT FOR PRODUCTION) -> verify the signature -> print where everything is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

__all__ = ["command"]


@click.command("demo")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("aiconform-demo"),
              show_default=True, help="Folder to create the example workspace and reports in.")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Evaluation date (default 2027-12-02, when Annex III obligations apply).")
@click.option("--force", is_flag=True, help="Replace an earlier demo workspace in --out.")
def command(out: Path, as_of: str | None, force: bool) -> None:
    """Run classify -> collect -> evaluate -> signed PDF -> verify on the bundled credit-scoring example."""
    from ..canonical import atomic_write, canonical_bytes
    from ..config import load_workspace
    from ..demo import DEMO_AS_OF, prepare_workspace
    from ..pipeline import run_system

    date = dt.date.fromisoformat(as_of or DEMO_AS_OF)
    err = lambda msg: click.echo(msg, err=True)  # noqa: E731
    err(f"preparing the example workspace and a real MLflow registry in {out}/ ...")
    ws_root = prepare_workspace(out.resolve(), force=force)
    ws = load_workspace(ws_root)
    err(f"evaluating system 'credit-scoring' as of {date} ...")
    report = run_system(ws, "credit-scoring", date)
    reports = ws_root / "reports"
    results = atomic_write(reports / "credit-scoring.results.json", canonical_bytes(report))
    from ..outputs import OutputContext, parse_output, write_outputs

    write_outputs([parse_output(f"sarif={reports / 'credit-scoring.sarif'}"),
                   parse_output(f"junit={reports / 'credit-scoring.junit.xml'}")], report,
                  OutputContext(source_root=ws_root))
    from ..report import ensure_test_identity, render_pdf, verify_file

    identity = ensure_test_identity(ws_root / ".aiconform" / "keys")
    pdf = render_pdf(report, reports / "credit-scoring.conformity-report.pdf", sign=identity)
    result = verify_file(pdf)
    c = report.classification
    s = report.summary.counts
    click.echo(f"system:         {report.system.name} ({report.system.id} {report.system.version})")
    click.echo(f"tier:           {c.tier.value}" + (f" via {c.high_risk_route}" if c.high_risk_route else ""))
    click.echo(f"evaluated as of {report.as_of} under {report.law_basis}")
    click.echo(f"findings:       {s.get('pass', 0)} pass, {s.get('fail', 0)} fail, {s.get('waived', 0)} waived, "
               f"{s.get('manual', 0)} manual, {s.get('not_applicable', 0)} not applicable, "
               f"{s.get('not_yet_applicable', 0)} not yet applicable")
    click.echo(f"blocking:       {report.summary.blocking}")
    click.echo(f"results (JSON): {results}")
    click.echo(f"report (PDF):   {pdf}")
    for line in result.summary_lines():
        click.echo(f"  {line}")
    if not result.valid:
        raise SystemExit(1)
    click.echo("signed with a local TEST identity - NOT FOR PRODUCTION. Check it yourself: "
               f"aiconform verify {pdf}")
