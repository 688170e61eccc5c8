"""A loaded policy engine and bundle, reusable across systems.

Kept apart from the pipeline (and its models) so that a command can start the engine, whose
compilation then runs on a background thread, before it imports anything else.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .bundle import PolicyBundle, load_bundle
from .config import Workspace
from .policy_engine import PolicyEngine, make_engine

__all__ = ["Evaluator"]


class Evaluator:
    """A loaded engine + bundle, reusable across systems (portfolio workers keep one)."""

    def __init__(self, ws: Workspace | None = None, *, engine_kind: str | None = None,
                 extra_policy_dirs: Sequence[Path] = (), engine: PolicyEngine | None = None,
                 bundle: PolicyBundle | None = None) -> None:
        dirs = [ws.path(p) for p in ws.policies] if ws else []
        dirs += [Path(p) for p in extra_policy_dirs]
        self.bundle = bundle or load_bundle(dirs, data_overrides=None)
        if engine is None:
            kind = engine_kind or (ws.engine.kind if ws else "embedded")
            opts: dict[str, Any] = {}
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
