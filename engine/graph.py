"""The evidence graph: typed nodes and edges over the collected evidence (the only networkx user).

Nodes: ``system`` (always, id ``system:<id>``), and one node per evidence item that declares a
``node_type`` (node id = ``item.node`` or ``item.id``; several items may describe one node, e.g. an
MLflow model and the model card documenting it). Edge endpoints that no item describes become nodes
too, typed by their id prefix (``model:``, ``model_version:``, ``dataset:``, ``system:`` ...).

Edges come from the items (``item.edges``); the placeholder endpoint ``system`` means this system's
node. An item node with no outgoing edge is attached to the system (``documents`` for documents,
``part_of`` otherwise), so every node is reachable from the system.

Edge types: version_of (model_version -> model), trained_on / evaluated_on (model or model_version ->
dataset; metric -> dataset), documents (document -> what it documents), part_of (section -> document,
risk -> risk register, metric -> model_version, log_stream -> system ...), derived_from (model -> base
model, dataset -> source dataset), approved_by (subject -> approval), deployed_as (system -> the model
version its deployment alias or stage points at), uses (system -> dataset from an inventory).

Serialised deterministically: nodes sorted by id with sorted evidence ids, edges sorted and de-duplicated.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .canonical import to_jsonable
from .models import EvidenceItem, System

__all__ = ["build_graph", "graph_to_policy_input", "evidence_to_policy_input", "NODE_TYPES", "EDGE_TYPES",
           "SYSTEM_PLACEHOLDER"]

NODE_TYPES = ("system", "model", "model_version", "dataset", "document", "section", "log_stream", "metric", "risk",
              "incident", "approval")
EDGE_TYPES = ("version_of", "trained_on", "evaluated_on", "documents", "derived_from", "approved_by", "deployed_as",
              "part_of", "uses")
SYSTEM_PLACEHOLDER = "system"

_PREFIX_TYPES = {"system": "system", "model": "model", "model_version": "model_version", "dataset": "dataset",
                 "doc": "document", "metric": "metric", "risk": "risk", "incident": "incident",
                 "approval": "approval", "log": "log_stream"}
_DOC_TYPES = {"document", "section"}


def _type_from_id(node_id: str) -> str:
    prefix = node_id.split(":", 1)[0] if ":" in node_id else ""
    if prefix == "doc" and "#" in node_id:
        return "section"
    return _PREFIX_TYPES.get(prefix, "unknown")


def build_graph(system: System, items: list[EvidenceItem]) -> nx.MultiDiGraph:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    sys_id = f"system:{system.id}"
    g.add_node(sys_id, type="system", evidence=set())

    def fix(nid: str) -> str:
        return sys_id if nid == SYSTEM_PLACEHOLDER else nid

    for it in sorted(items, key=lambda i: i.id):
        if it.node_type is None:
            continue
        nid = fix(it.node or it.id)
        if nid in g:
            g.nodes[nid]["evidence"].add(it.id)
            if g.nodes[nid]["type"] == "unknown":
                g.nodes[nid]["type"] = it.node_type
        else:
            g.add_node(nid, type=it.node_type, evidence={it.id})
    for it in sorted(items, key=lambda i: i.id):
        for e in it.edges:
            src, dst = fix(e.source), fix(e.target)
            for n in (src, dst):
                if n not in g:
                    g.add_node(n, type=_type_from_id(n), evidence=set())
            if not g.has_edge(src, dst, key=e.type):
                g.add_edge(src, dst, key=e.type, type=e.type)
    for nid, data in list(g.nodes(data=True)):
        if nid == sys_id or not data["evidence"]:
            continue
        if g.out_degree(nid) == 0:
            etype = "documents" if data["type"] in _DOC_TYPES else "part_of"
            g.add_edge(nid, sys_id, key=etype, type=etype)
    return g


def graph_to_policy_input(g: nx.MultiDiGraph) -> dict[str, Any]:
    """``{"nodes": [{id, type, evidence}], "edges": [{from, to, type}]}``, sorted."""
    nodes = [{"id": n, "type": d.get("type", "unknown"), "evidence": sorted(d.get("evidence", ()))}
             for n, d in sorted(g.nodes(data=True), key=lambda x: x[0])]
    edges = sorted({(u, v, d.get("type", k)) for u, v, k, d in g.edges(keys=True, data=True)})
    return {"nodes": nodes, "edges": [{"from": u, "to": v, "type": t} for u, v, t in edges]}


def evidence_to_policy_input(items: list[EvidenceItem]) -> dict[str, Any]:
    """Items keyed by id: ``{kind, title, source_uri, sha256, collected_at, valid_until, line, attributes}``."""
    out: dict[str, Any] = {}
    for it in sorted(items, key=lambda i: i.id):
        p = it.provenance
        out[it.id] = {
            "kind": it.kind,
            "title": it.title,
            "source_uri": p.source_uri,
            "sha256": p.sha256,
            "collected_at": to_jsonable(p.collected_at),
            "valid_until": to_jsonable(p.valid_until) if p.valid_until is not None else None,
            "line": p.line,
            "attributes": to_jsonable(it.attributes),
        }
    return out
