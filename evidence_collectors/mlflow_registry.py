"""Collector ``mlflow``: registered models and versions from a real MLflow model registry.

For each registered model (all, or those named in ``models``): a ``model`` item; for each of its
newest ``max_versions`` versions a ``model_version`` item with aliases, stage, tags, the source run's
params and metrics, dataset inputs (lineage), the logged artifacts (path, size, sha256), the model
signature and requirements; a ``dataset`` item per dataset input; a ``metric`` item per run metric;
and the model card (an artifact named like ``card_artifacts``) as ``model_card`` + sections.

Tracking URIs: ``http(s)://…`` (an MLflow server), ``sqlite:///relative.db`` or ``sqlite:////abs.db``,
and a local folder (MLflow file store). Relative paths are resolved against the workspace; a missing
database or folder is an error (MLflow would silently create an empty one).

Two ways to read, one result. A ``sqlite:///`` store (tracking and registry) is read directly, without
importing MLflow (:mod:`._mlflow_store`: read-only, MLflow 3.17.2's answers, a verified schema only);
tracking servers and folder stores go through ``MlflowClient``, imported only here, inside ``collect``.
Option ``reader``: ``auto`` (default) reads sqlite stores directly and falls back to the client whenever
the direct reader cannot answer exactly as the client would (another schema revision, a WAL database,
an artifact location that is not a local folder such as ``s3:`` or ``runs:``, …); ``direct`` never
imports MLflow and reports those cases as errors instead; ``client`` always uses MLflow.

The raw bytes stored for a model or version are the canonical JSON of what the registry returned
(plus artifact hashes), so a change in the registry is a new blob.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from ..engine.canonical import canonical_bytes
from ..engine.errors import EvidenceError
from ..engine.quiet import quiet_loggers
from ._docitems import SYSTEM_NODE
from ._mlflow_store import (
    ArtifactEntry,
    DatasetInputRecord,
    ModelVersionRecord,
    RegisteredModelRecord,
    RegistryReader,
    RunRecord,
    StoreError,
    StoreUnsupported,
    open_sqlite_reader,
)
from .base import Blob, CollectContext, Collected, SourceOptions, edge, jsonable
from .model_cards import card_items

__all__ = ["MlflowCollector", "MlflowOptions"]

VERSION = "1.0.0"
_TRAIN = {"training", "train", "training_data"}
_EVAL = {"evaluation", "eval", "test", "testing", "validation", "val"}


class MlflowOptions(SourceOptions):
    tracking_uri: str = Field(description="http(s)://host:port, sqlite:///file.db, or a local folder")
    registry_uri: str | None = None
    models: list[str] = Field(default_factory=list, description="registered model names; empty = all")
    max_versions: int = Field(default=20, ge=1, le=10000)
    deployed_aliases: list[str] = Field(default_factory=lambda: ["champion", "production", "prod"])
    deployed_stages: list[str] = Field(default_factory=lambda: ["Production"])
    card_artifacts: list[str] = Field(default_factory=lambda: ["model_card.md", "MODEL_CARD.md", "README.md",
                                                               "*/model_card.md", "*/README.md"])
    max_artifact_bytes: int = Field(default=10_000_000, gt=0)
    max_artifacts: int = Field(default=500, gt=0)
    timeout_seconds: float = Field(default=10.0, gt=0)
    excerpt_chars: int = Field(default=400, ge=0, le=10000)
    reader: Literal["auto", "direct", "client"] = Field(
        default="auto", description="auto: sqlite stores without importing MLflow, falling back to the MLflow "
        "client when that reader cannot answer exactly as the client would; direct: never the client (such "
        "cases are errors); client: always MlflowClient")


def _ms(ts: int | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts / 1000.0, dt.UTC).isoformat().replace("+00:00", "Z")


def _sanitise(uri: str) -> str:
    return re.sub(r"//[^/@]*@", "//", uri)  # drop user:password@ from URLs


def _resolve_uri(raw: str, ctx: CollectContext, option: str) -> tuple[str, str]:
    """(URI MLflow should use, the URI shown in provenance)."""
    shown = _sanitise(raw)
    if raw.startswith(("http://", "https://")):
        return raw, shown
    if raw.startswith("sqlite:///"):
        rest = raw[len("sqlite:///"):]
        path = Path(rest) if rest.startswith("/") else ctx.resolve(rest, option=option)
        if not path.is_file():
            raise EvidenceError("MLflow sqlite database not found", where=f"{shown} ({path})",
                                hint="check tracking_uri; MLflow would otherwise create an empty registry")
        return f"sqlite:///{path}", shown
    if raw.startswith("file:"):
        path = Path(raw[len("file://"):] if raw.startswith("file://") else raw[len("file:"):])
    elif "://" in raw:
        raise EvidenceError("unsupported MLflow tracking URI scheme", where=shown,
                            hint="use http(s)://…, sqlite:///… or a local folder")
    else:
        path = ctx.resolve(raw, option=option)
    if not path.is_dir():
        raise EvidenceError("MLflow store folder not found", where=f"{shown} ({path})",
                            hint="check tracking_uri")
    return path.resolve().as_uri(), shown


def _check_http(uri: str, shown: str, timeout: float) -> None:
    last: Exception | None = None
    for suffix in ("/health", "/api/2.0/mlflow/registered-models/search?max_results=1"):
        try:
            with urllib.request.urlopen(uri.rstrip("/") + suffix, timeout=timeout) as resp:  # noqa: S310
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500 and exc.code != 404:
                return
            last = exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = exc
    reason = getattr(last, "reason", last)
    raise EvidenceError(f"MLflow tracking server unreachable ({reason})", where=shown,
                        hint="check the URL and that the server is running, or collect with --offline")


@contextlib.contextmanager
def _quiet_mlflow(timeout: float) -> Iterator[None]:
    """MLflow's process-wide settings for one collection: no retries, the timeout, quiet loggers. The
    tracking and registry URI variables are saved and restored here too: _pinned_store sets them (through
    MLflow) while the client collects."""
    keys = ("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "MLFLOW_HTTP_REQUEST_TIMEOUT", "MLFLOW_TRACKING_URI",
            "MLFLOW_REGISTRY_URI")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"
    os.environ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = str(int(max(1, timeout)))
    try:
        with quiet_loggers(("mlflow", "alembic", "alembic.runtime.migration")):
            yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def _pinned_store(tracking: str, registry: str) -> Iterator[None]:
    """The configured store as MLflow's process-wide tracking and registry URI while the client collects.

    MLflow resolves ``runs:/…`` and ``models:/…`` version sources through the process-wide URI, not the
    client's, and would otherwise look in ``./mlruns`` or create ``./mlflow.db`` in the current folder. A
    URI set earlier in the process (e.g. by a host application) wins over the environment, so it is set
    through MLflow; the previous settings are put back afterwards (the variables by _quiet_mlflow)."""
    import mlflow
    from mlflow.tracking._model_registry import utils as registry_utils
    from mlflow.tracking._tracking_service import utils as tracking_utils

    old_tracking = getattr(tracking_utils, "_tracking_uri", None)
    old_registry = getattr(registry_utils, "_registry_uri", None)
    mlflow.set_tracking_uri(tracking)
    mlflow.set_registry_uri(registry)
    try:
        yield
    finally:
        mlflow.set_tracking_uri(old_tracking)  # None clears it (and its environment variable)
        registry_utils._registry_uri = old_registry  # set_registry_uri(None) would leave the variable set


def _json_or_str(s: Any) -> Any:
    if isinstance(s, str):
        try:
            return json.loads(s)
        except ValueError:
            return s
    return s


class MlflowCollector:
    name = "mlflow"
    version = VERSION
    Options = MlflowOptions

    def fingerprint(self, options: MlflowOptions, ctx: CollectContext) -> str | None:
        """For a local store (sqlite file or folder): a digest of the database bytes and of the files beside
        it (artifact roots), so an unchanged registry is not re-read and MLflow is not even imported.
        A tracking server has no such digest (None: always collected)."""
        raw = options.tracking_uri
        if raw.startswith(("http://", "https://")) or (options.registry_uri or "").startswith(("http://", "https://")):
            return None
        tracking, _ = _resolve_uri(raw, ctx, "tracking_uri")
        if tracking.startswith("sqlite:///"):
            db = Path(tracking[len("sqlite:///"):])
            h = hashlib.sha256(db.read_bytes())
            folder = db.parent
        else:
            h = hashlib.sha256()
            folder = Path(urllib.request.url2pathname(tracking[len("file://"):]))
        count = 0
        for f in sorted(folder.rglob("*")):
            if f.is_file() and not f.is_symlink():
                st = f.stat()
                h.update(f"{f.relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
                count += 1
                if count > 50_000:
                    return None  # too large to fingerprint cheaply: collect
        return h.hexdigest()

    def collect(self, options: MlflowOptions, ctx: CollectContext) -> list[Collected]:
        tracking, shown = _resolve_uri(options.tracking_uri, ctx, "tracking_uri")
        registry, _ = (_resolve_uri(options.registry_uri, ctx, "registry_uri") if options.registry_uri
                       else (tracking, shown))
        if options.reader != "client":
            direct = self._collect_direct(tracking, registry, options, ctx, shown)
            if direct is not None:
                return direct
        if tracking.startswith("http"):
            _check_http(tracking, shown, options.timeout_seconds)
        with _quiet_mlflow(options.timeout_seconds):
            try:
                import mlflow  # noqa: F401  (lazy: only when an MLflow source is collected)
                from mlflow.exceptions import MlflowException
                from mlflow.tracking import MlflowClient
            except ImportError:
                raise EvidenceError("the mlflow package is not installed", where=shown,
                                    hint="pip install 'aiconform[mlflow]'") from None
            try:
                with _pinned_store(tracking, registry):
                    client = MlflowClient(tracking_uri=tracking, registry_uri=registry)
                    return self._collect(_ClientReader(client), options, ctx, shown)
            except MlflowException as exc:
                raise EvidenceError(f"MLflow registry could not be read ({exc.message[:300]})", where=shown,
                                    hint="check tracking_uri and model names") from None
            except OSError as exc:
                raise EvidenceError(f"MLflow registry could not be read ({exc})", where=shown) from None

    def _collect_direct(self, tracking: str, registry: str, o: MlflowOptions, ctx: CollectContext,
                        shown: str) -> list[Collected] | None:
        """The items read without MLflow, or None when the client must answer instead (reader: auto)."""
        if not (tracking.startswith("sqlite:///") and registry.startswith("sqlite:///")):
            if o.reader == "direct":
                raise EvidenceError("reader: direct reads sqlite:/// stores only", where=shown,
                                    hint="use reader: auto (or client) for a tracking server or a folder store")
            return None
        try:
            reader = open_sqlite_reader(Path(tracking[len("sqlite:///"):]), Path(registry[len("sqlite:///"):]),
                                        timeout=o.timeout_seconds)
            try:
                return self._collect(reader, o, ctx, shown)
            finally:
                reader.close()
        except StoreUnsupported as exc:
            if o.reader == "direct":
                raise EvidenceError(f"MLflow store cannot be read without the MLflow client ({exc.reason})",
                                    where=shown,
                                    hint="use reader: auto to fall back to the MLflow client") from None
            return None  # nothing was written or kept: the client starts afresh
        except StoreError as exc:
            raise EvidenceError(f"MLflow registry could not be read ({exc.message[:300]})", where=shown,
                                hint="check tracking_uri and model names") from None
        except (sqlite3.Error, OSError) as exc:
            raise EvidenceError(f"MLflow registry could not be read ({exc})", where=shown,
                                hint="check that the database and the artifact folders it records are readable") from None

    def _collect(self, src: RegistryReader, o: MlflowOptions, ctx: CollectContext, shown: str) -> list[Collected]:
        if o.models:
            models = [src.get_registered_model(n) for n in o.models]
        else:
            models = sorted(src.search_registered_models(), key=lambda m: m.name)
        out: list[Collected] = []
        datasets: dict[tuple[str, str], dict[str, Any]] = {}
        for mi, rm in enumerate(models):
            versions = sorted(src.search_model_versions(rm.name), key=int, reverse=True)[: o.max_versions]
            aliases = {str(k): str(v) for k, v in sorted(rm.aliases.items())}
            model_node = f"model:{rm.name}"
            m_attrs = {
                "name": rm.name, "description": rm.description, "tags": dict(sorted(rm.tags.items())),
                "aliases": aliases, "version_count": len(versions),
                "latest_version": versions[0] if versions else None,
                "versions": [str(v) for v in versions],
                "creation_timestamp": _ms(rm.creation_timestamp),
                "last_updated_timestamp": _ms(rm.last_updated_timestamp),
            }
            m_attrs = jsonable(m_attrs)
            mid = f"mlflow:models/{rm.name}"
            out.append(Collected(id=mid, kind="model", blob=Blob.of_bytes(canonical_bytes(m_attrs)),
                                 source_uri=f"{shown}#models/{rm.name}", title=rm.name, attributes=m_attrs,
                                 node_type="model", node=model_node, edges=(edge(model_node, SYSTEM_NODE, "part_of"),)))
            for v in versions:
                out.extend(self._version(src, rm.name, str(v), aliases, o, shown, datasets))
            ctx.report(mi + 1, len(models))
        for (name, digest), d in sorted(datasets.items()):
            attrs = jsonable(d)
            out.append(Collected(id=f"mlflow:datasets/{name}/{digest}", kind="dataset",
                                 blob=Blob.of_bytes(canonical_bytes(attrs)), source_uri=f"{shown}#datasets/{name}",
                                 title=name, attributes=attrs, node_type="dataset", node=f"dataset:{name}"))
        return out

    def _version(self, src: RegistryReader, name: str, version: str, aliases: dict[str, str], o: MlflowOptions,
                 shown: str, datasets: dict[tuple[str, str], dict[str, Any]]) -> list[Collected]:
        mv = src.get_model_version(name, version)
        vid = f"mlflow:models/{name}/versions/{version}"
        node = f"model_version:{name}/{version}"
        uri = f"{shown}#models/{name}/versions/{version}"
        run_attrs: dict[str, Any] | None = None
        inputs: list[dict[str, Any]] = []
        run_artifacts: list[dict[str, Any]] = []
        cards: list[tuple[str, bytes, str]] = []  # (artifact path, bytes, where)
        if mv.run_id:
            run_id = mv.run_id
            run = src.get_run(run_id)
            run_attrs = {
                "id": run.run_id, "name": run.run_name, "experiment_id": run.experiment_id,
                "status": run.status, "start_time": _ms(run.start_time), "end_time": _ms(run.end_time),
                "params": dict(sorted(run.params.items())), "metrics": dict(sorted(run.metrics.items())),
                "tags": {k: v for k, v in sorted(run.tags.items())
                         if not k.startswith("mlflow.") or k in ("mlflow.user", "mlflow.source.name",
                                                                 "mlflow.source.git.commit", "mlflow.source.type")},
            }
            for di in run.dataset_inputs:
                context = di.tags.get("mlflow.data.context")
                rec = {"name": di.name, "digest": di.digest, "source_type": di.source_type,
                       "source": _json_or_str(di.source), "schema": _json_or_str(di.schema),
                       "profile": _json_or_str(di.profile), "context": context}
                inputs.append(rec)
                entry = datasets.setdefault((di.name, di.digest), {**{k: rec[k] for k in rec if k != "context"},
                                                                   "contexts": [], "used_by": []})
                if context and context not in entry["contexts"]:
                    entry["contexts"] = sorted([*entry["contexts"], context])
                entry["used_by"] = sorted({*entry["used_by"], node})
            run_artifacts = self._list(lambda p: src.list_run_artifacts(run_id, p), o)
            for a in run_artifacts:
                if self._is_card(a["path"], o) and a["size"] is not None and a["size"] <= o.max_artifact_bytes:
                    data = src.read_run_artifact(run_id, a["path"])
                    a["sha256"] = Blob.of_bytes(data).sha256
                    cards.append((a["path"], data, "run"))
        model_artifacts: list[dict[str, Any]] = []
        signature: Any = None
        requirements: list[str] = []
        try:
            base = src.get_model_version_download_uri(name, version)
        except StoreUnsupported:
            raise
        except Exception:
            base = None
        if base:
            root = base
            model_artifacts = self._list(lambda p: src.list_artifacts_at(root, p), o)
            for a in model_artifacts:
                if a["size"] is None or a["size"] > o.max_artifact_bytes:
                    continue  # listed with its size; too large to fetch and hash
                data = src.read_artifact_at(root, a["path"])
                a["sha256"] = Blob.of_bytes(data).sha256
                if a["path"] == "MLmodel":
                    import yaml

                    try:
                        ml = yaml.safe_load(data.decode("utf-8", errors="replace")) or {}
                        sig = ml.get("signature") if isinstance(ml, dict) else None
                        if isinstance(sig, dict):
                            signature = {k: _json_or_str(v) for k, v in sorted(sig.items())}
                    except Exception:
                        signature = None
                elif a["path"] == "requirements.txt":
                    requirements = [ln.strip() for ln in data.decode("utf-8", errors="replace").splitlines()
                                    if ln.strip() and not ln.strip().startswith("#")]
                elif self._is_card(a["path"], o):
                    cards.append((a["path"], data, "model"))
        v_aliases = sorted(set(mv.aliases) | {a for a, ver in aliases.items() if ver == version})
        deployed = bool(set(v_aliases) & set(o.deployed_aliases)) or (mv.current_stage in o.deployed_stages)
        attrs = jsonable({
            "name": name, "version": version, "aliases": v_aliases, "stage": mv.current_stage, "status": mv.status,
            "tags": dict(sorted(mv.tags.items())), "description": mv.description, "source": mv.source,
            "run_id": mv.run_id, "model_id": mv.model_id,
            "creation_timestamp": _ms(mv.creation_timestamp), "last_updated_timestamp": _ms(mv.last_updated_timestamp),
            "run": run_attrs, "dataset_inputs": inputs,
            "artifacts": model_artifacts, "run_artifacts": run_artifacts,
            "signature": signature, "requirements": requirements,
            "model_card": None, "deployed": deployed,
        })
        card_ids = []
        for path, _data, where in cards:
            card_ids.append(f"{vid}/{'artifacts' if where == 'model' else 'run_artifacts'}/{path}")
        attrs["model_card"] = card_ids[0] if card_ids else None
        edges = [edge(node, f"model:{name}", "version_of")]
        for d in inputs:
            ctxt = (d["context"] or "").lower()
            etype = "evaluated_on" if ctxt in _EVAL else "trained_on"
            edges.append(edge(node, f"dataset:{d['name']}", etype))
        if deployed:
            edges.append(edge(SYSTEM_NODE, node, "deployed_as"))
        out = [Collected(id=vid, kind="model_version", blob=Blob.of_bytes(canonical_bytes(attrs)), source_uri=uri,
                         title=f"{name} v{version}", attributes=attrs, node_type="model_version", node=node,
                         edges=tuple(edges))]
        for key, value in (run_attrs or {}).get("metrics", {}).items():
            mid = f"{vid}/metrics/{key}"
            m = jsonable({"name": key, "value": value, "model": name, "version": version, "run_id": mv.run_id,
                          "source": "mlflow"})
            out.append(Collected(id=mid, kind="metric", blob=out[0].blob, source_uri=uri, title=f"{key} of {name} v"
                                 f"{version}", attributes=m, node_type="metric", edges=(edge(mid, node, "part_of"),)))
        for cid, (path, data, _where) in zip(card_ids, cards, strict=True):
            out.extend(card_items(doc_id=cid, data=data, blob=Blob.of_bytes(data), uri=f"{uri}/artifacts/{path}",
                                  filename=Path(path).name, configured_kind="model_card",
                                  excerpt_chars=o.excerpt_chars, model_node=node))
        return out

    @staticmethod
    def _is_card(path: str, o: MlflowOptions) -> bool:
        return any(fnmatch.fnmatch(path, g) for g in o.card_artifacts)

    @staticmethod
    def _list(lister: Callable[[str], list[ArtifactEntry]], o: MlflowOptions) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        todo = [""]
        while todo and len(out) < o.max_artifacts:
            p = todo.pop(0)
            for fi in sorted(lister(p) or [], key=lambda f: f.path):
                # listings are relative to different roots depending on the artifact repository: rebuild
                # each path from the folder asked for and the entry's own name
                rel = f"{p}/{fi.path.rstrip('/').rsplit('/', 1)[-1]}" if p else fi.path.rstrip("/").rsplit("/", 1)[-1]
                if fi.is_dir:
                    todo.append(rel)
                else:
                    out.append({"path": rel, "size": fi.file_size, "sha256": None})
        return sorted(out, key=lambda a: a["path"])[: o.max_artifacts]


def _download(fetch: Callable[[str], str]) -> bytes:
    """fetch(destination folder) -> local path; the bytes, the copy removed."""
    with tempfile.TemporaryDirectory(prefix="aiconform-mlflow-") as d:
        return Path(fetch(d)).read_bytes()


class _ClientReader:
    """:class:`RegistryReader` over ``MlflowClient`` and ``mlflow.artifacts`` (tracking servers, folder stores,
    and sqlite stores the direct reader leaves to MLflow). Values are passed on as MLflow returns them."""

    def __init__(self, client: Any) -> None:
        self._c = client

    @staticmethod
    def _model(rm: Any) -> RegisteredModelRecord:
        return RegisteredModelRecord(name=rm.name, description=rm.description, tags=dict(rm.tags or {}),
                                     aliases=dict(rm.aliases or {}), creation_timestamp=rm.creation_timestamp,
                                     last_updated_timestamp=rm.last_updated_timestamp)

    def get_registered_model(self, name: str) -> RegisteredModelRecord:
        return self._model(self._c.get_registered_model(name))

    def search_registered_models(self) -> list[RegisteredModelRecord]:
        return [self._model(rm) for rm in self._c.search_registered_models(max_results=1000)]

    def search_model_versions(self, name: str) -> list[Any]:
        return [v.version for v in self._c.search_model_versions(f"name='{name}'")]

    def get_model_version(self, name: str, version: str) -> ModelVersionRecord:
        mv = self._c.get_model_version(name, version)
        return ModelVersionRecord(
            name=mv.name, version=mv.version, aliases=list(getattr(mv, "aliases", None) or []),
            current_stage=mv.current_stage, status=mv.status, tags=dict(mv.tags or {}), description=mv.description,
            source=mv.source, run_id=mv.run_id, model_id=getattr(mv, "model_id", None),
            creation_timestamp=mv.creation_timestamp, last_updated_timestamp=mv.last_updated_timestamp)

    def get_model_version_download_uri(self, name: str, version: str) -> str | None:
        return self._c.get_model_version_download_uri(name, version)  # type: ignore[no-any-return]

    def get_run(self, run_id: str) -> RunRecord:
        run = self._c.get_run(run_id)
        inputs = [DatasetInputRecord(name=di.dataset.name, digest=di.dataset.digest,
                                     source_type=di.dataset.source_type, source=di.dataset.source,
                                     schema=di.dataset.schema, profile=di.dataset.profile,
                                     tags={t.key: t.value for t in (di.tags or [])})
                  for di in (run.inputs.dataset_inputs if run.inputs else [])]
        return RunRecord(run_id=run.info.run_id, run_name=run.info.run_name, experiment_id=run.info.experiment_id,
                         status=run.info.status, start_time=run.info.start_time, end_time=run.info.end_time,
                         params=dict(run.data.params), metrics=dict(run.data.metrics), tags=dict(run.data.tags),
                         dataset_inputs=inputs)

    @staticmethod
    def _entries(infos: Any) -> list[ArtifactEntry]:
        return [ArtifactEntry(f.path, f.is_dir, f.file_size) for f in infos or []]

    def list_run_artifacts(self, run_id: str, path: str) -> list[ArtifactEntry]:
        return self._entries(self._c.list_artifacts(run_id, path))

    def read_run_artifact(self, run_id: str, path: str) -> bytes:
        return _download(lambda d: self._c.download_artifacts(run_id, path, d))  # type: ignore[no-any-return]

    def list_artifacts_at(self, base: str, path: str) -> list[ArtifactEntry]:
        from mlflow import artifacts as mla

        return self._entries(mla.list_artifacts(artifact_uri=f"{base}/{path}" if path else base))

    def read_artifact_at(self, base: str, path: str) -> bytes:
        from mlflow import artifacts as mla

        return _download(lambda d: mla.download_artifacts(artifact_uri=f"{base}/{path}", dst_path=d))
