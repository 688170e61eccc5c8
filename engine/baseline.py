"""Baselines: fail only on what is new, and compare two results files.

A baseline is a results file written earlier by ``--output json=FILE`` (the canonical JSON of a
Report). A finding's identity is ``(rule_id, sorted subjects)``: the same requirement for the same
things, whatever its message or evidence hashes say today. A finding is *open* when its status is
``fail`` or ``manual`` (a requirement not demonstrated) or ``error``; a baseline absorbs only ``fail``
and ``manual``: a rule that cannot be evaluated must stay visible, whatever the baseline says.

    known = load_baseline(Path("baseline.json"))
    gate_view = accept_known(report, known)      # known open findings count as accepted
    code = exit_code(gate_view, ...)             # the one table in exitcodes.py decides

``diff_results(a, b)`` lists open findings that are new in B, fixed in B, and unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .canonical import read_text
from .errors import UsageError
from .models import Finding, Report, Status, Waiver

__all__ = [
    "FindingKey",
    "OPEN_STATUSES",
    "finding_key",
    "Baseline",
    "BaselineEntry",
    "load_baseline",
    "baseline_from_report",
    "accept_known",
    "accept_keys",
    "parse_results",
    "Diff",
    "diff_results",
]

FindingKey = tuple[str, tuple[str, ...]]
OPEN_STATUSES = frozenset({Status.failed.value, Status.manual.value, Status.error.value})
_ABSORBED = (Status.failed, Status.manual)


def finding_key(rule_id: str, subjects: Iterable[str]) -> FindingKey:
    return (rule_id, tuple(sorted(subjects)))


def _key_of(f: Finding) -> FindingKey:
    return finding_key(f.rule_id, f.subjects)


@dataclass(frozen=True)
class BaselineEntry:
    """What a results file says about one finding (enough for baselines and diffs)."""

    key: FindingKey
    status: str
    severity: str = ""
    citation: str = ""
    title: str = ""
    message: str = ""

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class Baseline:
    source: str
    system: str = ""
    as_of: str = ""
    entries: Mapping[FindingKey, BaselineEntry] = field(default_factory=dict)

    @property
    def open_keys(self) -> frozenset[FindingKey]:
        return frozenset(k for k, e in self.entries.items() if e.open)


def _entry(raw: Any, where: str, i: int) -> BaselineEntry:
    if not isinstance(raw, dict):
        raise UsageError(f"findings[{i}] is not an object", where=where,
                         hint="pass a results file written by `aiconform gate --output json=FILE`")
    rid, subjects, status = raw.get("rule_id"), raw.get("subjects", []), raw.get("status")
    if not isinstance(rid, str) or not rid:
        raise UsageError(f"findings[{i}].rule_id is missing or not a string", where=where)
    if not isinstance(subjects, list) or not all(isinstance(s, str) for s in subjects):
        raise UsageError(f"findings[{i}].subjects must be a list of strings", where=where)
    if not isinstance(status, str):
        raise UsageError(f"findings[{i}].status is missing or not a string", where=where)
    def s(k: str) -> str:
        v = raw.get(k, "")
        return v if isinstance(v, str) else ""
    return BaselineEntry(key=finding_key(rid, subjects), status=status, severity=s("severity"),
                         citation=s("citation"), title=s("title"), message=s("message"))


def parse_results(data: Any, where: str) -> Baseline:
    """A Baseline from the parsed JSON of a results file; errors name the file and the entry."""
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise UsageError("not an aiconform results file (no `findings` list at the top level)", where=where,
                         hint="pass a file written by `aiconform gate --output json=FILE`")
    entries: dict[FindingKey, BaselineEntry] = {}
    for i, raw in enumerate(data["findings"]):
        e = _entry(raw, where, i)
        prev = entries.get(e.key)
        # two findings with one identity cannot come from one run; keep the open one if any
        if prev is None or (e.open and not prev.open):
            entries[e.key] = e
    system = data.get("system", {})
    return Baseline(source=where, system=system.get("id", "") if isinstance(system, dict) else "",
                    as_of=str(data.get("as_of", "")), entries=entries)


def load_baseline(path: str | Path) -> Baseline:
    p = Path(path)
    text = read_text(p, what="baseline file", error=UsageError,
                     hint="write one with `aiconform gate --no-fail --output json=FILE` on the main branch")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"not valid JSON ({exc.msg})", where=f"{p}:{exc.lineno}:{exc.colno}") from None
    return parse_results(data, str(p))


def baseline_from_report(report: Report, source: str = "<report>") -> Baseline:
    entries = {}
    for f in report.findings:
        e = BaselineEntry(key=_key_of(f), status=f.status.value, severity=f.severity.value,
                          citation=f.citation, title=f.title, message=f.message)
        prev = entries.get(e.key)
        if prev is None or (e.open and not prev.open):
            entries[e.key] = e
    return Baseline(source=source, system=report.system.id, as_of=report.as_of.isoformat(), entries=entries)


def accept_known(report: Report, baseline: Baseline) -> Report:
    """The view of ``report`` the gate decides on: open findings already open in the baseline are
    accepted (shown as waived by "baseline"); new ones and every ``error`` stay as they are.

    The returned Report is for the exit code only; outputs are always written from the original."""
    return accept_keys(report, baseline.open_keys, baseline.source)


def accept_keys(report: Report, known: frozenset[FindingKey], source: str = "") -> Report:
    """:func:`accept_known` with the open identities of a baseline given directly."""
    out = []
    for f in report.findings:
        if f.status in _ABSORBED and _key_of(f) in known:
            f = f.model_copy(update={"status": Status.waived, "waiver": Waiver(
                rule_id=f.rule_id, subject="*", owner="baseline",
                justification=f"already open in baseline {source}".strip(), expires=dt.date.max)})
        out.append(f)
    return report.model_copy(update={"findings": tuple(out)})


@dataclass(frozen=True)
class Diff:
    """Open findings of B compared with A."""

    new: tuple[BaselineEntry, ...]
    fixed: tuple[BaselineEntry, ...]
    unchanged: tuple[BaselineEntry, ...]
    a: Baseline
    b: Baseline

    def to_json(self) -> dict[str, Any]:
        def row(e: BaselineEntry) -> dict[str, Any]:
            return {"rule_id": e.key[0], "subjects": list(e.key[1]), "status": e.status, "severity": e.severity,
                    "citation": e.citation, "title": e.title, "message": e.message}
        return {"a": {"file": self.a.source, "system": self.a.system, "as_of": self.a.as_of},
                "b": {"file": self.b.source, "system": self.b.system, "as_of": self.b.as_of},
                "new": [row(e) for e in self.new], "fixed": [row(e) for e in self.fixed],
                "unchanged": [row(e) for e in self.unchanged]}


def _sorted(entries: Iterable[BaselineEntry]) -> tuple[BaselineEntry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.citation, e.key)))


def diff_results(a: Baseline, b: Baseline) -> Diff:
    """``fixed`` entries carry B's view when B still has the finding (e.g. now ``pass``), else A's with
    status ``absent`` (the requirement was not evaluated in B at all)."""
    open_a, open_b = a.open_keys, b.open_keys
    return Diff(
        new=_sorted(b.entries[k] for k in open_b - open_a),
        fixed=_sorted(b.entries.get(k) or replace(a.entries[k], status="absent") for k in open_a - open_b),
        unchanged=_sorted(b.entries[k] for k in open_a & open_b),
        a=a, b=b,
    )
