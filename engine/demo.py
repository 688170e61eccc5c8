"""The bundled example: a consumer credit-scoring model (Annex III point 5(b)).

``prepare_workspace`` copies the example workspace out of the package and builds its MLflow model
registry for real (sqlite backend, local artifact root): three registered versions of
``credit-scorer``, the current one aliased ``champion``, each from a run with params, metrics, a
training dataset input (plus the out-of-time validation set for the current one) and the model card
as an artifact.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from .errors import UsageError

__all__ = ["EXAMPLE", "DEMO_AS_OF", "prepare_workspace", "build_registry"]

EXAMPLE = "credit-scoring"
DEMO_AS_OF = "2027-12-02"  # the day Chapter III applies to Annex III systems (Art 113(c) as amended)


def example_root() -> Path:
    return Path(str(resources.files("aiconform.examples"))) / EXAMPLE


def prepare_workspace(out: Path, *, force: bool = False) -> Path:
    ws = out / EXAMPLE
    if ws.exists():
        if not force and not (ws / ".aiconform-demo").exists():
            raise UsageError(f"{ws} exists and was not made by `aiconform demo`",
                             hint="choose another --out folder")
        shutil.rmtree(ws)
    shutil.copytree(example_root(), ws, ignore=shutil.ignore_patterns("__pycache__", ".aiconform", "mlflow", "reports"))
    (ws / ".aiconform-demo").write_text("made by aiconform demo\n")
    build_registry(ws)
    return ws


def build_registry(ws: Path) -> None:
    """Register real model versions in a real MLflow store under ``ws/mlflow``."""
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import logging

    logging.getLogger("mlflow").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.ERROR)
    import mlflow
    import numpy
    from mlflow.tracking import MlflowClient

    for name in ("mlflow", "alembic", "mlflow.store.db.utils"):
        logging.getLogger(name).setLevel(logging.ERROR)

    store = ws / "mlflow"
    store.mkdir(parents=True, exist_ok=True)
    uri = f"sqlite:///{store / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    exp_id = client.create_experiment("credit-scoring", artifact_location=(store / "artifacts").as_uri())
    client.create_registered_model("credit-scorer", tags={"owner": "Head of Retail Credit Risk",
                                                          "annex_iii": "5(b)"},
                                   description="Consumer credit scoring (CreditLens)")
    # (semver, out-of-time validation metrics, training window end, validation data set or None)
    versions = [
        ("2.1.0", {"auc": 0.77, "gini": 0.54}, "2022-12", None),
        ("2.2.1", {"auc": 0.78, "gini": 0.56}, "2023-12", None),
        ("2.3.0", {"auc": 0.79, "gini": 0.58, "ks": 0.44, "disparate_impact_min": 0.91}, "2024-06",
         ("loans-oot-2024-2025", "s3://nw-data/loans/oot-2024-07..2025-06.parquet")),
    ]
    card = ws / "docs" / "model_card.md"
    for semver, metrics, trained, validation in versions:
        run = client.create_run(exp_id, run_name=f"train-{semver}",
                                tags={"mlflow.source.git.commit": "4f1c2e9" if semver == "2.3.0" else "a0b1c2d"})
        rid = run.info.run_id
        client.log_param(rid, "algorithm", "lightgbm")
        client.log_param(rid, "num_trees", "400")
        client.log_param(rid, "training_window", f"2019-01..{trained}")
        for k, v in metrics.items():
            client.log_metric(rid, k, v)
        inputs = [("loans-2019-2024", f"s3://nw-data/loans/2019-01..{trained}.parquet", "training")]
        if validation:
            inputs.append((*validation, "validation"))
        client.log_inputs(rid, datasets=[
            mlflow.entities.DatasetInput(
                mlflow.data.from_numpy(numpy.zeros((2, 2)), name=name, source=source)._to_mlflow_entity(),
                tags=[mlflow.entities.InputTag(key="mlflow.data.context", value=context)])
            for name, source, context in inputs])
        client.log_artifact(rid, str(card), artifact_path="model")
        client.set_terminated(rid)
        mv = client.create_model_version("credit-scorer", f"{run.info.artifact_uri}/model", run_id=rid,
                                         tags={"semver": semver})
        last = mv.version
    client.set_registered_model_alias("credit-scorer", "champion", last)
