"""A loaded policy engine and bundle, reusable across systems.

Kept apart from the pipeline (and its models) so that a command can start the engine, whose
compilation then runs on a background thread, before it imports anything else.

:func:`prestart` goes one step earlier for ``gate`` and ``check``: before the workspace is validated
(pydantic and the models cost 0.1-0.2 s to import) it reads only ``engine`` and ``policies`` from
``aiconform.yaml`` and starts compiling exactly the bundle :class:`Evaluator` would load. The Evaluator
adopts that bundle and engine when the validated workspace names the same policy folders and the
embedded engine (no second read of the folders), and discards them otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .bundle import PolicyBundle, load_bundle
from .policy_engine import PolicyEngine, make_engine

if TYPE_CHECKING:
    from .config import Workspace

__all__ = ["Evaluator", "prestart", "discard_prestarted"]


class _Prestarted(NamedTuple):
    key: tuple[Path, str | None, int | None]  # (workspace file, engine kind asked for, shards)
    dirs: tuple[Path, ...]  # the workspace's policy folders, resolved
    bundle: PolicyBundle
    engine: PolicyEngine


# what prestart() started, waiting to be adopted
_prestarted: _Prestarted | None = None


def prestart(workspace: Path, engine_kind: str | None = None, shards: int | None = None) -> None:
    """Start compiling the workspace's bundle on the embedded engine, if the configuration says it is
    the embedded one; silently does nothing on anything unexpected (the regular path reports it).
    ``shards`` as for :class:`Evaluator`."""
    global _prestarted
    try:
        from .yamlsafe import safe_load

        file = workspace / "aiconform.yaml" if workspace.is_dir() else workspace
        key = (file.resolve(), engine_kind, shards)
        if _prestarted is not None and _prestarted.key == key:
            return  # started already (the launcher starts it before click is imported)
        raw = safe_load(file.read_text(encoding="utf-8"))
        engine = raw.get("engine") or {}
        kind = engine_kind or (engine.get("kind", "embedded") if isinstance(engine, dict) else None)
        policies = raw.get("policies") or []
        if kind != "embedded" or not isinstance(policies, list) or not all(isinstance(p, str) for p in policies):
            return
        root = file.parent.resolve()
        dirs = tuple((root / p).resolve() for p in policies)
        if not all(d.is_dir() for d in dirs):
            return
        bundle = load_bundle(list(dirs), data_overrides=None)
        eng = make_engine("embedded", shards=shards)
        eng.load(bundle, background=True)  # type: ignore[call-arg]
    except Exception:  # noqa: BLE001 - a guess; the Evaluator does the real, reported work
        return
    discard_prestarted()
    _prestarted = _Prestarted(key, dirs, bundle, eng)


def discard_prestarted() -> None:
    """Close an engine prestart() started and nobody adopted."""
    global _prestarted
    if _prestarted is not None:
        _prestarted.engine.close()
        _prestarted = None


def _adopt(dirs: Sequence[Path], shards: int | None) -> tuple[PolicyBundle, PolicyEngine] | None:
    """The prestarted bundle and engine when they were loaded from these very folders, spread over the
    same shards (else closed)."""
    global _prestarted
    pre, _prestarted = _prestarted, None
    if pre is None:
        return None
    if pre.dirs == tuple(Path(d).resolve() for d in dirs) and pre.key[2] == shards:
        return pre.bundle, pre.engine
    pre.engine.close()
    return None


class Evaluator:
    """A loaded engine + bundle, reusable across systems (portfolio workers keep one)."""

    def __init__(self, ws: Workspace | None = None, *, engine_kind: str | None = None,
                 extra_policy_dirs: Sequence[Path] = (), engine: PolicyEngine | None = None,
                 bundle: PolicyBundle | None = None, shards: int | None = None) -> None:
        """``shards``: for the embedded engine, how many engines to spread the packages over (None: the
        ``AICONFORM_ENGINE_SHARDS`` setting, 1 when unset, see :mod:`.policy_engine.sharded`; a portfolio
        worker always uses 1, the pool being its parallelism)."""
        dirs = [ws.path(p) for p in ws.policies] if ws else []
        dirs += [Path(p) for p in extra_policy_dirs]
        kind = engine_kind or (ws.engine.kind if ws else "embedded")
        adopted = _adopt(dirs, shards) if engine is None and bundle is None and kind == "embedded" else None
        if adopted is None:
            discard_prestarted()
        else:
            bundle, engine = adopted  # compiled from these folders already: no second read
        self.bundle = bundle or load_bundle(dirs, data_overrides=None)
        if engine is None:
            opts: dict[str, Any] = {"shards": shards} if kind == "embedded" else {}
            if ws and kind != "embedded":
                opts = {"url": ws.engine.url}
                if ws.engine.token_env:
                    opts["token"] = os.environ.get(ws.engine.token_env)
            engine = make_engine(kind, **opts)
            if kind == "embedded":
                engine.load(self.bundle, background=True)  # type: ignore[call-arg]  # compile while we collect
            else:
                engine.load(self.bundle)
        self.engine = engine

    def close(self) -> None:
        self.engine.close()
