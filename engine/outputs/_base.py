"""What every output module shares: the context, locations of findings, labels and escaping.

Each format module exposes ``render(report: Report, ctx: OutputContext) -> bytes``; a module may
also expose ``side_effects(report, ctx, env)`` for things a format does beyond its file (GitHub's
step summary). Modules import their heavy dependencies (rich, trestle) inside ``render``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..baseline import FindingKey, finding_key
from ..models import EvidenceItem, Finding, Report, Severity, Status

__all__ = [
    "OutputContext",
    "Location",
    "locations_of",
    "key_of",
    "is_reported",
    "outcome",
    "STATUS_LABEL",
    "md_escape",
    "xml_safe",
    "one_line",
    "LAW_URI",
]

# ELI of the Regulation; every rule's help links here beside its own citation.
LAW_URI = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"

STATUS_LABEL = {
    Status.passed: "pass",
    Status.failed: "FAIL",
    Status.not_applicable: "n/a",
    Status.not_yet_applicable: "later",
    Status.waived: "waived",
    Status.manual: "manual",
    Status.error: "ERROR",
}


@dataclass(frozen=True)
class OutputContext:
    """How outputs are written for one run (never changes what was found).

    ``source_root``: paths in SARIF and GitHub annotations are made relative to it (the repository
    root in CI; the CLI passes the current directory). ``workspace_root``: where relative evidence
    paths start. ``fallback``: where a finding without a file location is placed (the system's entry
    in aiconform.yaml), as a path relative to ``source_root`` and a line.
    ``baseline``: open finding identities of a baseline, to mark results new or unchanged.
    """

    workspace_root: Path | None = None
    source_root: Path | None = None
    fallback: tuple[str, int] = ("aiconform.yaml", 1)
    fail_on: str = "deny"
    no_fail: bool = False
    baseline: frozenset[FindingKey] | None = None
    baseline_source: str = ""
    command: str = "aiconform gate"
    color: bool = False
    width: int = 120
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Location:
    path: str  # relative to the source root, POSIX separators, not URI-encoded
    line: int | None = None
    fallback: bool = False  # the finding has no file of its own; this is the workspace config


def key_of(f: Finding) -> FindingKey:
    return finding_key(f.rule_id, f.subjects)


def _path_of(uri: str, ctx: OutputContext) -> str | None:
    """A path relative to the source root for a file URI or path, else None (mlflow:, http:, outside)."""
    if not uri:
        return None
    parts = urlsplit(uri)
    if parts.scheme == "file":
        p = Path(unquote(parts.path))
    elif len(parts.scheme) > 1:  # mlflow:, http:, sqlite: ... (a one-letter scheme is a Windows drive)
        return None
    else:
        raw = uri.split("#", 1)[0]
        if not raw:
            return None
        p = Path(raw)
        if not p.is_absolute():
            p = (ctx.workspace_root or ctx.source_root or Path.cwd()) / p
    root = ctx.source_root or ctx.workspace_root
    try:
        resolved = Path(_normalise(p))
        if root is None:
            return None
        rel = resolved.relative_to(Path(_normalise(root)))
    except ValueError:
        return None
    text = PurePosixPath(*rel.parts).as_posix()
    return text if text not in ("", ".") else None


def _normalise(p: Path) -> str:
    import os

    return os.path.normpath(os.path.abspath(p))


def _line(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 1 else None


def locations_of(f: Finding, report: Report, ctx: OutputContext,
                 by_sha: Mapping[str, list[EvidenceItem]] | None = None) -> list[Location]:
    """Where a finding is: the rule's own locations, else the files of the evidence it relied on,
    else the fallback (never empty, since GitHub code scanning needs one location per result)."""
    out: list[Location] = []
    seen: set[tuple[str, int | None]] = set()

    def add(path: str | None, line: int | None) -> None:
        if path is not None and (path, line) not in seen:
            seen.add((path, line))
            out.append(Location(path, line))

    for loc in f.locations:
        uri = loc.get("uri") if isinstance(loc, dict) else None
        if isinstance(uri, str):
            add(_path_of(uri, ctx), _line(loc.get("line")))
    if not out:
        if by_sha is None:
            by_sha = evidence_by_sha(report)
        for sha in f.evidence:
            for item in by_sha.get(sha, []):
                add(_path_of(item.provenance.source_uri, ctx), _line(item.provenance.line))
    if not out:
        out.append(Location(ctx.fallback[0], ctx.fallback[1], fallback=True))
    return out


def evidence_by_sha(report: Report) -> dict[str, list[EvidenceItem]]:
    m: dict[str, list[EvidenceItem]] = {}
    for item in report.evidence:
        m.setdefault(item.provenance.sha256, []).append(item)
    return m


def is_reported(f: Finding) -> bool:
    """Statuses that need someone's attention (annotations, SARIF results)."""
    return f.status in (Status.failed, Status.error, Status.manual, Status.waived)


def outcome(f: Finding) -> str:
    """error | warning | notice | none: how loudly a CI surface shows this finding."""
    if f.status == Status.error:
        return "error"
    if f.status == Status.failed:
        return {Severity.deny: "error", Severity.warn: "warning", Severity.info: "notice"}[f.severity]
    if f.status == Status.manual:
        return "warning" if f.severity == Severity.deny else "notice"
    return "none"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """Whitespace collapsed to single spaces; control characters (terminal escapes) made visible."""
    return " ".join(_CONTROL.sub("\ufffd", text.replace("\t", " ")).split())


def md_escape(text: str) -> str:
    """Untrusted text inert in GitHub-flavoured Markdown (also inside table cells): no HTML, no
    links or images, no emphasis, one line."""
    t = one_line(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};" if m.group(1) in "<>|" else "\\" + m.group(1), t)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry, replaced (escaping of <, > and & is the serializer's job)."""
    return _XML_BAD.sub("\ufffd", text)
