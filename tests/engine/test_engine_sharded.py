"""The embedded evaluator spread over several engines: the partition never separates packages that refer to
one another, and the results do not depend on the shard count (byte-identical JSON)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine.bundle import Module, load_bundle
from aiconform.engine.errors import PolicyError, UsageError
from aiconform.engine.policy_engine import make_engine, sharded
from aiconform.engine.policy_engine.embedded import EmbeddedEngine
from aiconform.engine.policy_engine.sharded import ShardedEngine, _refs, auto_shards, partition

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "e2e" / "fixtures"


def _mod(package: str, body: str = "", path: str | None = None) -> Module:
    src = f"package {package}\n\nimport rego.v1\n\n{body}\n"
    rel = path or f"workspace/{package.replace('.', '/')}.rego"
    return Module(path=rel, file=Path("/x") / rel, source=src, package=package)


_MAIN = _mod("aiconform.main", "out := data.aiact[_].findings", path="builtin/lib/main.rego")
_LIB = _mod("lib.findings", "result(c, o) := 1")


def _shard_of(groups: list[list[Module]]) -> dict[str, int]:
    return {m.package: i for i, g in enumerate(groups) for m in g}


# --- partition ------------------------------------------------------------------------------------


def test_builtin_pack_splits_without_separating_references() -> None:
    bundle = load_bundle([], data_overrides=None)
    packages = {m.package for m in bundle.policy_modules()}
    for n in (2, 3, 4):
        groups = partition(bundle.modules, n)
        assert groups is not None and len(groups) == n
        where = _shard_of(groups)
        placed = [m.path for g in groups for m in g]
        assert sorted(placed) == sorted(m.path for m in bundle.policy_modules()
                                        if not m.package.startswith(("lib.", "aiconform.main")))
        for g in groups:
            for m in g:
                for ref in _refs(m.source):
                    dotted = ".".join(p for p in ref if p != "[")
                    target = max((p for p in packages if dotted == p or dotted.startswith(p + ".")), key=len,
                                 default=None)
                    if target and not target.startswith(("lib.", "aiconform.")):
                        assert where[target] == where[m.package], (m.path, dotted)
    # shards are balanced by source size (within the size of the largest group of linked packages)
    sizes = [sum(len(m.source) for m in g) for g in partition(bundle.modules, 2)]
    assert max(sizes) / min(sizes) < 1.5, sizes


def test_linked_packages_share_a_shard() -> None:
    mods = [_MAIN, _LIB,
            _mod("aiact.a", "x := 1"), _mod("aiact.b", "import data.aiact.a\ny := a.x"),
            _mod("aiact.c", "z := data.aiact.d.w"), _mod("aiact.d", "w := 2"),
            _mod("aiact.e", "v := 3")]
    groups = partition(mods, 3)
    where = _shard_of(groups)
    assert where["aiact.a"] == where["aiact.b"]
    assert where["aiact.c"] == where["aiact.d"]
    assert len(groups) == 3


def test_references_inside_template_strings_count() -> None:
    mods = [_MAIN, _LIB, _mod("aiact.a", 'msg := $"limit {data.aiact.b.limit} exceeded"'), _mod("aiact.b", "limit := 3"),
            _mod("aiact.c", "x := 1")]
    where = _shard_of(partition(mods, 3))
    assert where["aiact.a"] == where["aiact.b"]


def test_prose_mentioning_data_links_nothing() -> None:
    mods = [_MAIN, _LIB,
            _mod("aiact.a", '# reads data.aiact.b\nmsg := "see data.aiact.b and `data`"\nx := input.data.q'),
            _mod("aiact.b", "y := `raw data.aiact.a`")]
    groups = partition(mods, 2)
    assert groups is not None and len(groups) == 2


@pytest.mark.parametrize("mods", [
    [_MAIN, _LIB, _mod("aiact.a", "x := data.aiact[k]"), _mod("aiact.b")],  # a whole namespace
    [_MAIN, _LIB, _mod("org.a", "x := data"), _mod("org.b")],  # the whole tree
    [_MAIN, _LIB, _mod("org.a", 'x := data["aiact"]'), _mod("org.b")],
    [_MAIN, _mod("lib.extra", "x := data.aiact.a.y"), _mod("aiact.a", "y := 1"), _mod("aiact.b")],  # shared code
    [_MAIN, _mod("aiconform.main", "extra := 1", path="workspace/main2.rego"), _mod("aiact.a"), _mod("aiact.b")],
    [_mod("aiconform.main", "out := 1", path="workspace/main.rego"), _mod("aiact.a"), _mod("aiact.b")],
    [_MAIN, _LIB, _mod("aiact.a")],  # nothing to spread
], ids=["namespace", "whole-data", "data-key", "lib-reads-package", "second-main", "foreign-main", "one-package"])
def test_no_sharding_when_it_would_not_be_safe_or_useful(mods: list[Module]) -> None:
    assert partition(mods, 4) is None


def test_one_shard_asked_is_no_sharding() -> None:
    assert partition(load_bundle([], data_overrides=None).modules, 1) is None
    assert isinstance(make_engine("embedded"), EmbeddedEngine)
    assert isinstance(make_engine("embedded", shards=2), ShardedEngine)


def test_shard_count_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICONFORM_ENGINE_SHARDS", "3")
    assert auto_shards() == 3
    monkeypatch.setenv("AICONFORM_ENGINE_SHARDS", "99")
    assert auto_shards() == sharded.MAX_SHARDS
    monkeypatch.delenv("AICONFORM_ENGINE_SHARDS")
    assert auto_shards() == 1  # measured faster on 2 cores: opt-in
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("AICONFORM_ENGINE_SHARDS", bad)
        with pytest.raises(UsageError, match="AICONFORM_ENGINE_SHARDS"):
            auto_shards()


# --- evaluation -----------------------------------------------------------------------------------


def _gate_json(ws: Path, out: Path, shards: int, as_of: str) -> bytes:
    env = {**os.environ, "AICONFORM_ENGINE_SHARDS": str(shards)}
    p = subprocess.run([sys.executable, "-m", "aiconform", "gate", "--offline", "--as-of", as_of, "--output",
                        f"json={out}"], cwd=ws, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode in (0, 1), p.stderr
    return out.read_bytes()


@pytest.mark.parametrize("as_of", ["2028-01-10", "2031-06-01"])
def test_results_do_not_depend_on_the_shard_count(tmp_path: Path, as_of: str) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURES / "gate-credit", ws)
    subprocess.run([sys.executable, "-m", "aiconform", "collect"], cwd=ws, capture_output=True, timeout=300,
                   check=True)
    one = _gate_json(ws, tmp_path / "1.json", 1, as_of)
    assert b'"findings"' in one
    assert _gate_json(ws, tmp_path / "2.json", 2, as_of) == one
    assert _gate_json(ws, tmp_path / "3.json", 3, as_of) == one


def _engines(bundle, shards: int) -> ShardedEngine:
    eng = ShardedEngine(shards=shards)
    eng.load(bundle, background=True)
    return eng


def test_classification_and_findings_match_a_single_engine() -> None:
    from aiconform.engine.pipeline import ENTRYPOINT

    bundle = load_bundle([ROOT / "examples" / "org-policies"], data_overrides=None)
    single = EmbeddedEngine()
    single.load(bundle)
    spread = _engines(bundle, 2)
    try:
        assert spread.shard_count == 2
        pinput = {"phase": "evaluate", "as_of": "2028-03-01T00:00:00Z",
                  "scope": {"tiers": ["high_risk"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}},
                  "system": {"id": "s"}, "evidence": {}, "graph": {"nodes": [], "edges": []}, "config": {}}
        key = lambda f: (f["rule_id"], f["subjects"])  # noqa: E731
        want = sorted(single.document(ENTRYPOINT, pinput)["findings"], key=key)
        got = sorted(spread.document(ENTRYPOINT, pinput)["findings"], key=key)
        assert got == want and {"model_card", "release_approval"} <= {f["package"] for f in got}
        answers = {"phase": "classify", "as_of": "2028-03-01", "answers": {}}
        assert spread.document(ENTRYPOINT, answers) == single.document(ENTRYPOINT, answers)
        with pytest.raises(PolicyError, match="entry point only"):
            spread.query("x := 1")
    finally:
        single.close()
        spread.close()


def test_a_shard_that_does_not_compile_defers_to_the_whole_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    # a partition that wrongly separates art24 from art23 (which it imports) would not compile; the engine
    # must then evaluate on one engine with the whole bundle instead of failing or answering from a shard
    from aiconform.engine.pipeline import ENTRYPOINT

    real = sharded.partition

    def broken(modules, n):
        groups = real(modules, n)
        moved = [m for g in groups for m in g if m.package == "aiact.art24"]
        groups = [[m for m in g if m.package != "aiact.art24"] for g in groups]
        target = next(i for i, g in enumerate(groups) if not any(m.package == "aiact.art23" for m in g))
        groups[target].extend(moved)
        return groups

    monkeypatch.setattr(sharded, "partition", broken)
    eng = _engines(load_bundle([], data_overrides=None), 2)
    try:
        assert eng.document(ENTRYPOINT, {"phase": "compile"}) == {"compiled": True}
        assert eng.shard_count == 1
    finally:
        eng.close()


def test_a_real_compile_error_is_reported_as_on_one_engine(tmp_path: Path) -> None:
    from aiconform.engine.pipeline import ENTRYPOINT

    (tmp_path / "bad.rego").write_text("package org.bad\n\nimport rego.v1\n\nx := undefined_fn(1)\n",
                                       encoding="utf-8")
    bundle = load_bundle([tmp_path], data_overrides=None)
    eng = _engines(bundle, 2)
    try:
        with pytest.raises(PolicyError) as err:
            eng.document(ENTRYPOINT, {"phase": "compile"})
        assert err.value.where == f"{tmp_path / 'bad.rego'}:5"
    finally:
        eng.close()
