"""evaluator.prestart: the gate starts compiling before the workspace is validated; the Evaluator adopts
that engine only when it compiled the very bundle the workspace asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiconform.engine import evaluator
from aiconform.engine.config import load_workspace

_WS = """version: 1
engine: {kind: %s}
%s
systems:
  - {id: s1, name: S1, answers: answers.yaml}
"""

_ORG = """package org.prestart_probe

import rego.v1

findings := []
"""


def _ws(tmp: Path, kind: str = "embedded", policies: str = "") -> Path:
    (tmp / "aiconform.yaml").write_text(_WS % (kind, policies), encoding="utf-8")
    return tmp


@pytest.fixture(autouse=True)
def _clean() -> None:
    evaluator.discard_prestarted()
    yield
    evaluator.discard_prestarted()


def test_evaluator_adopts_the_prestarted_engine(tmp_path: Path) -> None:
    root = _ws(tmp_path)
    evaluator.prestart(root)
    assert evaluator._prestarted is not None
    started = evaluator._prestarted.engine
    ev = evaluator.Evaluator(load_workspace(root))
    try:
        assert ev.engine is started and evaluator._prestarted is None
        assert ev.engine.document("aiconform.main.out", {"phase": "compile"}) == {"compiled": True}
    finally:
        ev.close()


def test_a_different_bundle_discards_the_guess(tmp_path: Path) -> None:
    org = tmp_path / "org"
    org.mkdir()
    (org / "probe.rego").write_text(_ORG, encoding="utf-8")
    root = _ws(tmp_path)  # prestart sees no organisation policies ...
    evaluator.prestart(root)
    started = evaluator._prestarted.engine
    _ws(tmp_path, policies="policies: [org/]")  # ... the workspace then has them
    ev = evaluator.Evaluator(load_workspace(root))
    try:
        assert ev.engine is not started and evaluator._prestarted is None
        assert any(m.package == "org.prestart_probe" for m in ev.bundle.modules)
    finally:
        ev.close()


@pytest.mark.parametrize("kind,policies", [("opa-server", ""), ("embedded", "policies: [missing/]"),
                                           ("embedded", "policies: {bad: 1}")])
def test_nothing_is_prestarted_when_unsure(tmp_path: Path, kind: str, policies: str) -> None:
    evaluator.prestart(_ws(tmp_path, kind, policies))
    assert evaluator._prestarted is None


def test_unreadable_configuration_is_left_to_the_regular_path(tmp_path: Path) -> None:
    (tmp_path / "aiconform.yaml").write_text("engine: [unclosed\n", encoding="utf-8")
    evaluator.prestart(tmp_path)
    assert evaluator._prestarted is None
    evaluator.prestart(tmp_path / "nowhere")
    assert evaluator._prestarted is None


def test_a_second_prestart_for_the_same_workspace_keeps_the_first(tmp_path: Path) -> None:
    # the launcher starts the compile before click is imported; the command's own call must not restart it
    root = _ws(tmp_path)
    evaluator.prestart(root)
    first = evaluator._prestarted.engine
    evaluator.prestart(root)
    assert evaluator._prestarted.engine is first
    evaluator.prestart(root, shards=1)  # a different spread is a different engine
    assert evaluator._prestarted.engine is not first
