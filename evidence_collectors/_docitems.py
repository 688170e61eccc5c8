"""Building evidence items from a parsed document: one item for the whole, one per section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine.models import GraphEdge
from ._text import ParsedDoc, heading_number, resolve_refs, slug
from .base import Blob, Collected, edge, jsonable, parse_datetime

__all__ = ["document_items", "excerpt", "explicit_valid_until", "SYSTEM_NODE"]

SYSTEM_NODE = "system"  # placeholder the graph builder rewrites to "system:<id>"


def excerpt(text: str, n: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: max(0, n - 1)].rstrip() + "…"


def explicit_valid_until(meta: dict[str, Any]) -> dt.datetime | None:
    """valid_until stated by the document itself (``aiconform.valid_until`` or top-level ``valid_until``)."""
    block = meta.get("aiconform") if isinstance(meta.get("aiconform"), dict) else {}
    raw = block.get("valid_until", meta.get("valid_until", meta.get("aiconform:valid_until")))
    d = parse_datetime(raw)
    if d is not None and isinstance(raw, (str, dt.date)) and not isinstance(raw, dt.datetime) and (
            isinstance(raw, dt.date) or len(str(raw).strip()) == 10):
        d = d.replace(hour=23, minute=59, second=59)  # a date means "valid through that day"
    return d


def document_items(*, doc_id: str, kind: str, parsed: ParsedDoc, blob: Blob, uri: str, excerpt_chars: int,
                   attributes: dict[str, Any] | None = None, edges: tuple[GraphEdge, ...] | None = None,
                   valid_until: dt.datetime | None = None, title: str | None = None) -> list[Collected]:
    """The document item (kind ``kind``) and one ``<kind>.section`` item per heading."""
    refs = resolve_refs(parsed.sections)
    anchors: list[str] = []
    seen: dict[str, int] = {}
    for s in parsed.sections:
        num, _p, _l = heading_number(s.heading)
        # "2(b) Design" -> "2.b"; "(b) Design" (letter only, ambiguous across parents) -> "b-design"
        base = num.replace("(", ".").replace(")", "").strip(".") if num and num[0].isdigit() else slug(s.heading)
        base = base or "section"
        seen[base] = seen.get(base, 0) + 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")

    sec_items: list[Collected] = []
    all_refs: set[str] = set()
    annex_iv: set[str] = set()
    art17: set[str] = set()
    for i, s in enumerate(parsed.sections):
        num, _p, _l = heading_number(s.heading)
        r = refs[i]
        ids = sorted({x.catalogue_id() for x in r})
        all_refs.update(ids)
        attrs: dict[str, Any] = {
            "heading": s.heading,
            "index": i,
            "level": s.level,
            "number": num,
            "anchor": anchors[i],
            "refs": ids,
            "annex_iv_point": None,
            "annex_iv_id": None,
            "art17_point": None,
            "art17_id": None,
            "text_length": len(s.text),
            "total_text_length": s.total_text_length,
            "excerpt": excerpt(s.text, excerpt_chars),
            "line": s.line,
            "end_line": s.end_line,
            "page": s.page,
            "parent": anchors[s.parent] if s.parent is not None else None,
        }
        for x in r:
            if x.scheme == "annex" and x.head == "IV" and x.point and attrs["annex_iv_point"] is None:
                attrs["annex_iv_point"] = x.point + (f"({x.letter})" if x.letter else "")
                attrs["annex_iv_id"] = x.catalogue_id()
            if x.scheme == "art" and x.head == "17" and attrs["art17_point"] is None and (x.letter or x.point):
                attrs["art17_point"] = x.letter or None
                attrs["art17_id"] = x.catalogue_id()
        if attrs["annex_iv_id"]:
            annex_iv.add(attrs["annex_iv_id"])
        if attrs["art17_id"]:
            art17.add(attrs["art17_id"])
        sid = f"{doc_id}#{anchors[i]}"
        parent_node = f"{doc_id}#{anchors[s.parent]}" if s.parent is not None else doc_id
        sec_items.append(Collected(
            id=sid, kind=f"{kind}.section", blob=blob, source_uri=uri, title=s.heading, attributes=jsonable(attrs),
            line=s.line, node_type="section", edges=(edge(sid, parent_node, "part_of"),), valid_until=valid_until))

    doc_attrs: dict[str, Any] = {
        "format": parsed.format,
        "title": title if title is not None else parsed.title,
        "text_length": parsed.text_length,
        "section_count": len(parsed.sections),
        "sections": anchors,
        "headings": [s.heading for s in parsed.sections],
        "refs": sorted(all_refs),
        "annex_iv_ids": sorted(annex_iv),
        "art17_ids": sorted(art17),
        "metadata": parsed.meta,
        "metadata_error": parsed.meta_error,
        "page_count": parsed.page_count,
        "signature_fields": parsed.signature_fields,
        "section_source": parsed.section_source,
    }
    doc_attrs.update(attributes or {})
    # Facts a document declares about itself in its `aiconform:` front matter (owner, version, reviewed_at,
    # signed_at, ...) become attributes policies can read; computed attributes always win.
    for k, v in declared_attributes(parsed.meta).items():
        doc_attrs.setdefault(k, v)
    doc_item = Collected(
        id=doc_id, kind=kind, blob=blob, source_uri=uri, title=doc_attrs["title"] or uri,
        attributes=jsonable(doc_attrs), node_type="document",
        edges=edges if edges is not None else (edge(doc_id, SYSTEM_NODE, "documents"),), valid_until=valid_until)
    return [doc_item, *sec_items]


_RESERVED = {"kind", "valid_until", "dataset"}


def declared_attributes(meta: dict[str, Any]) -> dict[str, Any]:
    """The ``aiconform:`` block of a document's front matter (or ``aiconform:<key>`` HTML meta tags), minus
    the keys the collector itself interprets."""
    out: dict[str, Any] = {}
    block = meta.get("aiconform")
    if isinstance(block, dict):
        out.update({str(k): v for k, v in block.items() if str(k) not in _RESERVED})
    for k, v in meta.items():
        if isinstance(k, str) and k.startswith("aiconform:") and k[10:] not in _RESERVED:
            out.setdefault(k[10:], v)
    return out

