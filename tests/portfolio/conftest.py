"""Shared fixtures for the portfolio / catalogue / ledger tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from portfolio_fixtures import build_report  # noqa: E402


@pytest.fixture
def make_report() -> Any:
    return build_report
