"""GitHub Actions: workflow annotations and a Markdown step summary.

``render`` gives one workflow command per finding that needs attention::

    ::error file=docs/risk_register.yaml,line=12,title=AIACT-9-2-a Art. 9(2)(a)::Risk R-3 has no owner ...

``side_effects`` appends the Markdown summary to the file named by ``$GITHUB_STEP_SUMMARY`` when it is
set (GitHub sets it in every step). Finding text comes from evidence and may be hostile: data and
properties are escaped as the runner expects (``%``, CR, LF; and ``:``/``,`` in properties), so no
finding can start a workflow command of its own, and the summary's Markdown escapes HTML and links.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..models import Report
from ._base import OutputContext, evidence_by_sha, is_reported, locations_of, one_line, outcome

__all__ = ["render", "summary", "side_effects", "escape_data", "escape_property", "SUMMARY_LIMIT"]

SUMMARY_LIMIT = 1000 * 1024  # a margin under GitHub's 1 MiB per step


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    ctx = ctx or OutputContext()
    by_sha = evidence_by_sha(report)
    lines = []
    for f in report.findings:
        if not is_reported(f) or outcome(f) == "none":
            continue
        loc = locations_of(f, report, ctx, by_sha)[0]
        props = [f"file={escape_property(loc.path)}"]
        if loc.line:
            props.append(f"line={loc.line}")
        props.append("title=" + escape_property(f"{f.rule_id} {f.citation}: {f.title}"))
        msg = one_line(f.message) or f.title
        if f.status.value == "manual":
            msg = "awaiting a manual attestation: " + msg
        if f.remediation:
            msg += "\nRemediation: " + f.remediation.strip()
        lines.append(f"::{outcome(f)} {','.join(props)}::{escape_data(msg)}")
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def summary(report: Report, ctx: OutputContext | None = None) -> str:
    from .markdown import render_markdown

    return render_markdown(report, ctx or OutputContext(), compact=True)


def side_effects(report: Report, ctx: OutputContext, env: Mapping[str, str]) -> None:
    """Append the step summary to ``$GITHUB_STEP_SUMMARY`` (GitHub appends per step, so do we)."""
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    text = summary(report, ctx)
    if len(text.encode("utf-8")) > SUMMARY_LIMIT:  # GitHub refuses step summaries over 1 MiB
        cut = text.encode("utf-8")[:SUMMARY_LIMIT].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        text = cut + "\n\n_(summary truncated at GitHub's size limit; see the SARIF, JUnit or JSON output)_\n"
    with Path(target).open("a", encoding="utf-8") as fh:
        fh.write(text if text.endswith("\n") else text + "\n")
