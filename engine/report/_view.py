"""The view model: everything the templates show, computed from a Report by pure functions.

Templates only lay out; grouping, counting, date arithmetic and chart geometry happen here, so the HTML, the
Markdown and the PDF say the same thing. No I/O, no clock: the evaluation date is ``report.as_of`` and the
rendering time is passed in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..canonical import canonical_digest
from ..models import EvidenceItem, Finding, Report, Severity, Status
from ._annexes import ANNEX_IV, ARTICLE_TITLES, STATUS_LABELS, STATUS_ORDER

__all__ = ["SignerInfo", "build_view", "article_of", "worst_status", "evidence_index"]

_SEVERITY_LABEL = {"deny": "Blocking", "warn": "Warning", "info": "Info"}
_TIER_LABEL = {
    "prohibited": "Prohibited practice (Art. 5)", "high_risk": "High-risk AI system",
    "transparency": "Transparency obligations (Art. 50)", "minimal": "Minimal risk",
    "out_of_scope": "Outside the scope of the AI Act", "gpai_only": "General-purpose AI model",
    "undetermined": "Undetermined — answers needed",
}
_ROUTE_LABEL = {"annex_i": "Art. 6(1) and Annex I", "annex_iii": "Art. 6(2) and Annex III"}
_ART_RE = re.compile(r"Art(?:icle)?\.?\s*(\d+)", re.I)
_ANNEX_RE = re.compile(r"Annex\s+([IVXL]+)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(frozen=True)
class SignerInfo:
    """What the document says about who signs it (filled from a SigningIdentity)."""

    name: str
    organisation: str = ""
    fingerprint: str = ""
    test_identity: bool = False
    timestamped: bool = False


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def article_of(citation: str) -> tuple[tuple[int, int], str, str]:
    """(sort key, group id, heading) of the article or annex a citation belongs to."""
    m = _ART_RE.search(citation)
    if m:
        n = m.group(1)
        return (0, int(n)), f"art-{n}", f"Article {n}" + (f" — {ARTICLE_TITLES[n]}" if n in ARTICLE_TITLES else "")
    m = _ANNEX_RE.search(citation)
    if m:
        return (1, _roman(m.group(1))), f"annex-{m.group(1).lower()}", f"Annex {m.group(1)}"
    return (2, 0), "other", "Other requirements"


def worst_status(statuses: list[str]) -> str:
    if not statuses:
        return "not_assessed"
    return min(statuses, key=STATUS_ORDER.index)


def evidence_index(report: Report) -> dict[str, EvidenceItem]:
    idx: dict[str, EvidenceItem] = {}
    for item in report.evidence:
        idx.setdefault(item.provenance.sha256, item)
    return idx


def _short(h: str) -> str:
    h = h.split(":", 1)[-1]
    return h[:12]


def _date(s: str | dt.date | None) -> dt.date | None:
    if s is None:
        return None
    if isinstance(s, dt.date):
        return s
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def _fmt_dt(v: dt.datetime | None) -> str:
    if v is None:
        return ""
    if v.tzinfo is not None:
        v = v.astimezone(dt.UTC)
    return v.strftime("%Y-%m-%d %H:%M UTC")


@dataclass
class _Ev:
    anchor: str
    short: str
    sha256: str
    source_uri: str
    title: str
    kind: str
    line: int | None
    known: bool


def _ev_ref(h: str, idx: dict[str, EvidenceItem]) -> _Ev:
    item = idx.get(h)
    if item is None:
        return _Ev(anchor="", short=_short(h), sha256=h, source_uri="", title="not in the evidence manifest",
                   kind="", line=None, known=False)
    return _Ev(anchor=f"ev-{_short(h)}", short=_short(h), sha256=h, source_uri=item.provenance.source_uri,
               title=item.title or item.id, kind=item.kind, line=item.provenance.line, known=True)


def _finding_view(f: Finding, idx: dict[str, EvidenceItem], n: int, as_of: dt.date) -> dict[str, Any]:
    waiver = None
    if f.waiver is not None:
        waiver = {"owner": f.waiver.owner, "expires": f.waiver.expires.isoformat(),
                  "expired": f.waiver.expires < as_of, "justification": f.waiver.justification}
    return {
        "anchor": f"f-{n}",
        "rule_id": f.rule_id,
        "citation": f.citation,
        "title": f.title,
        "severity": f.severity.value,
        "severity_label": _SEVERITY_LABEL[f.severity.value],
        "status": f.status.value,
        "status_label": STATUS_LABELS[f.status.value],
        "blocking": f.status in (Status.failed, Status.error) and f.severity == Severity.deny,
        "message": f.message,
        "subjects": list(f.subjects),
        "evidence": [_ev_ref(h, idx) for h in f.evidence],
        "locations": [{"uri": str(loc.get("uri", "")), "line": loc.get("line")} for loc in f.locations],
        "remediation": f.remediation,
        "applies_from": f.applies_from or "",
        "catalogue_ids": list(f.catalogue_ids),
        "waiver": waiver,
        "manual": f.manual,
    }


def _bar_chart(counts: dict[str, int]) -> dict[str, Any]:
    rows = [(s, counts.get(s, 0)) for s in STATUS_ORDER]
    top = max([c for _, c in rows] + [1])
    width = 150.0
    bars = []
    for i, (s, c) in enumerate(rows):
        bars.append({"status": s, "label": STATUS_LABELS[s], "count": c, "y": i * 22,
                     "w": round(width * c / top, 1) if c else 0})
    return {"bars": bars, "height": len(rows) * 22, "width": width}


def _article_chart(groups: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked horizontal bars per article: pass / fail+error / manual+waived / not applicable (yet)."""
    bucket = {"pass": "pass", "fail": "fail", "error": "fail", "manual": "manual", "waived": "manual",
              "not_yet_applicable": "na", "not_applicable": "na"}
    top = max([len(g["findings"]) for g in groups] + [1])
    width = 330.0
    rows = []
    for i, g in enumerate(groups):
        tally = {"fail": 0, "manual": 0, "pass": 0, "na": 0}
        for f in g["findings"]:
            tally[bucket[f["status"]]] += 1
        x = 0.0
        segs = []
        for key in ("fail", "manual", "pass", "na"):
            if tally[key]:
                w = round(width * tally[key] / top, 1)
                segs.append({"key": key, "x": x, "w": w, "n": tally[key]})
                x += w
        rows.append({"label": g["short"], "y": i * 16, "segs": segs, "total": len(g["findings"]), "end": x})
    return {"rows": rows, "height": len(rows) * 16, "width": width}


def _timeline(report: Report) -> dict[str, Any]:
    obligations = sorted(report.classification.obligations,
                         key=lambda o: (o.applies_from, article_of(o.citation)[0], o.citation, o.role))
    by_date: dict[str, list[dict[str, Any]]] = {}
    for o in obligations:
        by_date.setdefault(o.applies_from, []).append(
            {"id": o.id, "citation": o.citation, "title": o.title, "role": o.role, "note": o.note,
             "applies_now": o.applies_now})
    dates = [d for d in (_date(k) for k in by_date) if d is not None]
    as_of = report.as_of
    chart: dict[str, Any] = {"points": [], "ticks": [], "as_of_x": 0.0, "width": 640.0, "show": bool(dates)}
    if dates:
        lo = min(dates + [as_of]) - dt.timedelta(days=120)
        hi = max(dates + [as_of]) + dt.timedelta(days=120)
        span = max((hi - lo).days, 1)
        left, width = 20.0, 600.0

        def x(d: dt.date) -> float:
            return round(left + width * (d - lo).days / span, 1)

        chart["as_of_x"] = x(as_of)
        for y in range(lo.year + 1, hi.year + 1):
            chart["ticks"].append({"x": x(dt.date(y, 1, 1)), "label": str(y)})
        for i, (k, items) in enumerate(sorted(by_date.items())):
            d = _date(k)
            if d is None:
                continue
            chart["points"].append({"x": x(d), "label": k, "n": len(items), "past": d <= as_of,
                                    "row": i % 2})
    groups = [{"date": k, "applies": (_date(k) or dt.date.max) <= as_of, "items": v}
              for k, v in sorted(by_date.items())]
    return {"groups": groups, "chart": chart}


def _annex_iv_matrix(findings: list[dict[str, Any]]) -> dict[str, Any]:
    rows = []
    for cid, label, text, expected in ANNEX_IV:
        hits = [f for f in findings if any(c == cid or c.startswith(cid + ".") for c in f["catalogue_ids"])]
        evidence: dict[str, _Ev] = {}
        for f in hits:
            for e in f["evidence"]:
                evidence.setdefault(e.sha256, e)
        status = worst_status([f["status"] for f in hits])
        rows.append({"id": cid, "label": label, "text": text, "expected": expected, "status": status,
                     "status_label": STATUS_LABELS[status], "findings": hits,
                     "messages": [f["message"] for f in hits if f["message"]],
                     "evidence": sorted(evidence.values(), key=lambda e: e.short)})
    tally: dict[str, int] = {}
    for r in rows:
        tally[r["status"]] = tally.get(r["status"], 0) + 1
    covered = sum(1 for r in rows if r["status"] in ("pass", "not_applicable"))
    return {"rows": rows, "tally": tally, "covered": covered, "total": len(rows),
            "assessed": any(r["findings"] for r in rows)}


def build_view(report: Report, *, signer: SignerInfo | None = None,
               generated_at: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the templates need, as plain data."""
    idx = evidence_index(report)
    as_of = report.as_of
    findings = [_finding_view(f, idx, n, as_of) for n, f in enumerate(report.findings, 1)]

    groups_by_id: dict[str, dict[str, Any]] = {}
    for f, fv in zip(report.findings, findings, strict=True):
        key, gid, heading = article_of(f.citation)
        g = groups_by_id.setdefault(gid, {"id": gid, "key": key, "heading": heading, "findings": [],
                                          "short": heading.split(" — ")[0].replace("Article", "Art.")})
        g["findings"].append(fv)
    groups = sorted(groups_by_id.values(), key=lambda g: g["key"])
    for g in groups:
        g["findings"].sort(key=lambda fv: STATUS_ORDER.index(fv["status"]))
        g["worst"] = worst_status([fv["status"] for fv in g["findings"]])
        g["counts"] = {s: sum(1 for fv in g["findings"] if fv["status"] == s) for s in STATUS_ORDER}

    counts = {s: sum(1 for f in report.findings if f.status.value == s) for s in STATUS_ORDER}
    blocking = [fv for fv in findings if fv["blocking"]]
    blocking.sort(key=lambda fv: (fv["status"] != "error", article_of(fv["citation"])[0], fv["citation"]))
    warnings = [fv for fv in findings if fv["status"] == "fail" and not fv["blocking"]]
    manual = [fv for fv in findings if fv["status"] == "manual"]

    waivers = []
    for w in report.waivers:
        applied = [fv for f, fv in zip(report.findings, findings, strict=True) if f.waiver is not None
                   and f.waiver.rule_id == w.rule_id and f.waiver.subject == w.subject]
        waivers.append({"rule_id": w.rule_id, "subject": w.subject, "owner": w.owner,
                        "justification": w.justification, "expires": w.expires.isoformat(),
                        "expired": w.expires < as_of, "days_left": (w.expires - as_of).days,
                        "applied": applied})

    evidence = []
    referenced: dict[str, int] = {}
    for f in report.findings:
        for h in f.evidence:
            referenced[h] = referenced.get(h, 0) + 1
    for item in sorted(report.evidence, key=lambda e: (e.kind, e.provenance.source_uri, e.id)):
        p = item.provenance
        stale = p.valid_until is not None and p.valid_until.date() < as_of
        evidence.append({"anchor": f"ev-{_short(p.sha256)}", "id": item.id, "kind": item.kind,
                         "title": item.title, "source_uri": p.source_uri, "line": p.line, "sha256": p.sha256,
                         "short": _short(p.sha256), "collected_at": _fmt_dt(p.collected_at),
                         "valid_until": _fmt_dt(p.valid_until) if p.valid_until else "no expiry",
                         "stale": stale, "collector": f"{p.collector} {p.collector_version}".strip(),
                         "uses": referenced.get(p.sha256, 0)})

    c = report.classification
    tier = c.tier.value
    results_digest = canonical_digest(report)
    annex_iv = _annex_iv_matrix(findings)
    title = "EU AI Act conformity report"
    return {
        "title": title,
        "system": report.system.model_dump(mode="json"),
        "as_of": as_of.isoformat(),
        "law_basis": report.law_basis or c.law_basis,
        "generated_at": _fmt_dt(generated_at) if generated_at else "",
        "tier": tier,
        "tier_label": _TIER_LABEL.get(tier, tier),
        "route_label": _ROUTE_LABEL.get(c.high_risk_route or "", ""),
        "classification": {
            "roles": list(c.roles), "gpai_model": c.gpai_model, "systemic_risk": c.systemic_risk,
            "in_scope": c.in_scope, "transparency_duties": list(c.transparency_duties),
            "triggering": [p.model_dump(mode="json") for p in c.triggering_provisions],
            "not_reached": [p.model_dump(mode="json") for p in c.not_reached],
            "undetermined": list(c.undetermined),
            "dates": dict(sorted(c.dates.items())),
        },
        "counts": counts,
        "total": len(report.findings),
        "summary": {"blocking": report.summary.blocking, "warnings": report.summary.warnings},
        "blocking": blocking,
        "warnings": warnings,
        "manual": manual,
        "groups": groups,
        "waivers": waivers,
        "annex_iv": annex_iv,
        "timeline": _timeline(report),
        "evidence": evidence,
        "stale_evidence": sum(1 for e in evidence if e["stale"]),
        "versions": report.versions.model_dump(mode="json"),
        "inputs_digest": report.inputs_digest,
        "results_digest": results_digest,
        "signer": signer,
        "status_labels": STATUS_LABELS,
        "status_order": list(STATUS_ORDER),
        "charts": {"status": _bar_chart(counts), "articles": _article_chart(groups)},
    }


@dataclass
class DraftItem:
    """One item of a draft document: filled text, or a gap with what to do."""

    id: str
    label: str
    requirement: str
    value: str = ""
    gap: str = ""
    source: list[Any] = field(default_factory=list)
