"""Unchanged evidence keeps its provenance, so re-evaluations are byte-identical; an unchanged MLflow
store is not re-read (its fingerprint matches), a changed one is."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.collect import collect_system, collect_system_report
from aiconform.engine.config import load_workspace

T1 = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
T2 = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)


def _ws(tmp_path: Path, sources: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Technical documentation\n\n## Annex IV 1(a)\n\nPurpose.\n")
    (tmp_path / "docs" / "b.md").write_text("# Instructions for use\n\nText.\n")
    (tmp_path / "aiconform.yaml").write_text(f"systems:\n  - id: s\n    sources:\n{sources}")
    return tmp_path


def test_unchanged_items_keep_collected_at_changed_ones_do_not(tmp_path):
    root = _ws(tmp_path, "      - {collector: documents, path: docs/}\n")
    ws = load_workspace(root)
    first = collect_system(ws, ws.systems[0], now=T1)
    again = collect_system(ws, ws.systems[0], now=T2)
    assert canonical_bytes(first) == canonical_bytes(again)
    (root / "docs" / "b.md").write_text("# Instructions for use\n\nText, changed.\n")
    third = {i.id: i for i in collect_system(ws, ws.systems[0], now=T2)}
    by_id = {i.id: i for i in first}
    assert third["doc:docs/a.md"].provenance.collected_at == T1
    assert third["doc:docs/b.md"].provenance.collected_at == T2
    assert third["doc:docs/b.md"].provenance.sha256 != by_id["doc:docs/b.md"].provenance.sha256


@pytest.mark.mlflow
def test_unchanged_mlflow_store_is_not_reread(tmp_path):
    pytest.importorskip("mlflow")
    from aiconform.engine.demo import build_registry

    root = _ws(tmp_path, '      - {collector: mlflow, name: reg, tracking_uri: "sqlite:///mlflow/mlflow.db"}\n')
    shutil.copy(Path(__file__).parents[2] / "examples" / "credit-scoring" / "docs" / "model_card.md",
                root / "docs" / "model_card.md")
    build_registry(root)
    ws = load_workspace(root)
    r1 = collect_system_report(ws, ws.systems[0], now=T1)
    assert not r1.sources[0].reused and r1.sources[0].fingerprint
    r2 = collect_system_report(ws, ws.systems[0], now=T2)
    assert r2.sources[0].reused
    assert canonical_bytes(r1.items) == canonical_bytes(r2.items)
    # A fresh process collecting the unchanged store does not import MLflow at all.
    code = ("import datetime as dt, sys; from aiconform.engine.config import load_workspace; "
            "from aiconform.engine.collect import collect_system_report as c; ws = load_workspace(sys.argv[1]); "
            "r = c(ws, ws.systems[0], now=dt.datetime(2027, 3, 1, tzinfo=dt.UTC)); "
            "print(r.sources[0].reused, 'mlflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]
    # Registering a new version changes the store: collected again, new items appear.
    from mlflow.tracking import MlflowClient

    uri = f"sqlite:///{root}/mlflow/mlflow.db"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)  # explicit: other tests set global URIs
    mv = client.search_model_versions("name='credit-scorer'")[0]
    client.create_model_version("credit-scorer", mv.source, run_id=mv.run_id)
    r3 = collect_system_report(ws, ws.systems[0], now=T2)
    assert not r3.sources[0].reused
    assert len(r3.items) > len(r2.items)
