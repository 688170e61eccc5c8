"""``aiconform report``: render the conformity report (PDF/A-3b signed, HTML, Markdown) and the drafts.

Input is either a results file written by the pipeline (``--results FILE``: a Report as canonical JSON) or a
workspace system evaluated now (``aiconform.engine.pipeline.run_system``). Next to the PDF it writes the
results as canonical JSON and, when signing, their detached JWS signature (``.json.sig``).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from ._options import date_option

__all__ = ["command"]


def _load_results(path: Path) -> Any:
    from pydantic import ValidationError

    from ..errors import ReportError
    from ..models import Report

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot read the results file ({exc.strerror or exc})", where=str(path)) from None
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}" for e in exc.errors()[:12]]
        raise ReportError("not an aiconform results file (Report JSON)", where=str(path), problems=problems,
                          hint="write one with `aiconform gate --output json=FILE`") from None


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        from ..errors import SigningError

        raise SigningError("the signing key needs a passphrase and there is no terminal to ask for it",
                           where=label, hint="set the environment variable named in signing.passphrase_env")
    return str(click.prompt(label, hide_input=True))


@click.command("report")
@click.option("--results", "results", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Render from a results JSON file (Report, canonical JSON) instead of evaluating.")
@click.option("--workspace", "-w", "workspace", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Workspace folder (or its aiconform.yaml).")
@click.option("--system", "-s", "system", default=None, help="System id (needed when the workspace has several).")
@click.option("--as-of", "as_of", callback=date_option, default=None, metavar="DATE",
              help="Evaluation date YYYY-MM-DD (default: today) when evaluating.")
@click.option("--format", "-f", "formats", type=click.Choice(["pdf", "html", "md"]), multiple=True,
              help="Output format(s); repeat for several (default: pdf).")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: <workspace>/reports, or the results file's folder).")
@click.option("--sign/--no-sign", "sign", default=True, show_default=True,
              help="Sign the PDF (PAdES) and the results JSON (JWS) with the workspace's identity; without one, "
                   "with the local NOT FOR PRODUCTION test identity.")
@click.option("--drafts", is_flag=True, help="Also write draft EU declaration of conformity, Annex IV "
              "documentation and (where Art 27 applies) FRIA skeleton.")
@click.option("--offline", is_flag=True, help="When evaluating: re-use the stored evidence, do not read sources.")
def command(results: Path | None, workspace: Path, system: str | None, as_of: dt.date | None,
            formats: tuple[str, ...], out: Path | None, sign: bool, drafts: bool, offline: bool) -> None:
    """Render the conformity report for a system (signed PDF/A-3b by default).

    \b
    Examples:
      aiconform report --system credit-scoring --as-of 2027-12-02
      aiconform report --results results.json --format pdf --format html --drafts
      aiconform report --no-sign --format md
    """
    from ..canonical import atomic_write, canonical_bytes
    from ..config import load_workspace
    from ..errors import ConfigError

    formats = formats or ("pdf",)
    ws = None
    if results is not None:
        report = _load_results(results)
        try:
            ws = load_workspace(workspace)
        except ConfigError:
            ws = None  # rendering a results file needs no workspace; signing then uses the test identity
        out_dir = out or results.parent
    else:
        from ..pipeline import run_system

        ws = load_workspace(workspace)
        report = run_system(ws, system, as_of or dt.date.today(), offline=offline)
        out_dir = out or (ws.root / "reports")
    identity = _identity(ws, workspace) if sign else None
    stem = f"{report.system.id}-{report.as_of.isoformat()}-conformity-report"
    written: list[Path] = []
    now = dt.datetime.now(dt.UTC)
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        if fmt == "pdf":
            from ..report.pdf import render_pdf

            render_pdf(report, path, sign=identity, generated_at=now)
        elif fmt == "html":
            from ..report.render import render_html

            atomic_write(path, render_html(report, signer=identity.signer_info() if identity else None,
                                           generated_at=now).encode("utf-8"))
        else:
            from ..report.render import render_markdown

            atomic_write(path, render_markdown(report, signer=identity.signer_info() if identity else None,
                                               generated_at=now).encode("utf-8"))
        written.append(path)
    data = canonical_bytes(report)
    rpath = out_dir / f"{report.system.id}-{report.as_of.isoformat()}-results.json"
    if results is None or rpath.resolve() != results.resolve() or results.read_bytes() != data:
        atomic_write(rpath, data)
        written.append(rpath)
    if identity is not None:
        from ..report.jsonsig import SIG_SUFFIX, sign_json

        spath = rpath.with_name(rpath.name + SIG_SUFFIX)
        atomic_write(spath, sign_json(data, identity))
        written.append(spath)
    if drafts:
        from ..report.drafts import render_drafts

        written += render_drafts(report, out_dir, tuple(f for f in formats if f != "md") or ("pdf",),
                                 generated_at=now)
    for p in written:
        click.echo(str(p))
    if identity is not None:
        click.echo(f"signed by: {identity.common_name}" + ("  [TEST IDENTITY — NOT FOR PRODUCTION]"
                                                             if identity.is_test else ""), err=True)
    else:
        click.echo("not signed (--no-sign)", err=True)


def _identity(ws: Any, workspace: Path) -> Any:
    from ..report.keys import ensure_test_identity, load_identity

    if ws is not None and (ws.signing.key or ws.signing.test_identity):
        ident = load_identity(ws.signing, ws.root, prompt=_prompt)
    else:
        root = ws.root if ws is not None else (workspace if workspace.is_dir() else workspace.parent)
        ident = ensure_test_identity(Path(root) / ".aiconform" / "keys")
        if ws is not None and ws.signing.tsa_url:
            ident.tsa_url = ws.signing.tsa_url
    if ident.is_test:
        click.echo("warning: signing with the local TEST identity — NOT FOR PRODUCTION (proves integrity only). "
                   "Configure signing.key in aiconform.yaml for a real identity.", err=True)
    return ident
