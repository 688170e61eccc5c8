"""Reading a local MLflow sqlite store directly: read-only, without importing ``mlflow``.

``MlflowClient`` on a ``sqlite:///`` store imports MLflow, SQLAlchemy and alembic (on the demo: ~3 s and
~190 MB more than the rest of a gate). The ``mlflow`` collector asks a store a dozen questions; this
module answers them from the database and the artifact folders with the answers MLflow 3.17.2's client
gives, following its code rather than its documentation:

* registered models: ``search_registered_models`` (name order, at most 1000, prompts excluded: a
  ``mlflow.prompt.is_prompt = 'true'`` model tag) and ``get_registered_model`` (any prompt tag -> not found);
* versions: ``search_model_versions("name='…'")`` (deleted versions and prompt versions excluded, newest
  update first, at most 10,000), ``get_model_version`` (aliases of that version; a prompt tag -> not found),
  ``get_model_version_download_uri`` (the recorded ``storage_location``, else ``source``);
* runs: ``get_run`` (the run name falls back to the ``mlflow.runName`` tag; metrics are the
  ``latest_metrics`` rows, NaN where ``is_nan``; dataset inputs in the row order of MLflow's own query,
  which is therefore issued verbatim);
* artifacts: ``LocalArtifactRepository`` listings (``os.listdir``, symlinks followed, upload temp files
  skipped, sorted by path) and reads, with MLflow's symlink containment checks.

Nothing is written: the database is opened with ``mode=ro`` and ``PRAGMA query_only``, never created,
migrated or recovered, and artifacts are read in place (the client copies them to a temporary folder).

``StoreUnsupported`` means "this reader does not know the answer"; the collector then uses the MLflow
client instead (or, with ``reader: direct``, reports it). Raised for:

* a schema other than the verified one: the ``alembic_version`` revision, the set of tables and the
  columns of every table read here must be exactly those of a verified revision (``VERIFIED_REVISIONS``);
* a store the client would open differently: WAL journal mode (a reader creates ``-wal``/``-shm`` files),
  rows outside the default workspace or ``MLFLOW_ENABLE_WORKSPACES`` set, an installed MLflow plug-in
  for the ``sqlite`` stores or for local artifact repositories;
* an artifact location that is not an absolute local path or a ``file:///`` URI (``s3:``, ``gs:``,
  ``mlflow-artifacts:``, ``http:``, ``runs:``, ``models:`` …), or one with a query, fragment or trailing
  slash. MLflow resolves ``runs:`` and ``models:`` locations through the process-wide tracking URI, not
  through the store that recorded them, so their answer is not this store's to give;
* a run artifact folder or file whose first path segment names a logged model of the same run (MLflow 3
  merges that model's artifacts in, again through the process-wide tracking URI);
* a model or artifact name that MLflow passes through a filter string or URL parsing where it could be
  altered (``# ? % ; ' " \\`` backquote, control characters).

``StoreError`` carries the message the client's ``MlflowException`` would (a model that does not exist,
a run that is gone, an artifact that resolves outside its folder); the collector reports both the same way.
Untrusted content stays inert: values are returned as stored, nothing is evaluated.
"""

from __future__ import annotations

import json
import os
import posixpath
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

__all__ = ["VERIFIED_REVISIONS", "ArtifactEntry", "DatasetInputRecord", "ModelVersionRecord",
           "RegisteredModelRecord", "RegistryReader", "RunRecord", "SqliteReader", "StoreError",
           "StoreUnsupported", "open_sqlite_reader"]

_DEFAULT_WORKSPACE = "default"
_DELETED_STAGE = "Deleted_Internal"
_PROMPT_TAG = "mlflow.prompt.is_prompt"
_RUN_NAME_TAG = "mlflow.runName"
_UPLOAD_PREFIX = ".artifact.uploading."  # LocalArtifactRepository's staging files, never listed
_MAX_MODELS = 1000  # the collector asks search_registered_models for max_results=1000
_MAX_VERSIONS = 10_000  # search_model_versions' default max_results
_UNSAFE = frozenset("#?%;'\"\\`") | frozenset(chr(c) for c in (*range(32), 127))
# in a recorded location: '#', '?' and ';' would be split off by urlparse ('%' is checked per scheme)
_UNSAFE_IN_LOCATION = frozenset("#?;\\") | frozenset(chr(c) for c in (*range(32), 127))

# Columns of the tables read here, per verified alembic revision. Column sets, not order: SQLite keeps
# the order of the migrations that built the file. The table set is checked too (the client would try
# to create missing tables, i.e. migrate the file).
_V_3_17_2_COLUMNS: dict[str, frozenset[str]] = {t: frozenset(c.split()) for t, c in {
    "alembic_version": "version_num",
    "experiments": "experiment_id name artifact_location lifecycle_stage creation_time last_update_time workspace",
    "runs": "run_uuid name source_type source_name entry_point_name user_id status start_time end_time "
            "source_version lifecycle_stage artifact_uri experiment_id deleted_time",
    "tags": "key value run_uuid",
    "params": "key value run_uuid",
    "latest_metrics": "key value timestamp step is_nan run_uuid",
    "datasets": "dataset_uuid experiment_id name digest dataset_source_type dataset_source dataset_schema "
                "dataset_profile",
    "inputs": "input_uuid source_type source_id destination_type destination_id step",
    "input_tags": "input_uuid name value",
    "logged_models": "model_id experiment_id name artifact_location creation_timestamp_ms "
                     "last_updated_timestamp_ms status lifecycle_stage model_type source_run_id status_message",
    "registered_models": "name creation_time last_updated_time description workspace",
    "registered_model_tags": "key value name workspace",
    "registered_model_aliases": "alias version name workspace",
    "model_versions": "name version creation_time last_updated_time description user_id current_stage source "
                      "run_id status status_message run_link storage_location workspace",
    "model_version_tags": "key value name version workspace",
    "webhooks": "webhook_id name description url status secret creation_timestamp last_updated_timestamp "
                "deleted_timestamp workspace",
}.items()}
_V_3_17_2_TABLES = frozenset("""
alembic_version assessments budget_policies datasets endpoint_bindings endpoint_model_mappings endpoint_tags
endpoints entity_associations evaluation_dataset_records evaluation_dataset_tags evaluation_datasets
experiment_tags experiments guardrail_configs guardrails input_tags inputs issues job_locks jobs label_schemas
latest_metrics logged_model_metrics logged_model_params logged_model_tags logged_models mcp_access_endpoints
mcp_server_aliases mcp_server_tags mcp_server_version_tags mcp_server_versions mcp_servers metrics
model_definitions model_version_tags model_versions online_scoring_configs params registered_model_aliases
registered_model_tags registered_models review_queue_items review_queue_label_schemas review_queue_users
review_queues runs scheduler_leases scorer_versions scorers secrets span_metrics spans
sql_assessment_daily_rollups sql_span_cost_daily_rollups sql_trace_metric_daily_rollups
sql_trace_rollup_rebuild_queue tags trace_info trace_metrics trace_request_metadata trace_tags webhook_events
webhooks workspaces""".split())

# revision -> (MLflow release whose client the answers were compared with, tables, columns of tables read)
VERIFIED_REVISIONS: dict[str, tuple[str, frozenset[str], dict[str, frozenset[str]]]] = {
    "dc11669786a5": ("3.17.2", _V_3_17_2_TABLES, _V_3_17_2_COLUMNS),
}

# MLflow's own query for a run's dataset inputs (SqlAlchemyStore._get_run_inputs), as SQLAlchemy renders
# it for SQLite. It orders by run only, so the order of a run's inputs is whatever plan SQLite picks for
# this exact statement: issuing the same text on the same file gives the same order.
_RUN_INPUTS_SQL = (
    "SELECT inputs.input_uuid AS inputs_input_uuid, inputs.destination_id AS run_uuid, "
    "datasets.dataset_uuid AS datasets_dataset_uuid, datasets.experiment_id AS datasets_experiment_id, "
    "datasets.name AS datasets_name, datasets.digest AS datasets_digest, "
    "datasets.dataset_source_type AS datasets_dataset_source_type, "
    "datasets.dataset_source AS datasets_dataset_source, "
    "datasets.dataset_schema AS datasets_dataset_schema, datasets.dataset_profile AS datasets_dataset_profile, "
    "input_tags.input_uuid AS input_tags_input_uuid, input_tags.name AS input_tags_name, "
    "input_tags.value AS input_tags_value FROM inputs JOIN datasets ON inputs.source_id = datasets.dataset_uuid "
    "LEFT OUTER JOIN input_tags ON input_tags.input_uuid = inputs.input_uuid "
    "WHERE inputs.destination_type = ? AND inputs.destination_id IN (?) ORDER BY run_uuid"
)


class StoreUnsupported(Exception):  # noqa: N818  (a signal to fall back, not a failure)
    """The direct reader cannot answer exactly as the MLflow client would; use the client."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StoreError(Exception):
    """What the MLflow client would raise as ``MlflowException`` (same message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- what a registry answers (the collector's view; the client path fills the same records) -------


@dataclass(frozen=True)
class RegisteredModelRecord:
    name: str
    description: str | None
    tags: dict[str, Any]
    aliases: dict[str, Any]  # alias -> version as the backend types it (int from SQL stores)
    creation_timestamp: int | None
    last_updated_timestamp: int | None


@dataclass(frozen=True)
class ModelVersionRecord:
    name: str
    version: Any  # int from SQL stores, str over REST: kept as the backend returns it
    aliases: list[str]
    current_stage: str | None
    status: str | None
    tags: dict[str, Any]
    description: str | None
    source: str | None
    run_id: str | None
    model_id: str | None
    creation_timestamp: int | None
    last_updated_timestamp: int | None


@dataclass(frozen=True)
class DatasetInputRecord:
    name: str
    digest: str
    source_type: str
    source: Any
    schema: Any
    profile: Any
    tags: dict[str, Any]


@dataclass(frozen=True)
class RunRecord:
    run_id: str
    run_name: str | None
    experiment_id: str
    status: str | None
    start_time: int | None
    end_time: int | None
    params: dict[str, Any]
    metrics: dict[str, Any]
    tags: dict[str, Any]
    dataset_inputs: list[DatasetInputRecord]


@dataclass(frozen=True)
class ArtifactEntry:
    """One listing entry, like MLflow's ``FileInfo``: ``path`` relative to the listed root."""

    path: str
    is_dir: bool
    file_size: int | None


class RegistryReader(Protocol):
    """The questions the ``mlflow`` collector asks, answered by the direct reader or by the MLflow client."""

    def get_registered_model(self, name: str) -> RegisteredModelRecord: ...
    def search_registered_models(self) -> list[RegisteredModelRecord]: ...
    def search_model_versions(self, name: str) -> list[Any]: ...
    def get_model_version(self, name: str, version: str) -> ModelVersionRecord: ...
    def get_model_version_download_uri(self, name: str, version: str) -> str | None: ...
    def get_run(self, run_id: str) -> RunRecord: ...
    def list_run_artifacts(self, run_id: str, path: str) -> list[ArtifactEntry]: ...
    def read_run_artifact(self, run_id: str, path: str) -> bytes: ...
    def list_artifacts_at(self, base: str, path: str) -> list[ArtifactEntry]: ...
    def read_artifact_at(self, base: str, path: str) -> bytes: ...


# --- the database ----------------------------------------------------------------------------------


def _journal_mode(db: Path) -> int:
    """The file-format write version in the SQLite header: 1 rollback journal, 2 WAL."""
    with open(db, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        raise StoreUnsupported("not an SQLite 3 database (or an empty file MLflow would initialise)")
    return head[18] if head[18] == head[19] else 2


def _plugin_overrides() -> list[str]:
    """Installed MLflow plug-ins that would replace the stores or artifact repositories read here."""
    from importlib.metadata import entry_points

    wanted = {"mlflow.tracking_store": {"sqlite"}, "mlflow.model_registry_store": {"sqlite"},
              "mlflow.artifact_repository": {"", "file"}}
    every = entry_points()  # one pass over the installed distributions (~5 ms), not one per group
    return [f"{group}:{ep.name}" for group, names in wanted.items()
            for ep in every.select(group=group) if ep.name in names]


def _workspaces_enabled() -> bool:
    # MLflow's boolean variable: "true"/"1" (any case) enables the workspace-aware stores
    return os.environ.get("MLFLOW_ENABLE_WORKSPACES", "").strip().lower() in ("true", "1")


class _Database:
    """One sqlite file, opened read-only and checked against a verified schema."""

    def __init__(self, db: Path, *, timeout: float) -> None:
        if _journal_mode(db) != 1:
            raise StoreUnsupported("the database uses WAL journal mode (reading it would create -wal/-shm files)")
        # mode=ro: never created, never written; query_only refuses writes even from a hot journal
        self.con = sqlite3.connect(db.absolute().as_uri() + "?mode=ro", uri=True, timeout=timeout)
        try:
            self.con.execute("PRAGMA query_only = ON")
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            self.con.close()
            raise StoreUnsupported(f"the schema could not be checked ({exc})") from None
        except StoreUnsupported:
            self.con.close()
            raise

    def _check_schema(self) -> None:
        tables = {r[0] for r in self.con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~'")}
        if "alembic_version" not in tables:
            raise StoreUnsupported("no alembic_version table (not an MLflow database, or one MLflow would "
                                   "initialise)")
        revs = [r[0] for r in self.con.execute("SELECT version_num FROM alembic_version")]
        if len(revs) != 1 or revs[0] not in VERIFIED_REVISIONS:
            raise StoreUnsupported(f"schema revision {', '.join(map(str, revs)) or 'none'} is not one this reader "
                                   f"was verified against ({', '.join(VERIFIED_REVISIONS)})")
        _release, want_tables, want_columns = VERIFIED_REVISIONS[revs[0]]
        if tables != want_tables:
            odd = sorted(tables ^ want_tables)
            raise StoreUnsupported(f"tables differ from revision {revs[0]}: {', '.join(odd[:5])}")
        for table, want in want_columns.items():
            have = frozenset(r[1] for r in self.con.execute(f'PRAGMA table_info("{table}")'))
            if have != want:
                raise StoreUnsupported(f"columns of {table} differ from revision {revs[0]}: "
                                       f"{', '.join(sorted(have ^ want))}")
        for table in ("experiments", "registered_models", "webhooks"):
            # MLflow refuses to open such a store unless workspaces are enabled (its store initialisation)
            if self.con.execute(f"SELECT 1 FROM {table} WHERE workspace IS NOT NULL AND workspace != ? LIMIT 1",
                                (_DEFAULT_WORKSPACE,)).fetchone():
                raise StoreUnsupported(f"{table} has rows outside the default workspace")

    def rows(self, sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, tuple(args)).fetchall()

    def close(self) -> None:
        self.con.close()


def open_sqlite_reader(tracking_db: Path, registry_db: Path, *, timeout: float) -> SqliteReader:
    """A reader over the tracking and registry databases (often the same file); StoreUnsupported if it
    cannot answer as MLflow would. The caller closes it."""
    if _workspaces_enabled():
        raise StoreUnsupported("MLFLOW_ENABLE_WORKSPACES is set (MLflow would use its workspace-aware stores)")
    plugins = _plugin_overrides()
    if plugins:
        raise StoreUnsupported(f"MLflow plug-ins replace the stores read here ({', '.join(plugins)})")
    tracking = _Database(tracking_db, timeout=timeout)
    try:
        registry = tracking if registry_db.absolute() == tracking_db.absolute() else _Database(registry_db,
                                                                                                 timeout=timeout)
    except BaseException:
        tracking.close()
        raise
    return SqliteReader(tracking, registry)


# --- artifact locations ------------------------------------------------------------------------------


def _check_name(rel: str) -> None:
    if any(c in _UNSAFE for c in rel):
        raise StoreUnsupported(f"artifact path {rel!r} has characters MLflow's URL handling may alter")


def _local_dir(uri: str) -> str:
    """The folder MLflow's LocalArtifactRepository reads for ``uri``; StoreUnsupported for anything else."""
    if any(c in _UNSAFE_IN_LOCATION for c in uri):
        raise StoreUnsupported(f"artifact location {uri!r} has characters MLflow's URL handling may alter")
    if uri.endswith("/") and uri not in ("/", "file:///"):
        raise StoreUnsupported(f"artifact location {uri!r} ends with a slash")
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme == "file":
        if parsed.netloc or not parsed.path.startswith("/"):
            raise StoreUnsupported(f"artifact location {uri!r} is not a file:/// URI of an absolute path")
        return urllib.request.url2pathname(parsed.path)
    if parsed.scheme == "" and uri.startswith("/"):
        if "%" in uri:  # MLflow would percent-decode a plain path too
            raise StoreUnsupported(f"artifact location {uri!r} has characters MLflow's URL handling may alter")
        return uri
    if parsed.scheme == "":
        raise StoreUnsupported(f"artifact location {uri!r} is relative (MLflow resolves it against the current "
                               "directory)")
    raise StoreUnsupported(f"artifact location {uri!r}: scheme '{parsed.scheme}' is not read without MLflow")


def _split_root(uri: str) -> tuple[str, str]:
    """MLflow's ``_get_root_uri_and_artifact_path`` for the locations _local_dir accepts: (parent URI, name)."""
    parsed = urllib.parse.urlparse(uri)
    name = posixpath.basename(parsed.path)
    return urllib.parse.urlunparse(parsed._replace(path=posixpath.dirname(parsed.path))), name


def _within(base: str, target: str) -> None:
    """MLflow's ``validate_path_within_directory``: ``target``, symlinks resolved, must stay inside ``base``."""
    real_base = Path(base).resolve()
    t = Path(target)
    real = t.resolve() if (t.is_symlink() or t.exists()) else t.parent.resolve() / t.name
    if not real.is_relative_to(real_base):
        raise StoreError("Invalid path: resolved path is outside the artifact directory")


def _list_local(root: str, path: str) -> list[ArtifactEntry]:
    """``LocalArtifactRepository(root).list_artifacts(path)``."""
    list_dir = os.path.join(root, os.path.normpath(path)) if path else root
    _within(root, list_dir)
    if not os.path.isdir(list_dir):
        return []
    out = []
    for name in os.listdir(list_dir):
        if name.startswith(_UPLOAD_PREFIX):
            continue
        full = os.path.join(list_dir, name)
        rel = os.path.relpath(full, root)
        # isdir/getsize follow symlinks, as MLflow's get_file_info does (a dangling link raises OSError)
        out.append(ArtifactEntry(rel, True, None) if os.path.isdir(full)
                   else ArtifactEntry(rel, False, os.path.getsize(full)))
    return sorted(out, key=lambda e: e.path)


def _read_local(root: str, name: str) -> bytes:
    """The bytes ``LocalArtifactRepository(root)._download_file(name, …)`` would copy."""
    target = os.path.join(root, os.path.normpath(name))
    _within(root, target)
    if not os.path.exists(target):
        raise StoreError(f"No such artifact: '{os.path.relpath(target, root)}'")
    with open(target, "rb") as fh:
        return fh.read()


# --- the reader ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RunLocation:
    artifact_uri: str | None
    experiment_id: int | None


class SqliteReader:
    """:class:`RegistryReader` over MLflow's sqlite schema (see the module docstring for the semantics)."""

    def __init__(self, tracking: _Database, registry: _Database) -> None:
        self._t = tracking
        self._r = registry
        self._runs: dict[str, _RunLocation] = {}

    def close(self) -> None:
        self._t.close()
        if self._r is not self._t:
            self._r.close()

    # registered models

    def _model_tags_aliases(self, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        tags = {k: v for k, v in self._r.rows(
            "SELECT key, value FROM registered_model_tags WHERE workspace = ? AND name = ?",
            (_DEFAULT_WORKSPACE, name))}
        aliases = {a: v for a, v in self._r.rows(
            "SELECT alias, version FROM registered_model_aliases WHERE workspace = ? AND name = ?",
            (_DEFAULT_WORKSPACE, name))}
        return tags, aliases

    def _model(self, row: tuple[Any, ...]) -> RegisteredModelRecord:
        name, created, updated, description = row
        tags, aliases = self._model_tags_aliases(name)
        return RegisteredModelRecord(name=name, description=description, tags=tags, aliases=aliases,
                                     creation_timestamp=created, last_updated_timestamp=updated)

    def get_registered_model(self, name: str) -> RegisteredModelRecord:
        _validate_model_name(name)
        rows = self._r.rows("SELECT name, creation_time, last_updated_time, description FROM registered_models "
                            "WHERE workspace = ? AND name = ?", (_DEFAULT_WORKSPACE, name))
        if not rows:
            raise StoreError(f"Registered Model with name={name} not found")
        model = self._model(rows[0])
        if _PROMPT_TAG in model.tags:  # MlflowClient.get_registered_model hides prompts
            raise StoreError(f"Registered Model with name={name!r} not found.")
        return model

    def search_registered_models(self) -> list[RegisteredModelRecord]:
        rows = self._r.rows(
            "SELECT rm.name, rm.creation_time, rm.last_updated_time, rm.description FROM registered_models rm "
            "WHERE rm.workspace = ? AND NOT EXISTS (SELECT 1 FROM registered_model_tags t WHERE "
            "t.workspace = rm.workspace AND t.name = rm.name AND t.key = ? AND t.value = 'true') "
            "ORDER BY rm.name ASC LIMIT ?", (_DEFAULT_WORKSPACE, _PROMPT_TAG, _MAX_MODELS))
        return [self._model(r) for r in rows]

    # versions

    def search_model_versions(self, name: str) -> list[Any]:
        if any(c in _UNSAFE for c in name):  # the client quotes the name into a filter string
            raise StoreUnsupported(f"model name {name!r} would be altered in MLflow's filter string")
        rows = self._r.rows(
            "SELECT mv.version FROM model_versions mv WHERE mv.name = ? AND mv.workspace = ? "
            "AND mv.current_stage != ? AND NOT EXISTS (SELECT 1 FROM model_version_tags t WHERE "
            "t.workspace = mv.workspace AND t.name = mv.name AND t.key = ? AND t.value = 'true') "
            "ORDER BY mv.last_updated_time DESC, mv.name ASC, mv.version DESC LIMIT ?",
            (name, _DEFAULT_WORKSPACE, _DELETED_STAGE, _PROMPT_TAG, _MAX_VERSIONS))
        return [r[0] for r in rows]

    def _version_row(self, name: str, version: str) -> tuple[Any, ...]:
        _validate_model_name(name)
        try:
            number = int(version)
        except ValueError:
            raise StoreError(f"Parameter 'version' must be an integer, got '{version}'.") from None
        rows = self._r.rows(
            "SELECT name, version, creation_time, last_updated_time, description, current_stage, source, "
            "run_id, status, storage_location FROM model_versions WHERE workspace = ? AND name = ? AND version = ? "
            "AND current_stage != ?", (_DEFAULT_WORKSPACE, name, number, _DELETED_STAGE))
        if not rows:
            raise StoreError(f"Model Version (name={name}, version={version}) not found")
        return rows[0]

    def get_model_version(self, name: str, version: str) -> ModelVersionRecord:
        (mname, number, created, updated, description, stage, source, run_id, status,
         _storage) = self._version_row(name, version)
        tags = {k: v for k, v in self._r.rows(
            "SELECT key, value FROM model_version_tags WHERE workspace = ? AND name = ? AND version = ?",
            (_DEFAULT_WORKSPACE, mname, number))}
        if _PROMPT_TAG in tags:  # MlflowClient.get_model_version hides prompt versions
            raise StoreError(f"Registered Model with name={name!r} not found.")
        aliases = [a for (a,) in self._r.rows(
            "SELECT alias FROM registered_model_aliases WHERE workspace = ? AND name = ? AND version = ?",
            (_DEFAULT_WORKSPACE, mname, number))]
        # model_id: the SQL store's ModelVersion entity never carries it
        return ModelVersionRecord(name=mname, version=number, aliases=aliases, current_stage=stage, status=status,
                                  tags=tags, description=description, source=source, run_id=run_id, model_id=None,
                                  creation_timestamp=created, last_updated_timestamp=updated)

    def get_model_version_download_uri(self, name: str, version: str) -> str | None:
        self.get_registered_model(name)  # the client refuses prompts first (_raise_if_prompt)
        row = self._version_row(name, version)
        storage, source = row[9], row[6]
        return storage or source  # type: ignore[no-any-return]

    # runs

    def get_run(self, run_id: str) -> RunRecord:
        rows = self._t.rows("SELECT run_uuid, name, experiment_id, status, start_time, end_time, artifact_uri "
                            "FROM runs WHERE run_uuid = ?", (run_id,))
        if not rows:
            raise StoreError(f"Run with id={run_id} not found")
        uuid, name, experiment_id, status, start, end, artifact_uri = rows[0]
        self._runs[run_id] = _RunLocation(artifact_uri, experiment_id)
        tags = {k: v for k, v in self._t.rows("SELECT key, value FROM tags WHERE run_uuid = ?", (uuid,))}
        params = {k: v for k, v in self._t.rows("SELECT key, value FROM params WHERE run_uuid = ?", (uuid,))}
        metrics = {k: (float("nan") if is_nan else v) for k, v, is_nan in self._t.rows(
            "SELECT key, value, is_nan FROM latest_metrics WHERE run_uuid = ?", (uuid,))}
        run_name = name if name else (tags.get(_RUN_NAME_TAG) or name)  # RunInfo falls back to the tag
        return RunRecord(run_id=uuid, run_name=run_name, experiment_id=str(experiment_id),
                         status=status, start_time=start, end_time=end, params=params, metrics=metrics, tags=tags,
                         dataset_inputs=self._inputs(uuid))

    def _inputs(self, run_id: str) -> list[DatasetInputRecord]:
        # grouped by dataset, first appearance first; tags in row order (SqlAlchemyStore._get_run_inputs)
        grouped: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
        for row in self._t.rows(_RUN_INPUTS_SQL, ("RUN", run_id)):
            dataset_uuid = row[2]
            entry = grouped.setdefault(dataset_uuid, (row, {}))
            if row[10] is not None or row[11] is not None:  # the outer-joined tag row exists
                entry[1][row[11]] = row[12]
        return [DatasetInputRecord(name=r[4], digest=r[5], source_type=r[6], source=r[7], schema=r[8],
                                   profile=r[9], tags=tags) for r, tags in grouped.values()]

    def _run_location(self, run_id: str) -> _RunLocation:
        if run_id not in self._runs:
            self.get_run(run_id)
        return self._runs[run_id]

    def _refuse_logged_model(self, run_id: str, rel: str) -> None:
        """MLflow 3 lists and downloads ``runs:/<run>/<name>/…`` together with the artifacts of a logged model
        called ``<name>`` from that run, which it finds through the process-wide tracking URI: not this reader's
        answer to give."""
        loc = self._run_location(run_id)
        first = rel.split("/", 1)[0]
        if loc.experiment_id is None:
            raise StoreUnsupported(f"run {run_id} has no experiment")
        if self._t.rows("SELECT 1 FROM logged_models WHERE lifecycle_stage != 'deleted' AND experiment_id = ? "
                        "AND name = ? AND source_run_id = ? LIMIT 1", (loc.experiment_id, first, run_id)):
            raise StoreUnsupported(f"run {run_id} has a logged model named {first!r}, whose artifacts MLflow "
                                   "merges into that folder through the process-wide tracking URI")

    def _run_root(self, run_id: str) -> str:
        uri = self._run_location(run_id).artifact_uri
        if not uri:
            raise StoreUnsupported(f"run {run_id} records no artifact location")
        return _local_dir(uri)

    def list_run_artifacts(self, run_id: str, path: str) -> list[ArtifactEntry]:
        root = self._run_root(run_id)
        if path:  # below the root the client goes through runs:/<run>/<path> (RunsArtifactRepository)
            _check_name(path)
            self._refuse_logged_model(run_id, path)
        entries = _list_local(root, path)
        for e in entries:
            _check_name(e.path)
        return entries

    def read_run_artifact(self, run_id: str, path: str) -> bytes:
        root = self._run_root(run_id)
        _check_name(path)
        self._refuse_logged_model(run_id, path)
        parent, name = posixpath.split(path)
        try:  # runs:/<run>/<parent> is a repository rooted at the file's folder
            return _read_local(os.path.join(root, parent) if parent else root, name)
        except (StoreError, OSError):
            raise StoreError(f"Failed to download artifacts from path {name!r}, please ensure that the path is "
                             "correct.") from None

    # artifacts under an absolute location (a model version's download URI)

    def list_artifacts_at(self, base: str, path: str) -> list[ArtifactEntry]:
        """``mlflow.artifacts.list_artifacts(artifact_uri=f"{base}/{path}" if path else base)``."""
        parent, name = self._located(base, path)
        entries = _list_local(parent, name)
        for e in entries:
            _check_name(e.path)
        return entries

    def read_artifact_at(self, base: str, path: str) -> bytes:
        """``mlflow.artifacts.download_artifacts(artifact_uri=f"{base}/{path}")``, read in place."""
        parent, name = self._located(base, path)
        return _read_local(parent, name)

    @staticmethod
    def _located(base: str, path: str) -> tuple[str, str]:
        # MLflow splits the full URI into (parent folder, last name) and reads the name inside that folder
        _local_dir(base)
        if path:
            _check_name(path)
        parent, name = _split_root(f"{base}/{path}" if path else base)
        return _local_dir(parent), name


def _validate_model_name(name: str) -> None:
    """MLflow's ``_validate_model_name`` (same messages)."""
    if name is None or name.strip() == "":
        raise StoreError("Missing value for required parameter 'name'.")
    if "/" in name or ":" in name:
        raise StoreError(f"Invalid model name '{name}'. Names cannot contain '/' or ':'.")
    norm = posixpath.normpath(name)
    if norm != name or norm == "." or norm.startswith("..") or norm.startswith("/"):
        raise StoreError(f"Invalid value {json.dumps(name)} for parameter 'name' supplied: Names may be treated "
                         "as files in certain cases, and must not resolve to other names when treated as such. "
                         f"This name would resolve to {norm!r}")
