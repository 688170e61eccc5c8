"""The MLflow collector against a real MLflow store (sqlite backend, local artifact root)."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pytest
from aiconform.engine.collect import collect_system
from aiconform.engine.errors import EvidenceError, PathEscapeError
from aiconform.engine.graph import build_graph, graph_to_policy_input
from aiconform.engine.models import System
from mlflow_card import MODEL_CARD

pytestmark = pytest.mark.mlflow



@pytest.fixture(scope="module")
def mlflow_store(tmp_path_factory):
    """A real sqlite MLflow registry: credit-scorer v1 and v2 (v2 aliased champion), with lineage."""
    mlflow = pytest.importorskip("mlflow")
    import pandas as pd
    from mlflow.tracking import MlflowClient

    root = tmp_path_factory.mktemp("mlflow")
    uri = f"sqlite:///{root}/mlflow.db"
    logging.getLogger("mlflow").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.ERROR)

    class Identity(mlflow.pyfunc.PythonModel):
        def predict(self, context, model_input: list[str], params=None) -> list[str]:
            return model_input

    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    exp = client.create_experiment("credit", artifact_location=(root / "artifacts").as_uri())
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    df = pd.DataFrame({"income": [1000, 2000], "age": [30, 40]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for v, auc in ((1, 0.78), (2, 0.81)):
            with mlflow.start_run(experiment_id=exp) as run:
                mlflow.log_params({"max_depth": 3 + v, "learning_rate": 0.1})
                mlflow.log_metrics({"auc": auc, "accuracy": 0.7 + v / 100})
                mlflow.log_input(mlflow.data.from_pandas(df, source="s3://bucket/credit_train.parquet",
                                                         name="credit_train"), context="training")
                mlflow.log_input(mlflow.data.from_pandas(df, source="s3://bucket/credit_test.parquet",
                                                         name="credit_test"), context="evaluation")
                card = root / "model_card.md"
                card.write_text(MODEL_CARD, encoding="utf-8")
                mlflow.log_artifact(str(card))
                info = mlflow.pyfunc.log_model(name="model", python_model=Identity(), pip_requirements=["pandas"])
            mlflow.register_model(info.model_uri, "credit-scorer")
    client.set_registered_model_alias("credit-scorer", "champion", "2")
    client.set_model_version_tag("credit-scorer", "2", "validated", "yes")
    client.update_registered_model("credit-scorer", description="Consumer credit scoring model")
    return root, run.info.run_id


def _ws(make_ws, store_root: Path, tmp_path: Path, **extra):
    return make_ws([{"collector": "mlflow", "tracking_uri": f"sqlite:///{store_root}/mlflow.db", **extra}])


def test_registry_models_versions_lineage(mlflow_store, make_ws, tmp_path, now):
    root, last_run = mlflow_store
    ws = _ws(make_ws, root, tmp_path)
    items = collect_system(ws, ws.systems[0], now=now)
    by = {i.id: i for i in items}
    model = by["mlflow:models/credit-scorer"]
    assert model.kind == "model" and model.node == "model:credit-scorer"
    assert model.attributes["aliases"] == {"champion": "2"}
    assert model.attributes["versions"] == ["2", "1"]
    assert model.attributes["description"] == "Consumer credit scoring model"
    v2 = by["mlflow:models/credit-scorer/versions/2"]
    a = v2.attributes
    assert v2.kind == "model_version" and v2.node == "model_version:credit-scorer/2"
    assert a["aliases"] == ["champion"] and a["deployed"] is True and a["tags"] == {"validated": "yes"}
    assert a["run_id"] == last_run and a["run"]["params"] == {"learning_rate": "0.1", "max_depth": "5"}
    assert a["run"]["metrics"]["auc"] == 0.81
    assert {(d["name"], d["context"]) for d in a["dataset_inputs"]} == {("credit_train", "training"),
                                                                      ("credit_test", "evaluation")}
    paths = {x["path"]: x for x in a["artifacts"]}
    assert "MLmodel" in paths and paths["MLmodel"]["sha256"] and len(paths["MLmodel"]["sha256"]) == 64
    assert any(r.startswith("pandas") for r in a["requirements"])
    assert a["signature"] is not None and "inputs" in a["signature"]
    assert a["run_artifacts"][0]["path"] == "model_card.md"
    assert a["model_card"] == "mlflow:models/credit-scorer/versions/2/run_artifacts/model_card.md"
    assert v2.provenance.source_uri == f"sqlite:///{root}/mlflow.db#models/credit-scorer/versions/2"
    assert by["mlflow:models/credit-scorer/versions/1"].attributes["deployed"] is False
    assert by["mlflow:models/credit-scorer/versions/2/metrics/auc"].attributes["value"] == 0.81
    card = by[a["model_card"]]
    assert card.kind == "model_card" and card.attributes["eval_results"][0]["metric_type"] == "roc_auc"
    assert any(i.kind == "model_card.section" and i.attributes["heading"] == "Bias, risks, and limitations"
               for i in items)
    ds = by["mlflow:datasets/credit_train/" + a["dataset_inputs"][0]["digest"]]
    assert ds.kind == "dataset" and ds.node == "dataset:credit_train"

    g = graph_to_policy_input(build_graph(System(id="credit", name="Credit"), items))
    edges = {(e["from"], e["to"], e["type"]) for e in g["edges"]}
    assert ("system:credit", "model_version:credit-scorer/2", "deployed_as") in edges
    assert ("model_version:credit-scorer/2", "dataset:credit_train", "trained_on") in edges
    assert ("model_version:credit-scorer/2", "dataset:credit_test", "evaluated_on") in edges
    assert ("model_version:credit-scorer/2", "model:credit-scorer", "version_of") in edges
    assert (a["model_card"], "model_version:credit-scorer/2", "documents") in edges
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["dataset:credit_train"]["type"] == "dataset"
    assert ds.id in nodes["dataset:credit_train"]["evidence"]


def test_recollect_is_stable(mlflow_store, make_ws, tmp_path, now):
    root, _ = mlflow_store
    ws = _ws(make_ws, root, tmp_path, models=["credit-scorer"], max_versions=1)
    first = collect_system(ws, ws.systems[0], now=now)
    blobs = sorted(p.name for p in (tmp_path / ".aiconform" / "evidence").iterdir() if len(p.name) == 64)
    second = collect_system(ws, ws.systems[0], now=now)
    assert [i.provenance.sha256 for i in first] == [i.provenance.sha256 for i in second]
    assert sorted(p.name for p in (tmp_path / ".aiconform" / "evidence").iterdir() if len(p.name) == 64) == blobs
    assert not any(i.id.endswith("/versions/1") for i in first)


def test_relative_symlinked_db_leaving_the_workspace_is_refused(mlflow_store, make_ws, tmp_path, now):
    root, _ = mlflow_store
    (tmp_path / "mlflow.db").symlink_to(root / "mlflow.db")
    ws = make_ws([{"collector": "mlflow", "tracking_uri": "sqlite:///mlflow.db"}])
    with pytest.raises(PathEscapeError):
        collect_system(ws, ws.systems[0], now=now)


def test_missing_registry_and_unreachable_server(make_ws, tmp_path, now):
    ws = make_ws([{"collector": "mlflow", "tracking_uri": "sqlite:///nope.db"}])
    with pytest.raises(EvidenceError, match="not found") as ei:
        collect_system(ws, ws.systems[0], now=now)
    assert "nope.db" in ei.value.render()
    ws = make_ws([{"collector": "mlflow", "tracking_uri": "http://user:secret@127.0.0.1:9", "timeout_seconds": 2}])
    with pytest.raises(EvidenceError, match="unreachable") as ei:
        collect_system(ws, ws.systems[0], now=now)
    assert "http://127.0.0.1:9" in ei.value.render() and "secret" not in ei.value.render()
    ws = make_ws([{"collector": "mlflow", "tracking_uri": "mlruns"}])  # a local folder store that is absent
    with pytest.raises(EvidenceError, match="folder not found"):
        collect_system(ws, ws.systems[0], now=now)
