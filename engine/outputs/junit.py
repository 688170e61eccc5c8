"""JUnit XML for Jenkins (junit / xunit plugins) and GitLab (``artifacts:reports:junit``).

One ``<testcase>`` per finding (a requirement for its subjects), in one ``<testsuite>`` per system.
Valid against the Jenkins ``junit-10.xsd`` (see tests/outputs/schemas/):

=========================  =======================================================================
finding status             test case
=========================  =======================================================================
pass                       passed
fail (deny or warn)        ``<failure type="deny|warn" message=…>`` with message, remediation, citation
fail (info)                passed; the message in ``<system-out>``
error                      ``<error type="error">`` (the rule could not be evaluated)
manual                     ``<skipped type="manual">``: a person's attestation is awaited
waived                     ``<skipped type="waived">`` naming owner, justification and expiry
not_applicable / later     ``<skipped type="not_applicable|not_yet_applicable">`` with the reason
=========================  =======================================================================

The exit code, not the test report, decides the build; the test report shows every requirement.
Times are ``0``: the evaluation is one query, not a test per requirement.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ... import __version__
from ..models import Finding, Report, Severity, Status
from ._base import OutputContext, evidence_by_sha, key_of, locations_of, one_line, xml_safe

__all__ = ["render", "to_element"]


def _name(f: Finding) -> str:
    subj = f" [{', '.join(f.subjects)}]" if f.subjects and tuple(f.subjects) != ("system",) else ""
    return xml_safe(f"{f.rule_id} {f.citation}: {f.title}{subj}")


def _classname(f: Finding, system_id: str) -> str:
    pkg = f.package or "aiact"
    return xml_safe(f"aiconform.{system_id}.{pkg}")


def _details(f: Finding, report: Report, ctx: OutputContext, by_sha: dict) -> str:  # type: ignore[type-arg]
    lines = [f.message.strip() or f.title, "", f"Requirement: {f.rule_id} — {f.title}",
             f"Citation: {f.citation} ({report.law_basis})", f"Severity: {f.severity.value}"]
    if f.remediation:
        lines.append(f"Remediation: {f.remediation.strip()}")
    if f.subjects:
        lines.append("Subjects: " + ", ".join(f.subjects))
    locs = [lo for lo in locations_of(f, report, ctx, by_sha) if not lo.fallback]
    if locs:
        lines.append("Where: " + ", ".join(f"{lo.path}:{lo.line}" if lo.line else lo.path for lo in locs))
    if f.evidence:
        lines.append("Evidence (sha256): " + ", ".join(e[:12] for e in f.evidence))
    if f.applies_from:
        lines.append(f"Applies from: {f.applies_from}")
    if ctx.baseline is not None and f.status in (Status.failed, Status.manual):
        lines.append("Baseline: " + ("already open in the baseline" if key_of(f) in ctx.baseline else "NEW"))
    return xml_safe("\n".join(lines))


def _short(f: Finding) -> str:
    return xml_safe(one_line(f.message) or f.title)


def to_element(report: Report, ctx: OutputContext | None = None) -> ET.Element:
    ctx = ctx or OutputContext()
    by_sha = evidence_by_sha(report)
    sid = report.system.id
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", {"name": xml_safe(f"aiconform {sid} ({report.as_of.isoformat()})")})
    props = ET.SubElement(suite, "properties")
    for name, value in [
        ("system", sid), ("as_of", report.as_of.isoformat()), ("law_basis", report.law_basis),
        ("tier", report.classification.tier.value), ("roles", ",".join(report.classification.roles)),
        ("aiconform", __version__), ("opa", report.versions.opa), ("engine", report.versions.engine),
        ("policy_bundle_digest", report.versions.policy_bundle_digest), ("inputs_digest", report.inputs_digest),
        ("fail_on", ctx.fail_on),
    ]:
        ET.SubElement(props, "property", {"name": name, "value": xml_safe(value)})
    for f in report.findings:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", {"name": _name(f), "classname": _classname(f, sid), "time": "0"})
        if f.status == Status.failed and f.severity in (Severity.deny, Severity.warn):
            counts["failures"] += 1
            el = ET.SubElement(case, "failure", {"type": f.severity.value, "message": _short(f)})
            el.text = _details(f, report, ctx, by_sha)
        elif f.status == Status.error:
            counts["errors"] += 1
            el = ET.SubElement(case, "error", {"type": "error", "message": _short(f)})
            el.text = _details(f, report, ctx, by_sha)
        elif f.status == Status.waived:
            counts["skipped"] += 1
            w = f.waiver
            why = (f"waived by {w.owner} until {w.expires.isoformat()}: {one_line(w.justification)}"
                   if w else "waived")
            el = ET.SubElement(case, "skipped", {"type": "waived", "message": xml_safe(why)})
            el.text = _details(f, report, ctx, by_sha)
        elif f.status == Status.manual:
            counts["skipped"] += 1
            el = ET.SubElement(case, "skipped", {"type": "manual",
                                                 "message": xml_safe("awaiting a manual attestation: " + _short(f))})
            el.text = _details(f, report, ctx, by_sha)
        elif f.status in (Status.not_applicable, Status.not_yet_applicable):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", {"type": f.status.value, "message": _short(f)})
        elif f.status == Status.failed:  # info
            out = ET.SubElement(case, "system-out")
            out.text = _details(f, report, ctx, by_sha)
    for k, v in counts.items():
        suite.set(k, str(v))
    suite.set("time", "0")
    root = ET.Element("testsuites", {"name": "aiconform", "tests": str(counts["tests"]),
                                     "failures": str(counts["failures"]), "errors": str(counts["errors"]),
                                     "time": "0"})
    root.append(suite)
    return root


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    root = to_element(report, ctx)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
