"""The MLflow collector's direct sqlite reader against the MLflow client, on real MLflow stores.

Every store here is written by the real ``mlflow`` package. The direct reader (``reader: direct``, no
``mlflow`` import) must yield exactly the items the client path (``reader: client``) yields: ids, kinds,
titles, source URIs, attributes, blob bytes, graph nodes and edges, in the same order. Where it cannot
answer as the client would, it must say so (``direct``) or hand over to the client (``auto``), and it must
never write to the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from aiconform.engine.errors import EvidenceError
from aiconform.evidence_collectors import mlflow_registry
from aiconform.evidence_collectors._mlflow_store import StoreUnsupported, open_sqlite_reader
from aiconform.evidence_collectors.base import CollectContext, Collected
from aiconform.evidence_collectors.mlflow_registry import MlflowCollector, MlflowOptions
from mlflow_card import MODEL_CARD

pytestmark = pytest.mark.mlflow

NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)



def _quiet() -> None:
    for name in ("mlflow", "alembic", "mlflow.store.db.utils"):
        logging.getLogger(name).setLevel(logging.ERROR)


@pytest.fixture(scope="module")
def rich_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three models through the real MLflow APIs: credit-scorer v1-v3 (logged models with MLmodel,
    requirements and a card among their artifacts; aliases champion/challenger; v1 in stage Production;
    tags; metrics with history and a NaN; training/evaluation/validation and context-less dataset inputs;
    run artifacts with a card at the root and a README in a folder), fraud-detector (versions on a plain
    folder, one without a run, one deleted), empty-model (no versions), and a prompt (never listed)."""
    mlflow = pytest.importorskip("mlflow")
    import numpy as np
    import pandas as pd
    from mlflow.tracking import MlflowClient

    root = tmp_path_factory.mktemp("mlflow-rich")
    uri = f"sqlite:///{root}/mlflow.db"
    _quiet()

    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    exp = client.create_experiment("credit", artifact_location=(root / "artifacts").as_uri())
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    df = pd.DataFrame({"income": [1000, 2000], "age": [30, 40]})
    files = root / "files"
    files.mkdir()
    (files / "model_card.md").write_text(MODEL_CARD, encoding="utf-8")
    (files / "README.md").write_text("# Notes\n\nSome notes.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")

        class Identity(mlflow.pyfunc.PythonModel):
            def predict(self, context: Any, model_input: list[str], params: Any = None) -> list[str]:
                return model_input

        client.create_registered_model("credit-scorer", tags={"owner": "risk", "annex_iii": "5(b)"},
                                       description="Consumer credit scoring model")
        for v, auc in ((1, 0.78), (2, 0.80), (3, 0.81)):
            with mlflow.start_run(experiment_id=exp, run_name=f"train-{v}"):
                mlflow.log_params({"max_depth": 3 + v, "learning_rate": 0.1})
                for step, value in enumerate((auc - 0.1, auc - 0.05, auc)):
                    mlflow.log_metric("auc", value, step=step)
                mlflow.log_metric("accuracy", 0.7 + v / 100)
                mlflow.log_metric("nan_metric", math.nan)
                mlflow.set_tags({"team": "credit", "mlflow.source.git.commit": f"abc{v}", "mlflow.note.content": "x"})
                mlflow.log_input(mlflow.data.from_pandas(df, source="s3://bucket/credit_train.parquet",
                                                         name="credit_train"), context="training")
                mlflow.log_input(mlflow.data.from_pandas(df, source="s3://bucket/credit_test.parquet",
                                                         name="credit_test"), context="evaluation")
                if v == 3:
                    mlflow.log_input(mlflow.data.from_numpy(np.zeros((3, 2)), source="s3://bucket/oot.parquet",
                                                            name="oot"), context="validation")
                    mlflow.log_input(mlflow.data.from_numpy(np.ones((3, 2)), source="s3://bucket/raw.parquet",
                                                            name="raw"))
                mlflow.log_artifact(str(files / "model_card.md"))
                mlflow.log_artifact(str(files / "README.md"), artifact_path="reports")
                mlflow.log_text("x" * 5000, "reports/big.txt")
                info = mlflow.pyfunc.log_model(name="model", python_model=Identity(),
                                               pip_requirements=["pandas", "numpy"],
                                               artifacts={"card": str(files / "model_card.md")})
            mv = mlflow.register_model(info.model_uri, "credit-scorer", tags={"semver": f"1.{v}.0"})
            client.update_model_version("credit-scorer", mv.version, description=f"version {v}")
        client.set_registered_model_alias("credit-scorer", "champion", "3")
        client.set_registered_model_alias("credit-scorer", "challenger", "2")
        client.transition_model_version_stage("credit-scorer", "1", "Production")
        client.set_model_version_tag("credit-scorer", "3", "validated", "yes")

        client.create_registered_model("fraud-detector")
        folder = root / "fraud_model"
        (folder / "sub").mkdir(parents=True)
        (folder / "MLmodel").write_text("flavors: {}\nsignature:\n  inputs: '[{\"type\": \"double\"}]'\n"
                                        "  outputs: null\n", encoding="utf-8")
        (folder / "requirements.txt").write_text("# pinned\nscikit-learn==1.5.0\n\nnumpy\n", encoding="utf-8")
        (folder / "sub" / "README.md").write_text("# Fraud\n\n## Limitations\n\nNone known.\n", encoding="utf-8")
        with mlflow.start_run(experiment_id=exp, run_name="fraud-train") as run:
            mlflow.log_param("algo", "xgb")
            mlflow.log_artifact(str(files / "README.md"), artifact_path="model")
        client.create_model_version("fraud-detector", str(folder), run_id=run.info.run_id)
        client.create_model_version("fraud-detector", folder.as_uri(), tags={"kind": "no-run"})
        client.create_model_version("fraud-detector", folder.as_uri(), run_id=run.info.run_id)
        client.delete_model_version("fraud-detector", "3")
        client.set_registered_model_alias("fraud-detector", "production", "2")

        client.create_registered_model("empty-model", description="no versions yet")
        mlflow.genai.register_prompt(name="greeting", template="Hello {{name}}")
    return root / "mlflow.db"


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mlflow")
    from aiconform.engine.demo import prepare_workspace

    _quiet()
    return prepare_workspace(tmp_path_factory.mktemp("demo"))


def _collect(db: Path, reader: str, **options: Any) -> list[Collected]:
    ctx = CollectContext(root=db.parent, now=NOW, source_name="mlflow")
    return MlflowCollector().collect(MlflowOptions(tracking_uri=f"sqlite:///{db}", reader=reader, **options), ctx)


def _view(items: list[Collected]) -> list[tuple[Any, ...]]:
    """Everything an item carries, in order; blob bytes by hash and size (equal hashes: equal bytes)."""
    return [(i.id, i.kind, i.title, i.source_uri, i.attributes, i.blob.sha256, i.blob.size, i.line, i.node_type,
             i.node, tuple((e.source, e.target, e.type) for e in i.edges), i.valid_until) for i in items]


def _by_id(items: list[Collected]) -> dict[str, Collected]:
    return {i.id: i for i in items}


OPTION_SETS = [
    pytest.param({}, id="defaults"),
    pytest.param({"models": ["fraud-detector", "credit-scorer"], "max_versions": 2}, id="models-max_versions"),
    pytest.param({"max_artifact_bytes": 1000, "max_artifacts": 6, "card_artifacts": ["*.md"]}, id="limits"),
    pytest.param({"deployed_aliases": ["challenger"], "deployed_stages": [], "excerpt_chars": 10}, id="deployed"),
]


@pytest.mark.parametrize("options", OPTION_SETS)
def test_direct_reader_equals_client_item_for_item(rich_store: Path, options: dict[str, Any]) -> None:
    direct = _collect(rich_store, "direct", **options)
    client = _collect(rich_store, "client", **options)
    assert _view(direct) == _view(client)
    assert [i.blob.data for i in direct if i.blob.data is not None] == [
        i.blob.data for i in client if i.blob.data is not None]


def test_rich_store_exercises_what_the_comparison_claims(rich_store: Path) -> None:
    """The comparison above means something only if the store has the features: check them on the direct output."""
    items = _collect(rich_store, "direct")
    by = _by_id(items)
    assert [i.id for i in items if i.kind == "model"] == [
        "mlflow:models/credit-scorer", "mlflow:models/empty-model", "mlflow:models/fraud-detector"]  # no prompt
    model = by["mlflow:models/credit-scorer"].attributes
    assert model["aliases"] == {"challenger": "2", "champion": "3"} and model["versions"] == ["3", "2", "1"]
    assert model["latest_version"] == 3  # an int, as the SQL store returns it
    assert model["tags"] == {"annex_iii": "5(b)", "owner": "risk"}
    v3 = by["mlflow:models/credit-scorer/versions/3"].attributes
    assert v3["aliases"] == ["champion"] and v3["deployed"] is True and v3["description"] == "version 3"
    assert v3["tags"] == {"semver": "1.3.0", "validated": "yes"}
    assert v3["run"]["metrics"] == {"accuracy": 0.73, "auc": 0.81, "nan_metric": None}  # latest step; NaN -> null
    assert v3["run"]["name"] == "train-3" and v3["run"]["tags"]["mlflow.source.git.commit"] == "abc3"
    assert "mlflow.note.content" not in v3["run"]["tags"] and v3["run"]["tags"]["team"] == "credit"
    assert sorted((d["name"], d["context"]) for d in v3["dataset_inputs"]) == [
        ("credit_test", "evaluation"), ("credit_train", "training"), ("oot", "validation"), ("raw", None)]
    assert v3["signature"]["inputs"] and "numpy" in v3["requirements"]
    assert {a["path"] for a in v3["artifacts"]} >= {"MLmodel", "requirements.txt", "artifacts/model_card.md"}
    assert [a["path"] for a in v3["run_artifacts"]] == ["model_card.md", "reports/README.md", "reports/big.txt"]
    assert v3["model_card"] == "mlflow:models/credit-scorer/versions/3/run_artifacts/model_card.md"
    assert "mlflow:models/credit-scorer/versions/3/artifacts/artifacts/model_card.md" in by
    v1 = by["mlflow:models/credit-scorer/versions/1"].attributes
    assert v1["stage"] == "Production" and v1["deployed"] is True and v1["aliases"] == []
    fraud = by["mlflow:models/fraud-detector"].attributes
    assert fraud["versions"] == ["2", "1"]  # v3 was deleted
    f2 = by["mlflow:models/fraud-detector/versions/2"].attributes
    assert f2["run"] is None and f2["run_id"] is None and f2["deployed"] is True
    assert f2["requirements"] == ["scikit-learn==1.5.0", "numpy"]
    assert f2["signature"] == {"inputs": [{"type": "double"}], "outputs": None}
    assert by["mlflow:models/fraud-detector/versions/1"].attributes["run_artifacts"][0]["path"] == "model/README.md"
    assert by["mlflow:models/empty-model"].attributes["version_count"] == 0
    ds = by[next(i for i in by if i.startswith("mlflow:datasets/credit_train/"))].attributes
    assert ds["contexts"] == ["training"] and len(ds["used_by"]) == 3
    big = next(a for a in v3["run_artifacts"] if a["path"] == "reports/big.txt")
    assert big["size"] == 5000 and big["sha256"] is None  # listed, not a card: not read
    limited = _by_id(_collect(rich_store, "direct", max_artifact_bytes=1000))
    assert all(a["sha256"] is None for a in limited["mlflow:models/credit-scorer/versions/3"].attributes["artifacts"]
               if a["size"] > 1000)


def test_direct_reader_equals_client_on_the_demo_store(demo_ws: Path) -> None:
    db = demo_ws / "mlflow" / "mlflow.db"
    direct = _collect(db, "direct", models=["credit-scorer"])
    assert _view(direct) == _view(_collect(db, "client", models=["credit-scorer"]))
    assert _view(_collect(db, "direct")) == _view(_collect(db, "client"))
    by = _by_id(direct)
    assert by["mlflow:models/credit-scorer/versions/3"].attributes["aliases"] == ["champion"]
    assert any(i.kind == "model_card" for i in direct)


@pytest.mark.parametrize("models", [["nope"], ["a/b"], ["greeting"], ["credit-scorer", "nope"]])
def test_errors_are_the_clients(rich_store: Path, models: list[str]) -> None:
    """A model that does not exist, an invalid name, a prompt: the same EvidenceError either way."""
    with pytest.raises(EvidenceError) as direct:
        _collect(rich_store, "direct", models=models)
    with pytest.raises(EvidenceError) as client:
        _collect(rich_store, "client", models=models)
    assert direct.value.render() == client.value.render()
    assert "could not be read" in direct.value.render() and str(rich_store) in direct.value.render()
    assert direct.value.hint


def _tree(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file below root: (size, mtime_ns, sha256)."""
    return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns,
                                             hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_direct_reader_never_writes(rich_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "mlflow.db"
    shutil.copy2(rich_store, db)  # artifact locations in it still point at the fixture's folders
    before_db, before_artifacts = _tree(tmp_path), _tree(rich_store.parent)
    items = _collect(db, "direct")
    assert len(items) > 50
    assert _tree(tmp_path) == before_db  # same bytes and mtimes, no -journal/-wal/-shm beside it
    assert _tree(rich_store.parent) == before_artifacts


def _copy(rich_store: Path, tmp_path: Path, *sql: str) -> Path:
    db = tmp_path / "mlflow.db"
    shutil.copy2(rich_store, db)
    con = sqlite3.connect(db)
    for stmt in sql:
        con.execute(stmt)
    con.commit()
    con.close()
    return db


@pytest.mark.parametrize(("sql", "reason"), [
    (("UPDATE alembic_version SET version_num = '0123456789ab'",), "schema revision 0123456789ab"),
    (("ALTER TABLE model_versions ADD COLUMN approved_by TEXT",), "columns of model_versions differ"),
    (("CREATE TABLE model_approvals (name TEXT)",), "tables differ"),
    (("UPDATE experiments SET workspace = 'team-a' WHERE name = 'credit'",), "outside the default workspace"),
    (("PRAGMA journal_mode = WAL",), "WAL"),
])
def test_unknown_schema_or_setup_is_refused_not_guessed(rich_store: Path, tmp_path: Path, sql: tuple[str, ...],
                                                       reason: str) -> None:
    db = _copy(rich_store, tmp_path, *sql)
    before = _tree(tmp_path)
    with pytest.raises(StoreUnsupported, match=reason):
        open_sqlite_reader(db, db, timeout=5).close()
    with pytest.raises(EvidenceError, match="cannot be read without the MLflow client") as ei:
        _collect(db, "direct")
    assert reason in ei.value.render() and "reader: auto" in (ei.value.hint or "")
    assert _tree(tmp_path) == before  # refused without writing (no -wal/-shm for the WAL file either)


def test_auto_falls_back_to_the_client(rich_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An extra column is not this reader's schema: auto hands the store to MLflow, which reads it."""
    db = _copy(rich_store, tmp_path, "ALTER TABLE model_versions ADD COLUMN approved_by TEXT")
    used: list[str] = []
    real = mlflow_registry._ClientReader

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, client: Any) -> None:
            used.append("client")
            super().__init__(client)

    monkeypatch.setattr(mlflow_registry, "_ClientReader", Spy)
    auto = _collect(db, "auto")
    assert used == ["client"]
    original = [(i.id, i.attributes, i.blob.sha256) for i in _collect(rich_store, "direct")]
    assert [(i.id, i.attributes, i.blob.sha256) for i in auto] == original
    used.clear()
    assert _view(_collect(rich_store, "auto")) == _view(_collect(rich_store, "direct"))
    assert used == []  # a verified store: no client


def test_auto_on_an_unknown_revision_gets_the_clients_answer(rich_store: Path, tmp_path: Path) -> None:
    """MLflow 3.17.2 refuses a schema it does not know too: the fallback reports MLflow's own error."""
    db = _copy(rich_store, tmp_path, "UPDATE alembic_version SET version_num = '0123456789ab'")
    with pytest.raises(EvidenceError, match="out-of-date database schema"):
        _collect(db, "auto")


def test_workspaces_enabled_is_left_to_mlflow(rich_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLFLOW_ENABLE_WORKSPACES", "True")
    with pytest.raises(EvidenceError, match="MLFLOW_ENABLE_WORKSPACES"):
        _collect(rich_store, "direct")


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Versions the direct reader must not answer for (artifacts behind runs:/ or s3:, a run folder named like
    the run's logged model) and one whose card is a symlink leaving its folder."""
    pytest.importorskip("mlflow")
    from mlflow.tracking import MlflowClient

    root = tmp_path_factory.mktemp("mlflow-odd")
    uri = f"sqlite:///{root}/mlflow.db"
    _quiet()
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    exp = client.create_experiment("odd", artifact_location=(root / "artifacts").as_uri())
    folder = root / "plain_model"
    folder.mkdir()
    (folder / "MLmodel").write_text("flavors: {}\n", encoding="utf-8")
    card = root / "model_card.md"
    card.write_text(MODEL_CARD, encoding="utf-8")
    outside = root / "secret.md"
    outside.write_text("# not an artifact\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = client.create_run(exp)
        client.log_artifact(run.info.run_id, str(card), artifact_path="model")
        client.create_logged_model(exp, name="model", source_run_id=run.info.run_id)
        client.create_registered_model("collide")
        client.create_model_version("collide", str(folder), run_id=run.info.run_id)
        client.create_registered_model("runs-source")
        client.create_model_version("runs-source", f"runs:/{run.info.run_id}/model")
        client.create_registered_model("s3-source")
        client.create_model_version("s3-source", "s3://bucket/models/fraud")
        escape = client.create_run(exp)
        client.log_artifact(escape.info.run_id, str(card))
        client.create_registered_model("escape")
        client.create_model_version("escape", str(folder), run_id=escape.info.run_id)
    run_dir = Path(escape.info.artifact_uri.removeprefix("file://"))
    (run_dir / "model_card.md").unlink()
    (run_dir / "model_card.md").symlink_to(outside)
    return root / "mlflow.db"


@pytest.mark.parametrize(("model", "reason"), [
    ("collide", "logged model named 'model'"),
    ("runs-source", "scheme 'runs'"),
    ("s3-source", "scheme 's3'"),
])
def test_artifacts_it_cannot_read_locally_are_refused(odd_store: Path, model: str, reason: str) -> None:
    with pytest.raises(EvidenceError, match="cannot be read without the MLflow client") as ei:
        _collect(odd_store, "direct", models=[model])
    assert reason in ei.value.render()


def test_a_card_symlinked_out_of_its_folder_fails_as_in_mlflow(odd_store: Path) -> None:
    with pytest.raises(EvidenceError) as direct:
        _collect(odd_store, "direct", models=["escape"])
    with pytest.raises(EvidenceError) as client:
        _collect(odd_store, "client", models=["escape"])
    assert direct.value.render() == client.value.render()
    assert "Failed to download artifacts from path 'model_card.md'" in direct.value.render()


def test_direct_needs_a_sqlite_store(tmp_path: Path) -> None:
    ctx = CollectContext(root=tmp_path, now=NOW, source_name="mlflow")
    options = MlflowOptions(tracking_uri="http://127.0.0.1:9", reader="direct")
    with pytest.raises(EvidenceError, match="sqlite:/// stores only"):
        MlflowCollector().collect(options, ctx)


# A gate in a child process in which importing MLflow (or SQLAlchemy/alembic) fails: the collector has to
# get everything from the direct reader, and what it stores must be what the client path yields.
_GATE_WITHOUT_MLFLOW = """
import sys

class _NoMlflow:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("mlflow", "sqlalchemy", "alembic"):
            raise ImportError("aiconform test: import of " + name + " blocked")
        return None

sys.meta_path.insert(0, _NoMlflow())
from aiconform.engine.launch import main
sys.exit(main())
"""


def test_gate_on_a_fresh_demo_copy_does_not_import_mlflow(demo_ws: Path, tmp_path: Path) -> None:
    from aiconform.engine.demo import DEMO_AS_OF
    from aiconform.engine.store import EvidenceStore

    ws = tmp_path / "credit-scoring"
    shutil.copytree(demo_ws, ws, ignore=shutil.ignore_patterns(".aiconform", "reports"))
    env = {**os.environ, "GOGC": "400"}  # an explicit GOGC: no re-exec, the import hook stays
    p = subprocess.run([sys.executable, "-c", _GATE_WITHOUT_MLFLOW, "gate", "--workspace", str(ws), "--as-of",
                        DEMO_AS_OF], capture_output=True, text=True, timeout=300, env=env)
    assert "blocked" not in p.stderr and "mlflow package is not installed" not in p.stderr, p.stderr[-3000:]
    assert p.returncode == 1, p.stdout[-2000:] + p.stderr[-2000:]  # blocking findings, not an error (2)
    manifest = EvidenceStore.for_workspace(ws).load_manifest()
    stored = {i.id: i.provenance.sha256 for entry in manifest.systems.values() for i in entry.items
              if i.id.startswith("mlflow:")}
    expected = {i.id: i.blob.sha256 for i in _collect(ws / "mlflow" / "mlflow.db", "client",
                                                         models=["credit-scorer"])}
    assert stored == expected


def test_registry_in_its_own_database(tmp_path: Path) -> None:
    """registry_uri naming another sqlite file: registry questions go there, runs and artifacts to tracking."""
    pytest.importorskip("mlflow")
    from mlflow.tracking import MlflowClient

    _quiet()
    tracking, registry = tmp_path / "tracking.db", tmp_path / "registry.db"
    client = MlflowClient(tracking_uri=f"sqlite:///{tracking}", registry_uri=f"sqlite:///{registry}")
    exp = client.create_experiment("split", artifact_location=(tmp_path / "artifacts").as_uri())
    card = tmp_path / "model_card.md"
    card.write_text(MODEL_CARD, encoding="utf-8")
    run = client.create_run(exp, run_name="split-run")
    client.log_param(run.info.run_id, "alpha", "0.5")
    client.log_metric(run.info.run_id, "auc", 0.7)
    client.log_artifact(run.info.run_id, str(card))
    client.create_registered_model("split-model", tags={"owner": "ops"})
    client.create_model_version("split-model", f"{run.info.artifact_uri}", run_id=run.info.run_id)
    ctx = CollectContext(root=tmp_path, now=NOW, source_name="mlflow")
    views = {}
    for reader in ("direct", "client"):
        options = MlflowOptions(tracking_uri=f"sqlite:///{tracking}", registry_uri=f"sqlite:///{registry}",
                                reader=reader)
        views[reader] = _view(MlflowCollector().collect(options, ctx))
    assert views["direct"] == views["client"]
    attrs = {v[0]: v[4] for v in views["direct"]}
    v1 = attrs["mlflow:models/split-model/versions/1"]
    assert v1["run"]["params"] == {"alpha": "0.5"} and v1["model_card"] is not None
    assert {a["path"] for a in v1["artifacts"]} == {"model_card.md"}  # the version's source is the run folder


def test_client_resolves_runs_sources_in_the_configured_store(odd_store: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # MLflow resolves a `runs:/…` version source through the process-wide tracking URI; without pinning it
    # to the configured store the client looked in the current folder (and created ./mlflow.db there)
    import mlflow

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    for host_setting in (None, (tmp_path / "elsewhere").as_uri()):  # as if the host application had set one
        mlflow.set_tracking_uri(host_setting)
        try:
            items = _collect(odd_store, "auto", models=["runs-source"])
            version = next(i for i in items if i.kind == "model_version")
            assert [a["path"] for a in version.attributes["artifacts"]] == ["model_card.md"]
            assert any(i.kind == "model_card" for i in items)
            assert list(tmp_path.iterdir()) == []  # nothing created where the command ran
            if host_setting is None:
                assert "MLFLOW_TRACKING_URI" not in os.environ  # the process-wide setting is restored
            else:
                assert mlflow.get_tracking_uri() == host_setting
        finally:
            mlflow.set_tracking_uri(None)
