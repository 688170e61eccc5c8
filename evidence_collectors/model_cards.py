"""Hugging Face model cards and dataset cards (datasheets) from local Markdown files.

A card is YAML front matter plus Markdown sections. A model card yields a ``model_card`` item (front
matter, ``model-index`` evaluation results, section headings), one ``model_card.section`` per heading,
and one ``metric`` per ``model-index`` result. A dataset card yields ``datasheet`` (+ ``datasheet.section``).
Which one a file is: front matter ``aiconform: {kind: model_card|datasheet}``, the source option
``kind``, front-matter keys (``model-index``/``base_model``/``pipeline_tag``/``library_name`` -> model
card; ``dataset_info``/``task_categories``/``size_categories``/``configs`` -> datasheet), then the file
name (``datasheet``/``data_card``/``dataset_card`` -> datasheet), else model card.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import Field

from ..engine.models import GraphEdge
from ._docitems import SYSTEM_NODE, document_items, explicit_valid_until
from ._text import parse_markdown
from .base import Blob, CollectContext, Collected, SourceOptions, edge, iter_files, jsonable, read_file_bytes

__all__ = ["ModelCardsCollector", "ModelCardsOptions", "card_items", "card_kind"]

VERSION = "1.0.0"
_MODEL_KEYS = ("model-index", "base_model", "pipeline_tag", "library_name", "model_name")
_DATA_KEYS = ("dataset_info", "task_categories", "size_categories", "configs", "source_datasets",
              "annotations_creators", "pretty_name")


class ModelCardsOptions(SourceOptions):
    path: str = Field(description="a card file or a folder of cards")
    include: list[str] = Field(default_factory=lambda: ["*.md", "*.markdown"])
    exclude: list[str] = Field(default_factory=list)
    kind: str | None = Field(default=None, pattern=r"^(model_card|datasheet)$")
    excerpt_chars: int = Field(default=400, ge=0, le=10000)
    max_bytes: int = Field(default=20_000_000, gt=0)


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def card_kind(meta: dict[str, Any], filename: str, configured: str | None) -> str:
    block = meta.get("aiconform") if isinstance(meta.get("aiconform"), dict) else {}
    k = block.get("kind") if isinstance(block.get("kind"), str) else None
    if k in ("model_card", "datasheet"):
        return k
    if configured:
        return configured
    if any(key in meta for key in _MODEL_KEYS):
        return "model_card"
    if any(key in meta for key in _DATA_KEYS):
        return "datasheet"
    stem = re.sub(r"[^a-z0-9]+", "_", Path(filename).stem.lower())
    if any(w in stem for w in ("datasheet", "data_card", "dataset_card", "datacard")):
        return "datasheet"
    return "model_card"


def _eval_results(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten ``model-index`` into one dict per metric value (HF model-card metadata format)."""
    out: list[dict[str, Any]] = []
    for entry in _as_list(meta.get("model-index")):
        if not isinstance(entry, dict):
            continue
        model_name = entry.get("name")
        for res in _as_list(entry.get("results")):
            if not isinstance(res, dict):
                continue
            task = res.get("task") if isinstance(res.get("task"), dict) else {}
            ds = res.get("dataset") if isinstance(res.get("dataset"), dict) else {}
            for m in _as_list(res.get("metrics")):
                if not isinstance(m, dict):
                    continue
                out.append({
                    "model": model_name,
                    "task_type": task.get("type"),
                    "task_name": task.get("name"),
                    "dataset_name": ds.get("name"),
                    "dataset_type": ds.get("type"),
                    "dataset_config": ds.get("config"),
                    "dataset_split": ds.get("split"),
                    "dataset_revision": ds.get("revision"),
                    "metric_type": m.get("type"),
                    "metric_name": m.get("name"),
                    "value": m.get("value"),
                    "verified": bool(m.get("verified", False)),
                    "args": m.get("args"),
                })
    return out


def card_items(*, doc_id: str, data: bytes, blob: Blob, uri: str, filename: str, configured_kind: str | None,
               excerpt_chars: int, model_node: str | None = None) -> list[Collected]:
    """Items for one card: the card, its sections and (model cards) one ``metric`` per model-index result.

    ``model_node`` forces the node the card documents (the MLflow collector passes its model version).
    """
    text = data.decode("utf-8", errors="replace")
    parsed = parse_markdown(text)
    meta = parsed.meta
    kind = card_kind(meta, filename, configured_kind)
    block = meta.get("aiconform") if isinstance(meta.get("aiconform"), dict) else {}
    valid_until = explicit_valid_until(meta)
    extra: list[Collected] = []
    if kind == "model_card":
        results = _eval_results(meta)
        index_names = [e.get("name") for e in _as_list(meta.get("model-index")) if isinstance(e, dict)]
        name = block.get("model") or meta.get("model_name") or next((n for n in index_names if n), None) \
            or parsed.title or Path(filename).stem
        target = model_node or f"model:{name}"
        datasets = [str(d) for d in _as_list(meta.get("datasets"))]
        attrs = {
            "card_type": "model_card",
            "model_name": name,
            "license": meta.get("license"),
            "language": _as_list(meta.get("language")),
            "library_name": meta.get("library_name"),
            "pipeline_tag": meta.get("pipeline_tag"),
            "base_model": _as_list(meta.get("base_model")),
            "datasets": datasets,
            "tags": _as_list(meta.get("tags")),
            "declared_metrics": _as_list(meta.get("metrics")),
            "eval_results": results,
        }
        edges: list[GraphEdge] = [edge(doc_id, target, "documents")]
        for d in datasets:
            edges.append(edge(target, f"dataset:{d}", "trained_on"))
        for b in attrs["base_model"]:
            edges.append(edge(target, f"model:{b}", "derived_from"))
        for i, r in enumerate(results):
            mid = f"{doc_id}#metric-{i + 1}"
            m_edges = [edge(mid, target, "part_of")]
            if r["dataset_name"] or r["dataset_type"]:
                m_edges.append(edge(mid, f"dataset:{r['dataset_type'] or r['dataset_name']}", "evaluated_on"))
            extra.append(Collected(
                id=mid, kind="metric", blob=blob, source_uri=uri,
                title=f"{r['metric_name'] or r['metric_type']} on {r['dataset_name'] or r['dataset_type']}",
                attributes=jsonable({
                    "name": r["metric_type"] or r["metric_name"], "display_name": r["metric_name"],
                    "value": r["value"], "dataset": r["dataset_type"] or r["dataset_name"],
                    "dataset_name": r["dataset_name"], "split": r["dataset_split"], "task": r["task_type"],
                    "verified": r["verified"], "model": name, "source": "model_card"}),
                node_type="metric", edges=tuple(m_edges), valid_until=valid_until))
    else:
        name = block.get("dataset") or meta.get("dataset_name") or meta.get("pretty_name") or parsed.title \
            or Path(filename).stem
        target = f"dataset:{name}"
        features = []
        for info in _as_list(meta.get("dataset_info")):
            if isinstance(info, dict):
                for f in _as_list(info.get("features")):
                    if isinstance(f, dict) and "name" in f:
                        features.append(f["name"])
        attrs = {
            "card_type": "datasheet",
            "dataset_name": name,
            "pretty_name": meta.get("pretty_name"),
            "license": meta.get("license"),
            "language": _as_list(meta.get("language")),
            "task_categories": _as_list(meta.get("task_categories")),
            "size_categories": _as_list(meta.get("size_categories")),
            "source_datasets": _as_list(meta.get("source_datasets")),
            "annotations_creators": _as_list(meta.get("annotations_creators")),
            "language_creators": _as_list(meta.get("language_creators")),
            "features": features,
        }
        edges = [edge(doc_id, target, "documents")]
        for src in attrs["source_datasets"]:
            if isinstance(src, str) and src not in ("original",):
                edges.append(edge(target, f"dataset:{src}", "derived_from"))
    if not edges:
        edges = [edge(doc_id, SYSTEM_NODE, "documents")]
    items = document_items(doc_id=doc_id, kind=kind, parsed=parsed, blob=blob, uri=uri, excerpt_chars=excerpt_chars,
                           attributes=attrs, edges=tuple(edges), valid_until=valid_until)
    return items + extra


class ModelCardsCollector:
    """Collector ``model_cards``: Hugging Face model cards and dataset cards from local files."""

    name = "model_cards"
    version = VERSION
    Options = ModelCardsOptions

    def collect(self, options: ModelCardsOptions, ctx: CollectContext) -> list[Collected]:
        folder = ctx.resolve(options.path)
        files = list(iter_files(folder, include=options.include, exclude=options.exclude))
        out: list[Collected] = []
        for n, f in enumerate(files, 1):
            data = read_file_bytes(f, max_bytes=options.max_bytes)
            uri = ctx.uri(f)
            out.extend(card_items(doc_id=f"doc:{uri}", data=data, blob=Blob.of_bytes(data), uri=uri, filename=f.name,
                                  configured_kind=options.kind, excerpt_chars=options.excerpt_chars))
            ctx.report(n, len(files))
        return out
