"""``aiconform evidence list|show|graph``: what the content-addressed store holds, and its graph."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

__all__ = ["command"]

_WS = click.option("--workspace", "-w", type=click.Path(path_type=Path), default=Path("."), show_default=True,
                   help="Workspace folder (or its aiconform.yaml).")


@click.group("evidence")
def command() -> None:
    """Inspect collected evidence (the store under .aiconform/evidence)."""


@command.command("list")
@_WS
@click.option("--system", "-s", "system_id", default=None, help="Only items of this system.")
@click.option("--kind", default=None, help="Only items of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_cmd(workspace: Path, system_id: str | None, kind: str | None, as_json: bool) -> None:
    """List recorded evidence items: sha256, kind, id, source, valid until."""
    from ..canonical import canonical_bytes, to_jsonable
    from ..config import load_workspace
    from ..store import EvidenceStore

    ws = load_workspace(workspace)
    store = EvidenceStore.for_workspace(ws.root)
    manifest = store.load_manifest()
    rows = []
    for sid, entry in sorted(manifest.systems.items()):
        if system_id and sid != system_id:
            continue
        for it in entry.items:
            if kind and it.kind != kind:
                continue
            rows.append({"system": sid, "id": it.id, "kind": it.kind, "sha256": it.provenance.sha256,
                         "source_uri": it.provenance.source_uri, "collected_at": it.provenance.collected_at,
                         "valid_until": it.provenance.valid_until})
    if as_json:
        sys.stdout.buffer.write(canonical_bytes(rows) + b"\n")
        return
    if not rows:
        click.echo("no evidence recorded; run 'aiconform collect'", err=True)
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"evidence in {store.root}", title_justify="left")
    for c in ("sha256", "system", "kind", "id", "valid until"):
        t.add_column(c, overflow="fold")
    for r in rows:
        vu = to_jsonable(r["valid_until"]) or "-"
        t.add_row(r["sha256"][:12], r["system"], r["kind"], r["id"], str(vu))
    Console(file=sys.stdout, soft_wrap=True).print(t)


@command.command("show")
@_WS
@click.argument("sha")
@click.option("--raw", is_flag=True, help="Write the raw bytes to stdout instead of the description.")
def show_cmd(workspace: Path, sha: str, raw: bool) -> None:
    """Show one blob (by sha256 or a unique prefix): its size, sources and the items read from it."""
    from ..canonical import to_jsonable
    from ..config import load_workspace
    from ..store import EvidenceStore

    ws = load_workspace(workspace)
    store = EvidenceStore.for_workspace(ws.root)
    full = store.resolve_prefix(sha)
    store.verify(full)
    if raw:
        sys.stdout.buffer.write(store.read_bytes(full))
        return
    manifest = store.load_manifest()
    entry = manifest.blobs.get(full)
    doc = {
        "sha256": full,
        "size": entry.size if entry else store.blob_path(full).stat().st_size,
        "source_uris": entry.source_uris if entry else [],
        "first_collected_at": to_jsonable(entry.first_collected_at) if entry else None,
        "items": [{"system": sid, **to_jsonable(it)} for sid, it in store.items_for_blob(manifest, full)],
    }
    click.echo(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False))


@command.command("graph")
@_WS
@click.option("--system", "-s", "system_id", default=None, help="The system (default: the only one).")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml"]), default="json", show_default=True,
              help="json: the graph as the policies see it (input.graph); graphml: for Gephi, yEd, networkx.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write to this file (atomically) instead of stdout.")
def graph_cmd(workspace: Path, system_id: str | None, fmt: str, output: Path | None) -> None:
    """Export a system's evidence graph from the stored evidence (what `collect` last recorded)."""
    from ..canonical import atomic_write, canonical_bytes
    from ..config import load_workspace
    from ..errors import EvidenceError
    from ..graph import build_graph, graph_data
    from ..models import System
    from ..store import EvidenceStore

    ws = load_workspace(workspace)
    cfg = ws.system(system_id)
    entry = EvidenceStore.for_workspace(ws.root).load_manifest().systems.get(cfg.id)
    if entry is None:
        raise EvidenceError(f"no evidence recorded for system {cfg.id!r}", where=str(ws.root / ".aiconform"),
                            hint="run `aiconform collect` first")
    system = System(id=cfg.id, name=cfg.name or cfg.id)
    items = list(entry.items)
    if fmt == "json":
        data = canonical_bytes(graph_data(system, items)) + b"\n"
    else:
        import networkx as nx

        g = build_graph(system, items)
        for _, attrs in g.nodes(data=True):  # GraphML has no set type: evidence ids as one sorted string
            attrs["evidence"] = " ".join(sorted(attrs["evidence"]))
        data = ("\n".join(nx.generate_graphml(g, edge_id_from_attribute="type")) + "\n").encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        atomic_write(output, data)
        click.echo(f"wrote {output}", err=True)
