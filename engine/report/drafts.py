"""Draft documents from the same evidence: EU declaration of conformity (Annex V), Annex IV technical
documentation, and a fundamental-rights impact assessment skeleton (Art 27, only where it applies).

Drafts pre-fill what the evidence supports and mark every gap in place, with what to do. They are marked
DRAFT, are not signed, and never claim conformity: item 4 of the declaration stays a gap while blocking
findings are open.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..canonical import atomic_write
from ..errors import ReportError
from ..models import Report, Status
from ._annexes import ANNEX_IV, ANNEX_V, ART27, STATUS_LABELS
from ._view import _TIER_LABEL, _ev_ref, evidence_index, worst_status

__all__ = ["declaration_view", "annex_iv_view", "fria_view", "fria_applies", "render_drafts", "DRAFT_KINDS"]

DRAFT_KINDS = ("declaration-of-conformity", "annex-iv-technical-documentation", "fria")


def _hits(report: Report, cid: str) -> list[Any]:
    return [f for f in report.findings if any(c == cid or c.startswith(cid + ".") for c in f.catalogue_ids)]


def _sources(report: Report, findings: list[Any]) -> list[Any]:
    idx = evidence_index(report)
    seen: dict[str, Any] = {}
    for f in findings:
        for h in f.evidence:
            seen.setdefault(h, _ev_ref(h, idx))
    return sorted(seen.values(), key=lambda e: e.short)


def _item(cid: str, label: str, requirement: str, *, value: str = "", gap: str = "", status: str = "",
          sources: list[Any] | None = None, prompt: str = "") -> dict[str, Any]:
    return {"id": cid, "label": label, "requirement": requirement, "value": value, "gap": gap,
            "status": status or ("gap" if gap else "filled"), "sources": sources or [], "prompt": prompt}


def _blocking(report: Report) -> list[Any]:
    return [f for f in report.findings if f.status in (Status.failed, Status.error) and f.severity.value == "deny"]


def declaration_view(report: Report) -> dict[str, Any]:
    s = report.system
    c = report.classification
    blocking = _blocking(report)
    items = []
    for cid, num, text in ANNEX_V:
        hits = _hits(report, cid)
        status = worst_status([f.status.value for f in hits]) if hits else ""
        src = _sources(report, hits)
        value, gap = "", ""
        if num == "1":
            value = f"{s.name} ({s.id})" + (f", version {s.version}" if s.version else "")
            value += f"; {_TIER_LABEL.get(c.tier.value, c.tier.value)}"
            if not s.version:
                gap = "State the version (or another unambiguous reference) so the declaration identifies one system."
        elif num == "2":
            value = s.provider
            if not s.provider:
                gap = "Name the provider (or authorised representative) and its postal address."
            elif not any(ch.isdigit() for ch in s.provider):
                gap = "Add the provider's full postal address."
        elif num == "3":
            value = (f"This EU declaration of conformity is issued under the sole responsibility of "
                     f"{s.provider or '[provider]'}.")
        elif num == "4":
            if blocking:
                gap = (f"{len(blocking)} blocking finding(s) are open (" +
                       ", ".join(sorted({f.citation for f in blocking})[:8]) +
                       (", …" if len({f.citation for f in blocking}) > 8 else "") +
                       "). Conformity cannot be declared until they are resolved.")
            else:
                value = (f"{s.name} is in conformity with Regulation (EU) 2024/1689 as amended by Regulation (EU) "
                         "2026/1744. [List any other Union harmonisation law requiring a declaration.]")
        elif num == "5":
            value = ("[Where personal data are processed:] The AI system complies with Regulations (EU) 2016/679 and "
                     "(EU) 2018/1725 and Directive (EU) 2016/680.")
            if status != "pass":
                gap = "Confirm whether personal data are processed and that the data protection officer agrees."
        elif num == "6":
            std = _hits(report, "annex_iv.7")
            if std and worst_status([f.status.value for f in std]) == "pass":
                value = "See technical documentation, Annex IV point 7."
                src = src or _sources(report, std)
            else:
                gap = "List the harmonised standards or common specifications applied (none were found in the evidence)."
        elif num == "7":
            route = c.high_risk_route or ""
            biometric = any(p.id.startswith("annex3.1") for p in c.triggering_provisions)
            if route == "annex_iii" and not biometric:
                value = ("Not applicable: conformity assessment based on internal control (Art. 43(2), Annex VI); "
                         "no notified body is involved.")
            else:
                gap = ("Name the notified body and its number, describe the procedure performed (Annex VII or the "
                       "sectoral procedure) and identify the certificate.")
        elif num == "8":
            gap = "To be completed by the signatory: place and date of issue, name and function, on whose behalf, signature."
        if hits and status in ("fail", "error") and not gap:
            gap = " ".join(f.message for f in hits if f.message)[:400] or "The existing declaration lacks this item."
        items.append(_item(cid, f"Item {num}", text, value=value, gap=gap, sources=src))
    return {
        "kind": "declaration-of-conformity",
        "title": "EU declaration of conformity",
        "subtitle": "Draft under Article 47 and Annex V",
        "basis": "Art. 47 and Annex V of Regulation (EU) 2024/1689 (as amended by Regulation (EU) 2026/1744)",
        "intro": ("Every Annex V item is listed. Text in the right column is pre-filled from the evaluated evidence; "
                  "items marked GAP must be completed before the provider signs. By signing, the provider assumes "
                  "responsibility for compliance (Art. 47(4))."),
        "items": items,
        "gaps": sum(1 for i in items if i["gap"]),
    }


def annex_iv_view(report: Report) -> dict[str, Any]:
    s = report.system
    items = []
    for cid, label, text, expected in ANNEX_IV:
        hits = _hits(report, cid)
        status = worst_status([f.status.value for f in hits])
        src = _sources(report, hits)
        value, gap = "", ""
        if cid == "annex_iv.1.a":
            value = (f"Intended purpose: {s.intended_purpose or '[not stated]'} Provider: {s.provider or '[not stated]'}. "
                     f"Version: {s.version or '[not stated]'}.")
        if status == "not_applicable":
            value = value or "Not applicable: " + "; ".join(f.message for f in hits if f.message)
        elif status == "pass":
            value = value or "Documented in the sources listed. " + " ".join(f.message for f in hits if f.message)[:400]
        elif status in ("fail", "error", "manual"):
            gap = " ".join(f.message for f in hits if f.message)[:400] or f"Document: {expected}."
        elif status == "not_assessed":
            gap = f"No check covered this point. Expected evidence: {expected}."
        items.append(_item(cid, f"Point {label}", text, value=value, gap=gap, status=status, sources=src,
                           prompt=expected))
    return {
        "kind": "annex-iv-technical-documentation",
        "title": "Technical documentation",
        "subtitle": "Draft structure under Article 11(1) and Annex IV, pre-filled from collected evidence",
        "basis": "Art. 11(1) and Annex IV of Regulation (EU) 2024/1689 (Annex IV unchanged by Regulation (EU) 2026/1744)",
        "intro": ("One entry per Annex IV point. Where the evidence documents a point, the sources are listed; every "
                  "other point is marked GAP with what is missing. SMEs and SMCs may use the Commission's simplified "
                  "form (Art. 11(1) as amended)."),
        "items": items,
        "gaps": sum(1 for i in items if i["gap"]),
        "status_labels": STATUS_LABELS,
    }


def fria_applies(report: Report) -> bool:
    """Art 27 binds this system: the classification lists an Art 27 obligation or a check for it applies."""
    if any(o.id.startswith("art27") for o in report.classification.obligations):
        return True
    return any(f.status not in (Status.not_applicable,) for f in _hits(report, "art27"))


def fria_view(report: Report) -> dict[str, Any]:
    s = report.system
    hits = _hits(report, "art27")
    existing = [e for e in report.evidence if e.kind == "fria"]
    items = []
    for cid, letter, text, prompt in ART27:
        sub = _hits(report, cid)
        value, gap = "", ""
        if cid == "art27.1.a" and s.intended_purpose:
            value = f"Intended purpose stated by the provider: {s.intended_purpose}"
        if sub and worst_status([f.status.value for f in sub]) == "pass":
            value = (value + " " if value else "") + "Covered by the existing assessment (see sources)."
        else:
            gap = prompt
        items.append(_item(cid, f"Art. 27(1){letter}", text, value=value, gap=gap, sources=_sources(report, sub),
                           prompt=prompt))
    items.append(_item("art27.3", "Art. 27(3)", "Notification of the results to the market-surveillance authority, "
                       "using the AI Office template", gap="Record the date of notification (or the Art. 46(1) exemption)."))
    items.append(_item("art27.4", "Art. 27(4)", "Relation to a data protection impact assessment (GDPR Art. 35 / "
                       "LED Art. 27)", gap="Reference or incorporate the DPIA where it covers some of these elements."))
    notes = [f"Existing FRIA evidence: {e.title or e.id} ({e.provenance.source_uri})" for e in existing]
    notes += [f"Check {f.rule_id}: {STATUS_LABELS[f.status.value]} — {f.message}" for f in hits if f.message]
    return {
        "kind": "fria",
        "title": "Fundamental rights impact assessment",
        "subtitle": "Skeleton under Article 27, to be completed by the deployer before first use",
        "basis": "Art. 27 of Regulation (EU) 2024/1689 (paragraphs 4-5 as amended by Regulation (EU) 2026/1744)",
        "intro": ("Art. 27 applies to this system. Complete each element (a)-(f) before first use; update it when an "
                  "element changes. Prompts are suggestions, not legal advice."),
        "items": items,
        "gaps": sum(1 for i in items if i["gap"]),
        "notes": notes,
    }


def render_drafts(report: Report, out_dir: Path, formats: tuple[str, ...] = ("pdf",), *,
                  generated_at: dt.datetime | None = None) -> list[Path]:
    """Write the drafts that apply (DoC, Annex IV; FRIA only where Art 27 applies). Returns the paths."""
    from markupsafe import Markup

    from .pdf import html_to_pdf
    from .render import _css, render_template

    generated_at = generated_at or dt.datetime.now(dt.UTC)
    views = [declaration_view(report), annex_iv_view(report)]
    if fria_applies(report):
        views.append(fria_view(report))
    out: list[Path] = []
    stem = f"{report.system.id}-{report.as_of.isoformat()}"
    for view in views:
        ctx = {**view, "system": report.system.model_dump(mode="json"), "as_of": report.as_of.isoformat(),
               "generated_at": generated_at.strftime("%Y-%m-%d %H:%M UTC"), "law_basis": report.law_basis,
               "versions": report.versions.model_dump(mode="json"), "notes": view.get("notes", [])}
        for fmt in formats:
            if fmt == "md":
                continue  # drafts are documents to edit and sign: HTML and PDF
            html = render_template("drafts/draft.html.j2", {**ctx, "css": Markup(_css(fmt == "pdf"))})
            path = Path(out_dir) / f"{stem}-{view['kind']}-DRAFT.{fmt}"
            data = html.encode("utf-8") if fmt == "html" else html_to_pdf(html, when=generated_at).pdf
            try:
                atomic_write(path, data)
            except OSError as exc:
                raise ReportError(f"cannot write the draft ({exc.strerror or exc})", where=str(path)) from None
            out.append(path)
    return out
