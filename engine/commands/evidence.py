"""``aiconform evidence list|show``: what the content-addressed store holds."""

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
