"""Collector ``documents``: Markdown, HTML and PDF documents, split into sections; structured records.

Documents (technical documentation, instructions for use, QMS procedures, FRIA, declarations of
conformity, post-market monitoring plans, data-governance documents ...) yield one item for the whole
document and one ``<kind>.section`` item per heading, so a policy can ask "is Annex IV point 2(b)
covered, and where". Structured records (YAML, JSON, CSV) yield a risk register with its risks, or one
item per incident / approval / AI-literacy record / attestation / dataset, with a ``record_set`` item
holding the file's counts and malformed records.

How a file's kind is decided (first that applies; recorded as ``kind_source``):

1. the file itself: Markdown front matter ``aiconform: {kind: ...}``; HTML ``<meta name="aiconform:kind">``;
   PDF document-info ``/AiconformKind`` or ``aiconform:kind=<kind>`` in its keywords; YAML/JSON top-level
   ``aiconform: {kind: ...}``;
2. the source option ``kinds`` (glob -> kind, first matching glob);
3. the source option ``kind``;
4. the file name (see ``FILENAME_KINDS``);
5. ``document`` (an untyped document; still sectioned).

See docs/evidence.md for every attribute.
"""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from ..engine.config import safe_load
from ..engine.errors import EvidenceError
from ._docitems import SYSTEM_NODE, document_items, excerpt, explicit_valid_until
from ._records import RecordFile, parse_records
from ._text import ParsedDoc, parse_html, parse_markdown, parse_pdf
from .base import (
    Blob,
    CollectContext,
    Collected,
    SourceOptions,
    edge,
    iter_files,
    jsonable,
    parse_datetime,
    read_file_bytes,
)
from .model_cards import card_items

__all__ = ["DocumentsCollector", "DocumentsOptions", "FILENAME_KINDS", "DOCUMENT_KINDS", "RECORD_KINDS",
           "decide_kind"]

VERSION = "1.0.0"

DOCUMENT_KINDS = ("technical_documentation", "instructions_for_use", "qms_procedure", "fria",
                  "declaration_of_conformity", "post_market_monitoring_plan", "data_governance",
                  "risk_management_plan", "human_oversight", "logging_specification", "document")
CARD_KINDS = ("model_card", "datasheet")
RECORD_KINDS = ("risk_register", "incident", "approval", "literacy_record", "attestation", "dataset")
MAPPING_KINDS = ("log_retention_config",)  # a single structured document, attributes = its mapping

# (words in the normalised file stem, kind), first match wins. Stems are lower-cased with every run
# of non-alphanumerics turned into "_", e.g. "Tech-Doc v2.md" -> "tech_doc_v2".
FILENAME_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("risk_register", "risk_log", "risks"), "risk_register"),
    (("risk_management",), "risk_management_plan"),
    (("incident",), "incident"),
    (("approval", "sign_off", "signoff"), "approval"),
    (("literacy", "training_record"), "literacy_record"),
    (("attestation",), "attestation"),
    (("retention",), "log_retention_config"),
    (("dataset_inventory", "datasets"), "dataset"),
    (("datasheet", "data_card", "dataset_card"), "datasheet"),
    (("model_card",), "model_card"),
    (("technical_doc", "tech_doc", "annex_iv", "technical_file"), "technical_documentation"),
    (("instructions_for_use", "instructions", "ifu", "user_manual"), "instructions_for_use"),
    (("qms", "quality_management", "quality_manual"), "qms_procedure"),
    (("fria", "fundamental_rights"), "fria"),
    (("declaration_of_conformity", "declaration", "eu_doc", "doc_conformity"), "declaration_of_conformity"),
    (("post_market", "pmm", "monitoring_plan"), "post_market_monitoring_plan"),
    (("data_governance",), "data_governance"),
    (("human_oversight",), "human_oversight"),
    (("logging", "log_schema"), "logging_specification"),
)

_STRUCTURED = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
_KIND_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class DocumentsOptions(SourceOptions):
    path: str = Field(description="a file or a folder (searched recursively)")
    include: list[str] = Field(default_factory=lambda: ["*.md", "*.markdown", "*.html", "*.htm", "*.pdf", "*.yaml",
                                                        "*.yml", "*.json", "*.csv"])
    exclude: list[str] = Field(default_factory=list)
    recursive: bool = True
    kind: str | None = Field(default=None, pattern=_KIND_RE.pattern)
    kinds: dict[str, str] = Field(default_factory=dict, description="glob -> kind")
    excerpt_chars: int = Field(default=400, ge=0, le=10000)
    max_bytes: int = Field(default=100_000_000, gt=0)


def _stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", Path(name).stem.lower()).strip("_")


def decide_kind(path: Path, rel: str, inner: str | None, options: DocumentsOptions) -> tuple[str, str]:
    """(kind, how it was decided) — see the module docstring for the order."""
    if inner and _KIND_RE.match(inner):
        return inner, "file"
    for glob, k in options.kinds.items():
        if fnmatch.fnmatch(path.name, glob) or fnmatch.fnmatch(rel, glob):
            return k, "option:kinds"
    if options.kind:
        return options.kind, "option:kind"
    stem = _stem(path.name)
    words = f"_{stem}_"
    for keys, k in FILENAME_KINDS:
        if any(f"_{w}_" in words or stem.startswith(w) for w in keys):
            return k, "filename"
    return "document", "default"


class DocumentsCollector:
    name = "documents"
    version = VERSION
    Options = DocumentsOptions

    def collect(self, options: DocumentsOptions, ctx: CollectContext) -> list[Collected]:
        folder = ctx.resolve(options.path)
        files = list(iter_files(folder, include=options.include, exclude=options.exclude,
                                recursive=options.recursive))
        out: list[Collected] = []
        base = folder if folder.is_dir() else folder.parent
        for n, f in enumerate(files, 1):
            data = read_file_bytes(f, max_bytes=options.max_bytes)
            out.extend(self._one(f, f.relative_to(base).as_posix(), data, options, ctx))
            ctx.report(n, len(files))
        return out

    # ---------------------------------------------------------------------------------------------

    def _one(self, f: Path, rel: str, data: bytes, options: DocumentsOptions, ctx: CollectContext) -> list[Collected]:
        uri = ctx.uri(f)
        blob = Blob.of_bytes(data)
        doc_id = f"doc:{uri}"
        suffix = f.suffix.lower()
        if suffix in _STRUCTURED:
            return self._structured(f, rel, uri, doc_id, data, blob, _STRUCTURED[suffix], options)
        parsed: ParsedDoc
        inner: str | None = None
        if suffix == ".pdf":
            try:
                parsed = parse_pdf(data)
            except ValueError as exc:
                raise EvidenceError(str(exc), where=str(f), hint="export the PDF again, unencrypted") from None
            inner = parsed.meta.get("aiconformkind")
            m = re.search(r"aiconform:kind\s*=\s*([a-z][a-z0-9_]*)", parsed.meta.get("keywords", ""))
            if inner is None and m:
                inner = m.group(1)
        else:
            text = _decode(data)
            if suffix in (".html", ".htm"):
                parsed = parse_html(text)
                inner = parsed.meta.get("aiconform:kind")
            else:
                parsed = parse_markdown(text)
                block = parsed.meta.get("aiconform")
                if isinstance(block, dict) and isinstance(block.get("kind"), str):
                    inner = block["kind"]
        kind, how = decide_kind(f, rel, inner, options)
        if kind in CARD_KINDS and suffix not in (".pdf", ".html", ".htm"):
            items = card_items(doc_id=doc_id, data=data, blob=blob, uri=uri, filename=f.name, configured_kind=kind,
                               excerpt_chars=options.excerpt_chars)
            return [_with(items[0], kind_source=how), *items[1:]]
        block = parsed.meta.get("aiconform") if isinstance(parsed.meta.get("aiconform"), dict) else {}
        meta_flat = {**parsed.meta, **{k: v for k, v in block.items()}}
        attrs = {
            "kind_source": how,
            "version": _first(meta_flat, "version", "document_version"),
            "date": _first(meta_flat, "date", "issued", "effective_date", "creationdate"),
            "language": _first(meta_flat, "language", "lang"),
            "owner": _first(meta_flat, "owner", "author"),
        }
        valid_until = explicit_valid_until(parsed.meta)
        if valid_until is None and parsed.meta.get("aiconform:valid_until"):
            valid_until = parse_datetime(parsed.meta["aiconform:valid_until"])
        return document_items(doc_id=doc_id, kind=kind, parsed=parsed, blob=blob, uri=uri,
                              excerpt_chars=options.excerpt_chars, attributes=attrs, valid_until=valid_until)

    def _structured(self, f: Path, rel: str, uri: str, doc_id: str, data: bytes, blob: Blob, fmt: str,
                    options: DocumentsOptions) -> list[Collected]:
        text = _decode(data)
        rf = parse_records(text, fmt)
        inner = rf.meta.get("kind") if isinstance(rf.meta.get("kind"), str) else None
        kind, how = decide_kind(f, rel, inner, options)
        meta_valid = explicit_valid_until({"aiconform": rf.meta}) if rf.meta else None
        if kind not in RECORD_KINDS and rf.mapping is None:
            # A kind that is not a record kind (test plan, procedure, ...) holding a list: the whole file is
            # one structured document, every top-level key kept (a bare list is kept under `records`).
            rf.mapping = _whole_mapping(text, fmt, rf)
        if rf.mapping is not None and kind not in RECORD_KINDS:
            # one structured document (e.g. log-retention configuration, a machine-readable DoC)
            attrs = {"format": fmt, "kind_source": how, "metadata": rf.meta, "content": rf.mapping,
                     "malformed_count": len(rf.malformed), "malformed": _mal(rf)}
            # the mapping's own fields (e.g. retention_days) are what policies read; computed keys win
            for k, v in rf.mapping.items():
                if isinstance(k, str) and k != "aiconform":
                    attrs.setdefault(k, v)
            return [Collected(id=doc_id, kind=kind, blob=blob, source_uri=uri, title=str(rf.meta.get("title") or uri),
                              attributes=jsonable(attrs), node_type="document",
                              edges=(edge(doc_id, SYSTEM_NODE, "documents"),), valid_until=meta_valid)]
        if rf.mapping is not None and rf.list_key is None:
            rf.malformed.append((1, f"expected a list of {kind} records (or a mapping with one list)"))
        return _record_items(kind, how, rf, doc_id, uri, blob, fmt, meta_valid, options)


def _whole_mapping(text: str, fmt: str, rf: RecordFile) -> dict[str, Any]:
    whole: Any = None
    if fmt != "csv":
        try:
            whole = json.loads(text) if fmt == "json" else safe_load(text)
        except (ValueError, yaml.YAMLError):
            whole = None  # already reported as malformed by parse_records
    if isinstance(whole, dict):
        return {k: v for k, v in whole.items() if k != "aiconform"}
    return {"records": whole if isinstance(whole, list) else [v for _, v in rf.records]}


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _first(d: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        if d.get(k) not in (None, ""):
            return d[k]
    return None


def _with(item: Collected, **attrs: Any) -> Collected:
    from dataclasses import replace

    return replace(item, attributes={**item.attributes, **jsonable(attrs)})


def _mal(rf: RecordFile) -> list[dict[str, Any]]:
    return [{"line": ln, "reason": r} for ln, r in sorted(rf.malformed)]


# --- record normalisation --------------------------------------------------------------------------

_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "risk_register": {
        "id": ("id", "risk_id", "ref"),
        "category": ("category", "categories", "risk_category", "type"),
        "description": ("description", "risk", "hazard", "title"),
        "likelihood": ("likelihood", "probability"),
        "severity": ("severity", "impact"),
        "mitigation": ("mitigation", "mitigations", "control", "controls", "measure", "measures"),
        "owner": ("owner", "risk_owner", "responsible"),
        "review_date": ("review_date", "last_reviewed", "reviewed_on", "last_review"),
        "status": ("status", "state"),
    },
    "incident": {
        "id": ("id", "incident_id", "ref"),
        "occurred_at": ("occurred_at", "occurred", "date", "happened_at"),
        "detected_at": ("detected_at", "aware_at", "became_aware_at", "awareness_date", "detected"),
        "reported_at": ("reported_at", "reported", "notified_at", "report_date"),
        "severity": ("severity",),
        "serious": ("serious", "is_serious", "serious_incident"),
        "type": ("type", "incident_type", "category"),
        "description": ("description", "summary", "title"),
        "status": ("status", "state"),
        "reported_to": ("reported_to", "authority", "market_surveillance_authority"),
    },
    "approval": {
        "id": ("id", "approval_id", "ref"),
        "subject": ("subject", "approves", "what", "target"),
        "approver": ("approver", "approved_by", "by", "who"),
        "role": ("role", "approver_role"),
        "decision": ("decision", "outcome", "status"),
        "date": ("date", "approved_at", "approved_on", "when"),
        "comment": ("comment", "comments", "note"),
    },
    "literacy_record": {
        "id": ("id", "record_id"),
        "person": ("person", "name", "employee", "staff", "who"),
        "role": ("role", "function"),
        "course": ("course", "training", "module", "programme", "program"),
        "completed_on": ("completed_on", "completed", "date", "completion_date"),
        "valid_until": ("valid_until", "expires", "expiry"),
        "provider": ("provider", "trainer"),
    },
    "attestation": {
        "id": ("id", "attestation_id"),
        "who": ("who", "attested_by", "by", "signed_by"),
        "role": ("role",),
        "when": ("when", "date", "attested_at", "signed_at"),
        "catalogue_ids": ("catalogue_ids", "catalogue_id", "what", "obligations", "covers"),
        "statement": ("statement", "text", "attestation"),
    },
    "dataset": {
        "id": ("id", "name", "dataset", "dataset_name"),
        "name": ("name", "dataset", "dataset_name", "id"),
        "version": ("version",),
        "split": ("split", "purpose_split", "usage"),
        "size": ("size", "rows", "records", "n"),
        "source": ("source", "provenance", "origin"),
        "purpose": ("purpose", "intended_purpose"),
        "datasheet": ("datasheet", "data_card"),
    },
}
_DATE_FIELDS = {"review_date", "completed_on", "valid_until", "date"}
_DATETIME_FIELDS = {"occurred_at", "detected_at", "reported_at", "when"}
_LIST_FIELDS = {"catalogue_ids", "categories"}


def _norm_key(k: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(k).strip().lower()).strip("_")


def _category(v: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(v).strip().lower()).strip("_")


def _split(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [str(x).strip() for x in v if str(x).strip()]
    return [p.strip() for p in re.split(r"[;,|]", str(v)) if p.strip()]


def _bool(v: Any) -> bool | None:
    if isinstance(v, bool) or v is None:
        return v
    s = str(v).strip().lower()
    if s in ("true", "yes", "y", "1", "x"):
        return True
    if s in ("false", "no", "n", "0", ""):
        return False
    return None


def normalise_record(kind: str, raw: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """(record with the documented field names, or None and the reason it is malformed)."""
    aliases = _ALIASES[kind]
    src = {_norm_key(k): v for k, v in raw.items()}
    out: dict[str, Any] = {}
    used: set[str] = set()
    for field, names in aliases.items():
        for n in names:
            if n in src and src[n] not in (None, ""):
                out[field] = src[n]
                used.add(n)
                break
        else:
            out[field] = None
    for field in list(out):
        v = out[field]
        if v is None:
            continue
        if field in _DATE_FIELDS or field in _DATETIME_FIELDS:
            d = parse_datetime(v)
            if d is None:
                return None, f"field '{field}' is not a date ({str(v)[:40]!r})"
            out[field] = d.date().isoformat() if field in _DATE_FIELDS else d
    if kind == "risk_register":
        cats = [_category(c) for c in _split(out["category"])]
        out["categories"] = cats
        out["category"] = cats[0] if cats else None
        if out["status"] is not None:
            out["status"] = _category(out["status"])
    if kind == "incident":
        out["serious"] = _bool(out["serious"])
        if out["type"] is not None:
            out["type"] = _category(out["type"])
        if out["severity"] is not None and isinstance(out["severity"], str):
            out["severity"] = out["severity"].strip().lower()
    if kind == "attestation":
        out["catalogue_ids"] = _split(out["catalogue_ids"])
    if kind == "approval" and isinstance(out["decision"], str):
        out["decision"] = out["decision"].strip().lower()
    if kind == "incident":
        out["aware_at"] = out["detected_at"]  # Art 73 counts from when the provider became aware
    out["extra"] = {k: v for k, v in src.items() if k not in used}
    for k, v in out["extra"].items():  # undocumented columns stay readable by name (canonical names win)
        out.setdefault(k, v)
    return jsonable(out), None


_NODE_TYPES = {"risk_register": "risk", "incident": "incident", "approval": "approval", "dataset": "dataset"}


def _record_items(kind: str, how: str, rf: RecordFile, doc_id: str, uri: str, blob: Blob, fmt: str,
                  valid_until: Any, options: DocumentsOptions) -> list[Collected]:
    records: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    for line, raw in rf.records:
        if not isinstance(raw, dict):
            rf.malformed.append((line, f"record is a {type(raw).__name__}, not a mapping"))
            continue
        rec, why = normalise_record(kind, raw)
        if rec is None:
            rf.malformed.append((line, why or "malformed"))
            continue
        rid = str(rec["id"]) if rec.get("id") not in (None, "") else f"L{line}"
        rec["id"] = rid
        if rid in seen:
            rf.malformed.append((line, f"duplicate id '{rid}'"))
            continue
        seen.add(rid)
        rec["line"] = line
        records.append((line, rec))
    common = {"format": fmt, "kind_source": how, "metadata": rf.meta, "columns": rf.columns,
              "record_count": len(records), "malformed_count": len(rf.malformed), "malformed": _mal(rf)}
    items: list[Collected] = []
    if kind == "risk_register":
        attrs = {**common, "risks": [r for _, r in records]}
        items.append(Collected(id=doc_id, kind="risk_register", blob=blob, source_uri=uri, title=f"Risk register {uri}",
                               attributes=jsonable(attrs), node_type="document",
                               edges=(edge(doc_id, SYSTEM_NODE, "documents"),), valid_until=valid_until))
        item_kind = "risk"
    else:
        attrs = {**common, "record_kind": kind}
        items.append(Collected(id=doc_id, kind="record_set", blob=blob, source_uri=uri, title=f"{kind} records {uri}",
                               attributes=jsonable(attrs), node_type=None, valid_until=valid_until))
        item_kind = kind
    for line, rec in records:
        rid = rec["id"]
        node_type = _NODE_TYPES.get(kind)
        iid = f"{item_kind}:{uri}#{rid}"
        edges = []
        node = None
        if kind == "risk_register":
            edges.append(edge(iid, doc_id, "part_of"))
        elif kind == "incident":
            edges.append(edge(iid, SYSTEM_NODE, "part_of"))
        elif kind == "approval":
            subj = rec.get("subject")
            edges.append(edge(str(subj) if subj else SYSTEM_NODE, iid, "approved_by"))
        elif kind == "dataset":
            node = f"dataset:{rec['name'] or rid}"
            edges.append(edge(SYSTEM_NODE, node, "uses"))
        title = str(rec.get("description") or rec.get("subject") or rec.get("course") or rec.get("statement")
                    or rec.get("name") or rid)
        items.append(Collected(id=iid, kind=item_kind, blob=blob, source_uri=uri, title=excerpt(title, 120),
                               attributes=rec, line=line, node_type=node_type, node=node, edges=tuple(edges),
                               valid_until=valid_until))
    return items
