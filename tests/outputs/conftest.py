"""Fixtures for tests/outputs (the factory itself is outputs_factory.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from aiconform.engine.models import Finding, Report
from outputs_factory import build_rich_report, finding, report


@pytest.fixture
def make_finding() -> Callable[..., Finding]:
    return finding


@pytest.fixture
def make_report() -> Callable[..., Report]:
    return report


@pytest.fixture
def rich_report(tmp_path: Path) -> tuple[Report, Path]:
    return build_rich_report(tmp_path)
