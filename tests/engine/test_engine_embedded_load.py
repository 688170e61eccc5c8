"""Loading the embedded engine: modules are parsed on two threads; a parse error names the first broken
module in bundle order, whichever thread met it, and a background load reports it at the first query."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiconform.engine.bundle import load_bundle
from aiconform.engine.errors import PolicyError
from aiconform.engine.policy_engine.embedded import EmbeddedEngine

_OK = "package org.m{i}\n\nimport rego.v1\n\nfindings := []\n"
_BROKEN = "package org.m{i}\n\nimport rego.v1\n\nfindings := [\n"


def _folder(tmp: Path, broken: set[int]) -> Path:
    for i in range(12):
        (tmp / f"m{i:02d}.rego").write_text((_BROKEN if i in broken else _OK).format(i=i), encoding="utf-8")
    return tmp


@pytest.mark.parametrize("broken,first", [({3, 6}, 3), ({6, 9}, 6), ({10}, 10)])
@pytest.mark.parametrize("background", [False, True])
def test_first_broken_module_in_bundle_order_is_reported(tmp_path: Path, broken: set[int], first: int,
                                                         background: bool) -> None:
    bundle = load_bundle([_folder(tmp_path, broken)], include_builtin=False, data_overrides=None)
    eng = EmbeddedEngine()
    try:
        with pytest.raises(PolicyError) as err:
            eng.load(bundle, background=background)
            eng.query("x := 1")
        assert err.value.where.startswith(str(tmp_path / f"m{first:02d}.rego"))
    finally:
        eng.close()


def test_all_modules_of_a_large_bundle_are_added(tmp_path: Path) -> None:
    bundle = load_bundle([_folder(tmp_path, set())], include_builtin=False, data_overrides=None)
    eng = EmbeddedEngine()
    try:
        eng.load(bundle, background=True)
        got = eng.query("x := [p | some i in numbers.range(0, 11); p := data.org[sprintf(\"m%d\", [i])].findings]")
        assert got == [{"x": [[]] * 12}]
    finally:
        eng.close()
