"""Markdown summary of an evaluation (GitHub step summary, merge-request notes, wikis).

The verdict first, then counts per status, then what blocks (with citation, where and remediation),
then everything else that needs attention, waivers, and the provenance of the run. Every piece of
text that came from evidence or policies is escaped (:func:`md_escape`), so it renders as text.
``compact`` (the step summary) lists passing and not-applicable requirements only as counts.
"""

from __future__ import annotations

from ..baseline import accept_keys
from ..exitcodes import exit_code, reason
from ..models import Finding, Report, Severity, Status
from ._base import STATUS_LABEL, OutputContext, evidence_by_sha, key_of, locations_of, md_escape

__all__ = ["render", "render_markdown"]

_VERDICT = {0: "PASSED", 1: "FAILED", 2: "COULD NOT EVALUATE"}
_ORDER = [Status.error, Status.failed, Status.manual, Status.waived, Status.passed, Status.not_yet_applicable,
          Status.not_applicable]


def _where(f: Finding, report: Report, ctx: OutputContext, by_sha: dict) -> str:  # type: ignore[type-arg]
    locs = [lo for lo in locations_of(f, report, ctx, by_sha) if not lo.fallback]
    return "<br>".join(md_escape(f"{lo.path}:{lo.line}" if lo.line else lo.path) for lo in locs[:3]) or "—"


def _table(findings: list[Finding], report: Report, ctx: OutputContext, by_sha: dict,  # type: ignore[type-arg]
           remediation: bool) -> list[str]:
    head = "| status | requirement | citation | subjects | finding | where |"
    sep = "|---|---|---|---|---|---|"
    if remediation:
        head += " remediation |"
        sep += "---|"
    rows = [head, sep]
    for f in findings:
        status = STATUS_LABEL[f.status]
        if f.status == Status.failed:
            status += f" ({f.severity.value})"
        if ctx.baseline is not None and f.status in (Status.failed, Status.manual):
            status += " · known" if key_of(f) in ctx.baseline else " · **new**"
        row = (f"| {status} | {md_escape(f.rule_id)} {md_escape(f.title)} | {md_escape(f.citation)} | "
               f"{md_escape(', '.join(f.subjects))} | {md_escape(f.message) or '—'} | "
               f"{_where(f, report, ctx, by_sha)} |")
        if remediation:
            row += f" {md_escape(f.remediation) or '—'} |"
        rows.append(row)
    return rows


def render_markdown(report: Report, ctx: OutputContext, *, compact: bool = False) -> str:
    by_sha = evidence_by_sha(report)
    view = accept_keys(report, ctx.baseline, ctx.baseline_source) if ctx.baseline is not None else report
    code = exit_code(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail)
    c = report.classification
    out = [
        f"## aiconform: {md_escape(report.system.name or report.system.id)} — {_VERDICT[code]}",
        "",
        f"**{md_escape(reason(view, fail_on=ctx.fail_on, no_fail=ctx.no_fail))}** "
        f"(exit {code}; fail on {ctx.fail_on}{', --no-fail' if ctx.no_fail else ''}"
        f"{', baseline ' + md_escape(ctx.baseline_source) if ctx.baseline is not None else ''}).",
        "",
        f"System `{md_escape(report.system.id)}` · evaluated as of {report.as_of.isoformat()} · "
        f"tier **{md_escape(c.tier.value)}** · roles {md_escape(', '.join(c.roles)) or '—'} · "
        f"{md_escape(report.law_basis)}",
        "",
        "| " + " | ".join(STATUS_LABEL[s] for s in _ORDER) + " |",
        "|" + "---|" * len(_ORDER),
        "| " + " | ".join(str(report.summary.counts.get(s.value, 0)) for s in _ORDER) + " |",
        "",
    ]
    if c.tier.value == "undetermined" and c.undetermined:
        out += ["### Questions to settle", ""] + [f"- `{md_escape(q)}`" for q in c.undetermined] + [""]
    blocking = [f for f in report.findings if f.status == Status.error
                or (f.status == Status.failed and f.severity == Severity.deny)]
    if blocking:
        out += ["### Blocking", ""] + _table(blocking, report, ctx, by_sha, remediation=True) + [""]
    attention = [f for f in report.findings if f not in blocking
                 and (f.status in (Status.failed, Status.manual))]
    if attention:
        out += ["### Needs attention", ""] + _table(attention, report, ctx, by_sha, remediation=True) + [""]
    waived = [f for f in report.findings if f.status == Status.waived]
    if waived:
        out += ["### Waived", "", "| requirement | citation | owner | expires | justification |",
                "|---|---|---|---|---|"]
        for f in waived:
            w = f.waiver
            out.append(f"| {md_escape(f.rule_id)} {md_escape(f.title)} | {md_escape(f.citation)} | "
                       f"{md_escape(w.owner) if w else '—'} | {w.expires.isoformat() if w else '—'} | "
                       f"{md_escape(w.justification) if w else '—'} |")
        out.append("")
    if report.waivers:
        expired = [w for w in report.waivers if w.expires < report.as_of]
        if expired:
            out += ["### Expired waivers (no longer waiving)", ""]
            out += [f"- {md_escape(w.rule_id)} ({md_escape(w.subject)}): owner {md_escape(w.owner)}, "
                    f"expired {w.expires.isoformat()}" for w in expired] + [""]
    if not compact:
        rest = [f for f in report.findings if f.status in (Status.passed, Status.not_yet_applicable,
                                                          Status.not_applicable)]
        if rest:
            out += ["### Checked and other requirements", ""] + _table(rest, report, ctx, by_sha,
                                                                         remediation=False) + [""]
    v = report.versions
    out += [f"<sub>aiconform {md_escape(v.aiconform)} · OPA {md_escape(v.opa)} ({md_escape(v.engine)}) · "
            f"policy bundle {md_escape(v.policy_bundle_digest[:19])} · inputs {md_escape(report.inputs_digest[:19])}"
            "</sub>", ""]
    return "\n".join(out)


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    return render_markdown(report, ctx or OutputContext()).encode("utf-8")
