"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One ``reportingDescriptor`` (rule) per requirement evaluated, with its title, citation, remediation
as help text and a link to the Regulation. One ``result`` per finding that needs attention (failed,
error, awaiting a manual attestation, waived — the latter with a suppression). Passing and
not-applicable requirements appear as rules only, so an auditor still sees what was checked.

GitHub code scanning's constraints are met: every result has ``ruleId``, ``level``,
``message.text``, at least one location whose ``physicalLocation.artifactLocation.uri`` is relative
to the repository root with a ``region.startLine``, and ``partialFingerprints`` (stable over
message changes: the finding's identity). Results sit in the evidence file and line when there is
one, else on the system's entry in aiconform.yaml. ``automationDetails.id`` names the system, so
several systems can be uploaded side by side.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from ... import __version__
from ..models import Finding, Report, Severity, Status
from ._base import LAW_URI, OutputContext, evidence_by_sha, is_reported, key_of, locations_of, one_line

__all__ = ["render", "to_sarif", "SCHEMA_URI", "FINGERPRINT_KEY"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "aiconformFinding/v1"

_LEVEL = {Severity.deny: "error", Severity.warn: "warning", Severity.info: "note"}


def _level(f: Finding) -> str:
    if f.status == Status.error:
        return "error"
    if f.status == Status.manual:
        return "warning" if f.severity == Severity.deny else "note"
    return _LEVEL[f.severity]


def _fingerprint(f: Finding) -> str:
    rid, subjects = key_of(f)
    return hashlib.sha256(json.dumps([rid, list(subjects)], separators=(",", ":")).encode()).hexdigest()


def _pascal(text: str) -> str:
    """A friendly rule name as SARIF recommends (a Pascal-case identifier), from the title."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if name and not name[0].isalpha():
        name = "Rule" + name
    return name[:100]


def _rule(f: Finding, law_basis: str) -> dict[str, object]:
    help_lines = [f"{f.title} ({f.citation}, {law_basis})."]
    if f.remediation:
        help_lines.append(f"Remediation: {f.remediation}")
    if f.catalogue_ids:
        help_lines.append("Catalogue: " + ", ".join(f.catalogue_ids))
    md = [f"**{f.title}**", "", f"Legal basis: {f.citation}, {law_basis}.", ""]
    if f.remediation:
        md += [f"Remediation: {f.remediation}", ""]
    md.append(f"[Regulation (EU) 2024/1689 on EUR-Lex]({LAW_URI})")
    tags = ["eu-ai-act", "compliance", f"severity:{f.severity.value}"]
    if f.manual:
        tags.append("manual-attestation")
    return {
        "id": f.rule_id,
        "name": _pascal(f.title) or _pascal(f.rule_id),
        "shortDescription": {"text": one_line(f"{f.title} ({f.citation})")[:1024]},
        "fullDescription": {"text": one_line(f"{f.citation}: {f.title}")},
        "help": {"text": "\n".join(help_lines), "markdown": "\n".join(md)},
        "helpUri": LAW_URI,
        "defaultConfiguration": {"level": _LEVEL[f.severity]},
        "properties": {
            "citation": f.citation,
            "catalogue_ids": list(f.catalogue_ids),
            "package": f.package,
            "severity": f.severity.value,
            "tags": tags,
        },
    }


def _message(f: Finding) -> str:
    head = {
        Status.failed: "",
        Status.error: "Could not be evaluated: ",
        Status.manual: "Awaiting a manual attestation: ",
        Status.waived: "Waived: ",
    }.get(f.status, "")
    text = one_line(f.message) or f.title
    tail = f" ({f.citation})"
    if f.remediation and f.status in (Status.failed, Status.manual):
        tail += f" Remediation: {one_line(f.remediation)}"
    return head + text + tail


def to_sarif(report: Report, ctx: OutputContext | None = None) -> dict[str, object]:
    ctx = ctx or OutputContext()
    by_sha = evidence_by_sha(report)
    rules: dict[str, dict[str, object]] = {}
    for f in sorted(report.findings, key=lambda x: x.rule_id):
        rules.setdefault(f.rule_id, _rule(f, report.law_basis))
    index = {rid: i for i, rid in enumerate(rules)}
    results = []
    for f in report.findings:
        if not is_reported(f):
            continue
        locs = locations_of(f, report, ctx, by_sha)
        result: dict[str, object] = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "kind": "fail",
            "level": _level(f),
            "message": {"text": _message(f)},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(loc.path, safe="/")},
                    "region": {"startLine": loc.line or 1},
                },
                **({"message": {"text": "no file of its own; placed on the system's configuration"}}
                   if loc.fallback else {}),
            } for loc in locs[:1000]],  # GitHub: at most 1000 locations per result
            "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(f)},
            "properties": {
                "status": f.status.value,
                "severity": f.severity.value,
                "citation": f.citation,
                "subjects": list(f.subjects),
                "evidence": list(f.evidence),
                **({"applies_from": f.applies_from} if f.applies_from else {}),
            },
        }
        if f.status == Status.waived and f.waiver is not None:
            w = f.waiver
            result["suppressions"] = [{
                "kind": "external",
                "status": "accepted",
                "justification": one_line(f"{w.justification} (owner {w.owner}, expires {w.expires.isoformat()})"),
            }]
        if ctx.baseline is not None:
            result["baselineState"] = "unchanged" if key_of(f) in ctx.baseline else "new"
        results.append(result)
    c = report.classification
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "aiconform",
            "version": __version__,
            "semanticVersion": __version__,
            "organization": "aiconform",
            "fullName": "aiconform EU AI Act policy gate",
            "rules": list(rules.values()),
            "properties": {"opa": report.versions.opa, "engine": report.versions.engine,
                           "policy_bundle_digest": report.versions.policy_bundle_digest},
        }},
        "automationDetails": {"id": f"aiconform/{report.system.id}/"},
        "invocations": [{
            "executionSuccessful": not any(f.status == Status.error for f in report.findings),
            "commandLine": ctx.command,
        }],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "system": report.system.id,
            "system_name": report.system.name,
            "as_of": report.as_of.isoformat(),
            "law_basis": report.law_basis,
            "tier": c.tier.value,
            "roles": list(c.roles),
            "summary": dict(sorted(report.summary.counts.items())),
            "inputs_digest": report.inputs_digest,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    # Compact: json.dumps with an indent runs Python's pure-Python encoder (about 70 ms for the demo's
    # report, most of a gate's output time); SARIF consumers read it as well either way.
    return (json.dumps(to_sarif(report, ctx), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
