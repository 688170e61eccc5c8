"""Shared fixtures for the collector tests: a workspace on disk and a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiconform.engine.config import Workspace, load_workspace

NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def make_ws(tmp_path: Path) -> Callable[..., Workspace]:
    """make_ws(sources, system_id=..., validity_days=...) writes aiconform.yaml in tmp_path and loads it."""

    def make(sources: list[dict[str, Any]], *, system_id: str = "credit", validity_days: int = 365,
             root: Path | None = None) -> Workspace:
        r = root or tmp_path
        cfg = {"version": 1, "evidence_validity_days": validity_days,
               "systems": [{"id": system_id, "name": "Credit scoring", "sources": sources}]}
        (r / "aiconform.yaml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        return load_workspace(r)

    return make
