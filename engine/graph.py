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

:func:`graph_data` builds that serialised form directly, in plain Python: it is what every evaluation
hands to the policies, and importing networkx (0.15-0.3 s here) would sit on the critical path of
``aiconform gate``. :func:`build_graph` gives the same graph as a networkx ``MultiDiGraph`` for analysis
and export (``aiconform evidence graph``); a test keeps the two identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .canonical import to_jsonable
from .models import EvidenceItem, System

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["graph_data", "build_graph", "graph_to_policy_input", "evidence_to_policy_input", "NODE_TYPES", "EDGE_TYPES",
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


def graph_data(system: System, items: list[EvidenceItem]) -> dict[str, Any]:
    """The evidence graph as the policy input: ``{"nodes": [{id, type, evidence}], "edges": [{from, to, type}]}``,
    nodes sorted by id, edges sorted and de-duplicated."""
    sys_id = f"system:{system.id}"
    types: dict[str, str] = {sys_id: "system"}
    evidence: dict[str, set[str]] = {sys_id: set()}

    def fix(nid: str) -> str:
        return sys_id if nid == SYSTEM_PLACEHOLDER else nid

    ordered = sorted(items, key=lambda i: i.id)
    for it in ordered:
        if it.node_type is None:
            continue
        nid = fix(it.node or it.id)
        if nid in types:
            evidence[nid].add(it.id)
            if types[nid] == "unknown":
                types[nid] = it.node_type
        else:
            types[nid], evidence[nid] = it.node_type, {it.id}
    edges: set[tuple[str, str, str]] = set()
    sources: set[str] = set()
    for it in ordered:
        for e in it.edges:
            src, dst = fix(e.source), fix(e.target)
            for n in (src, dst):
                if n not in types:
                    types[n], evidence[n] = _type_from_id(n), set()
            edges.add((src, dst, e.type))
            sources.add(src)
    for nid in list(types):
        if nid != sys_id and evidence[nid] and nid not in sources:
            etype = "documents" if types[nid] in _DOC_TYPES else "part_of"
            edges.add((nid, sys_id, etype))
    return {"nodes": [{"id": n, "type": types[n], "evidence": sorted(evidence[n])} for n in sorted(types)],
            "edges": [{"from": u, "to": v, "type": t} for u, v, t in sorted(edges)]}


def build_graph(system: System, items: list[EvidenceItem]) -> nx.MultiDiGraph:
    """The evidence graph as a networkx ``MultiDiGraph`` (edge key = edge type), from :func:`graph_data`."""
    import networkx as nx

    data = graph_data(system, items)
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], type=n["type"], evidence=set(n["evidence"]))
    for e in data["edges"]:
        g.add_edge(e["from"], e["to"], key=e["type"], type=e["type"])
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
