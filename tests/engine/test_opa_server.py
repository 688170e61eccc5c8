"""The opa-server engine over OPA's REST API.

Every test taking ``opa_url`` runs twice: against the protocol double (labelled ``protocol-double``; an
in-process stand-in for OPA's REST API, see conftest.py) and against a real ``opa run --server``
(``real-opa``), which is skipped when no OPA binary is available. The protocol runs check what the
engine sends and how it reads OPA's answers; they are not evidence that OPA's server agrees.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import requests
from aiconform.engine.bundle import Module, load_bundle
from aiconform.engine.errors import ConfigError, EngineError, PolicyError, PolicyEvalError
from aiconform.engine.policy_engine import PolicyEngine, make_engine
from aiconform.engine.policy_engine.opa_server import OpaServerEngine, dependency_order, stub_source
from conftest import NO_OPA_REASON, FakeOpa, FakeOpaServer, art9_pack, free_port, real_opa_available

HIGH_RISK_PROVIDER = {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"],
                      "dates": {"high_risk": "2027-12-02"}}


def _bundle(tmp_path: Path, files: dict[str, str], data: dict[str, Any] | None = None):
    root = tmp_path / "pol"
    for rel, src in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(src)
    if data is not None:
        (root / "data.json").write_text(json.dumps(data))
    root.mkdir(exist_ok=True)
    return load_bundle([root], include_builtin=False)


def _policy_ids(url: str) -> list[str]:
    r = requests.get(url + "/v1/policies", timeout=10)
    r.raise_for_status()
    return sorted(p["id"] for p in r.json()["result"])


@pytest.fixture
def engine_at(opa_url: str):
    engines: list[OpaServerEngine] = []

    def make(**kw: Any) -> OpaServerEngine:
        e = OpaServerEngine(url=opa_url, **kw)
        engines.append(e)
        return e

    yield make
    for e in engines:
        e.close()


def test_real_opa_server_is_available(request: pytest.FixtureRequest) -> None:
    """Reports (as one skip) that the real-server variants of these tests did not run."""
    if not real_opa_available():
        pytest.skip(NO_OPA_REASON)
    assert re.match(r"http://127\.0\.0\.1:\d+|https?://", request.getfixturevalue("real_opa"))


# --- construction ----------------------------------------------------------------------------------

def test_make_engine_builds_the_server_engine() -> None:
    e = make_engine("opa-server", url="http://127.0.0.1:1")
    assert isinstance(e, OpaServerEngine)
    assert isinstance(e, PolicyEngine)
    assert e.name == "opa-server"
    e.close()


@pytest.mark.parametrize("url", ["ftp://x:1", "127.0.0.1:8181", "http://127.0.0.1:8181/v1", "http://h:1/?a=b"])
def test_bad_url_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError) as ei:
        OpaServerEngine(url=url)
    assert "engine.url" in ei.value.render()


def test_unreachable_server_names_url_and_what_to_do(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    e = OpaServerEngine(url=url, timeout=3)
    with pytest.raises(EngineError) as ei:
        e.load(_bundle(tmp_path, {"p.rego": "package p\n\nallow := true\n"}))
    text = ei.value.render()
    assert text.startswith(url + ": cannot reach the OPA server")
    assert "opa run --server" in text and "Connection refused" in text
    with pytest.raises(EngineError, match="cannot reach"):
        e.query("x := 1", {})
    assert e.opa_version() == "unknown"


def test_token_is_sent_and_refusal_is_explained(tmp_path: Path, fake_opa_factory: Any) -> None:
    srv: FakeOpaServer = fake_opa_factory(token="s3cret")
    b = _bundle(tmp_path, {"p.rego": "package p\n\nallow := true\n"})
    with pytest.raises(EngineError) as ei:
        OpaServerEngine(url=srv.url).load(b)
    assert "refused" in str(ei.value) and "401" in str(ei.value) and "token" in ei.value.render()
    e = OpaServerEngine(url=srv.url, token="s3cret")
    e.load(b)
    assert e.document("p.allow", {}) is True


# --- load ------------------------------------------------------------------------------------------

def test_art9_pack_loads_and_decides(engine_at: Any) -> None:
    e = engine_at()
    e.load(art9_pack())
    no_evidence = {"as_of": "2028-03-01T00:00:00Z", "scope": HIGH_RISK_PROVIDER, "evidence": {}}
    findings = {f["rule_id"]: f for f in e.document("aiact.art9.findings", no_evidence)}
    assert findings["AIACT-9-2-a"]["status"] == "fail"
    assert findings["AIACT-9-2-a"]["citation"] == "Art. 9(2)(a)"
    assert "no risk register" in findings["AIACT-9-2-a"]["message"]
    deployer = dict(no_evidence, scope=dict(HIGH_RISK_PROVIDER, roles=["deployer"]))
    findings = {f["rule_id"]: f for f in e.document("aiact.art9.findings", deployer)}
    assert findings["AIACT-9-2-a"]["status"] == "not_applicable"
    # bundle data reached the server
    assert e.document("aiconform.config.risk_review_period_days") == 365


def test_policy_ids_are_stable_and_sources_uploaded_verbatim(engine_at: Any, opa_url: str) -> None:
    b = art9_pack(include_tests=True)
    e = engine_at()
    e.load(b)
    ours = [i for i in _policy_ids(opa_url) if i.startswith("aiconform/")]
    assert ours == sorted(f"aiconform/{m.path}" for m in b.modules)
    for m in b.modules:
        r = requests.get(opa_url + "/v1/policies/" + urllib.parse.quote(f"aiconform/{m.path}", safe="/"), timeout=10)
        assert r.json()["result"]["raw"] == m.source  # not rewritten, not dedented


def test_rego_tests_run_on_the_server(engine_at: Any) -> None:
    b = art9_pack(include_tests=True)
    e = engine_at()
    e.load(b)
    art9_tests = [m for m in b.test_modules() if m.package == "aiact.art9_test"]
    assert art9_tests
    names = re.findall(r"^(test_\w+)", art9_tests[0].source, re.MULTILINE)
    assert len(names) >= 5
    doc = e.document("aiact.art9_test")  # one evaluation: every rule of the test package
    assert {n: doc.get(n) for n in names} == {n: True for n in names}


def test_modules_load_in_dependency_order(tmp_path: Path, engine_at: Any) -> None:
    # a_user.rego sorts before z_lib.rego but calls its function: uploaded in path order, OPA rejects it
    files = {
        "a_user.rego": "package app\n\nimport data.zlib\n\nanswer := zlib.double(input.n)\n",
        "z_lib.rego": "package zlib\n\ndouble(x) := x * 2\n",
    }
    b = _bundle(tmp_path, files)
    assert [m.path for m in dependency_order(b.modules)] == ["workspace/z_lib.rego", "workspace/a_user.rego"]
    e = engine_at()
    e.load(b)
    assert e.document("app.answer", {"n": 21}) == 42


def test_dependency_order_unit() -> None:
    def mod(path: str, pkg: str, src: str) -> Module:
        return Module(path=path, file=Path("/x") / path, source=f"package {pkg}\n{src}", package=pkg)

    mods = [mod("a.rego", "a", "x := data.c.f(1)\ny := data.b.v"), mod("b.rego", "b", "v := data.c.f(2)"),
            mod("c.rego", "c", "f(x) := x"), mod("d.rego", "d", "w := 1"),
            mod("e.rego", "e", "p := data.f.q"), mod("f.rego", "f", "q := data.e.p")]  # e <-> f: a cycle
    order = [m.path for m in dependency_order(mods)]
    assert order.index("c.rego") < order.index("b.rego") < order.index("a.rego")
    assert sorted(order) == sorted(m.path for m in mods)
    assert dependency_order(list(reversed(mods))) == dependency_order(mods)  # stable


def test_retries_settle_what_the_order_cannot_see(tmp_path: Path, engine_at: Any) -> None:
    # The function is reached through a computed import alias the regex cannot follow.
    files = {
        "a.rego": "package a\n\nimport data.b as helpers\n\nv := helpers.f(1)\n",
        "b.rego": "package b\n\nimport data.a\n\nf(x) := x + 1\n\nw := a.v\n",  # b references a: a cycle
    }
    e = engine_at()
    e.load(_bundle(tmp_path, files))
    assert e.document("b.w", {}) == 2


def test_v0_syntax_is_rejected_not_rewritten(tmp_path: Path, engine_at: Any, opa_url: str) -> None:
    src = "package old\n\nallow {\n\tinput.ok\n}\n"
    b = _bundle(tmp_path, {"old.rego": src})
    with pytest.raises(PolicyError) as ei:
        engine_at().load(b)
    err = ei.value
    assert err.where == f"{b.modules[0].file}:3"
    assert "rego_parse_error" in str(err) and "`if` keyword is required" in str(err)
    assert "aiconform/workspace/old.rego" not in _policy_ids(opa_url)


def test_client_default_would_rewrite_v0_policy(opa_url: str) -> None:
    """Why the engine passes rego_compat=False: the client's default uploads a regex-rewritten policy."""
    from opa_client import OpaClient

    parts = urllib.parse.urlsplit(opa_url)
    c = OpaClient(host=parts.hostname, port=parts.port)
    src = "package old\n\nallow {\n\tinput.ok\n}\n"
    assert c.update_policy_from_string(src, "clientbug/old.rego") is True  # OPA rejected it; the client rewrote it
    raw = c.get_policy("clientbug/old.rego")["result"]["raw"]
    assert raw != src and "allow if {" in raw
    c.delete_policy("clientbug/old.rego")
    c.close_connection()


def test_compile_error_in_a_dependent_module_names_its_file_and_line(tmp_path: Path, engine_at: Any) -> None:
    files = {
        "lib.rego": "package lib2\n\nf(x) := x\n",
        "use.rego": "package use\n\nimport data.lib2\n\nok := lib2.f(1)\n\nbad := lib2.nope(1)\n",
    }
    b = _bundle(tmp_path, files)
    with pytest.raises(PolicyError) as ei:
        engine_at().load(b)
    use = next(m for m in b.modules if m.path.endswith("use.rego"))
    assert ei.value.where == f"{use.file}:7"
    assert "undefined function" in str(ei.value)
    assert str(use.file) + ":7" in ei.value.render()


def test_parse_error_wins_over_missing_dependency(tmp_path: Path, engine_at: Any) -> None:
    files = {
        "a.rego": "package a\n\nimport data.zz\n\nv := zz.f(1)\n",
        "zz.rego": "package zz\n\nf(x) := x +\n",  # broken: a fails only because zz never loads
    }
    b = _bundle(tmp_path, files)
    with pytest.raises(PolicyError) as ei:
        engine_at().load(b)
    zz = next(m for m in b.modules if m.path.endswith("zz.rego"))
    assert ei.value.where.startswith(f"{zz.file}:")
    assert "rego_parse_error" in str(ei.value)


def test_reload_removes_stale_policies_and_data_keeps_foreign_ones(tmp_path: Path, engine_at: Any,
                                                                  opa_url: str) -> None:
    foreign = requests.put(opa_url + "/v1/policies/someone-else/x.rego", data="package other\n\nv := 1\n",
                           timeout=10)
    assert foreign.status_code == 200
    e = engine_at()
    first = _bundle(tmp_path / "1", {"keep.rego": "package keep\n\nv := 1\n",
                                     "gone.rego": "package gone\n\nimport data.keep\n\nv := keep.v\n"},
                    data={"k1": {"a": 1}, "k2": {"b": 2}})
    e.load(first)
    assert e.document("gone.v", {}) == 1
    second = _bundle(tmp_path / "2", {"keep.rego": "package keep\n\nv := 2\n"}, data={"k1": {"a": 3}})
    e.load(second)
    ids = _policy_ids(opa_url)
    assert "aiconform/workspace/keep.rego" in ids
    assert "aiconform/workspace/gone.rego" not in ids
    assert "someone-else/x.rego" in ids
    assert e.document("keep.v", {}) == 2
    with pytest.raises(PolicyEvalError, match="undefined"):
        e.document("gone.v", {})
    assert e.document("k1", {}) == {"a": 3}
    with pytest.raises(PolicyEvalError, match="undefined"):
        e.document("k2", {})
    # a new engine instance (another run) also cleans up what an earlier run left under its prefix
    e2 = engine_at()
    e2.load(_bundle(tmp_path / "3", {"other.rego": "package other2\n\nv := 3\n"}))
    assert [i for i in _policy_ids(opa_url) if i.startswith("aiconform/")] == ["aiconform/workspace/other.rego"]
    requests.delete(opa_url + "/v1/policies/someone-else/x.rego", timeout=10)


def test_stale_module_that_new_modules_replace_is_removed_after(tmp_path: Path, engine_at: Any,
                                                                opa_url: str) -> None:
    # v1: lib lives in old_lib.rego; v2 moves it to new_lib.rego while app keeps calling it.
    e = engine_at()
    e.load(_bundle(tmp_path / "1", {"app.rego": "package app\n\nimport data.lib3\n\nv := lib3.f(1)\n",
                                    "old_lib.rego": "package lib3\n\nf(x) := x + 1\n"}))
    e.load(_bundle(tmp_path / "2", {"app.rego": "package app\n\nimport data.lib3\n\nv := lib3.f(1)\n",
                                    "new_lib.rego": "package lib3\n\nf(x) := x + 10\n"}))
    assert e.document("app.v", {}) == 11
    assert "aiconform/workspace/old_lib.rego" not in _policy_ids(opa_url)


def test_id_prefix_separates_engines(tmp_path: Path, engine_at: Any, opa_url: str) -> None:
    a = engine_at(id_prefix="team-a")
    b = engine_at(id_prefix="team-b")
    a.load(_bundle(tmp_path / "a", {"a.rego": "package ta\n\nv := 1\n"}))
    b.load(_bundle(tmp_path / "b", {"b.rego": "package tb\n\nv := 2\n"}))
    assert {"team-a/workspace/a.rego", "team-b/workspace/b.rego"} <= set(_policy_ids(opa_url))
    with pytest.raises(ConfigError):
        OpaServerEngine(url=opa_url, id_prefix="a/b")


def test_data_colliding_with_a_package_is_a_policy_error(tmp_path: Path, engine_at: Any) -> None:
    b = _bundle(tmp_path, {"p.rego": "package clash.p\n\nv := 1\n"}, data={"clash": {"p": {"v": 2}}})
    with pytest.raises(PolicyError) as ei:
        engine_at().load(b)
    assert ei.value.where == "data.clash"


def test_package_split_over_files_that_reference_each_other_loads(tmp_path: Path, engine_at: Any,
                                                                   opa_url: str) -> None:
    """OPA compiles after every upload, so a.rego (needs y from b.rego) and b.rego (needs x from
    a.rego) never compile one at a time; stand-ins declaring their rules go first."""
    files = {
        "a.rego": "package cyc\n\nx := y + 1\n\nf(v) := v * 10\n",
        "b.rego": "package cyc\n\ny := 1\n\nz := x * 2\n\nw := f(z)\n\nitems contains z\n",
    }
    b = _bundle(tmp_path, files)
    e = engine_at()
    e.load(b)
    assert e.document("cyc", {}) == {"x": 2, "y": 1, "z": 4, "w": 40, "items": [4]}
    for m in b.modules:  # every stand-in was replaced by the real module
        r = requests.get(opa_url + "/v1/policies/" + urllib.parse.quote(f"aiconform/{m.path}", safe="/"), timeout=10)
        assert r.json()["result"]["raw"] == m.source


def test_stale_modules_that_reference_each_other_are_removed(tmp_path: Path, engine_at: Any,
                                                             opa_url: str) -> None:
    cyc = {"a.rego": "package cyc3\n\nx := y + 1\n", "b.rego": "package cyc3\n\ny := 1\n\nz := x * 2\n"}
    e = engine_at()
    e.load(_bundle(tmp_path / "1", cyc))
    e2 = engine_at()  # a later run, without that package
    e2.load(_bundle(tmp_path / "2", {"c.rego": "package c3\n\nv := 1\n"}))
    assert [i for i in _policy_ids(opa_url) if i.startswith("aiconform/")] == ["aiconform/workspace/c.rego"]
    with pytest.raises(PolicyEvalError, match="undefined"):
        e2.document("cyc3.z", {})


def test_a_broken_module_in_a_cycle_is_reported(tmp_path: Path, engine_at: Any,
                                                                         opa_url: str) -> None:
    files = {
        "a.rego": "package cyc2\n\nx := y + 1\n",
        "b.rego": "package cyc2\n\ny := 1\n\nz := x * 2\n\nbad := count(1, 2)\n",
    }
    b = _bundle(tmp_path, files)
    with pytest.raises(PolicyError) as ei:
        engine_at().load(b)
    bad = next(m for m in b.modules if m.path.endswith("b.rego"))
    assert ei.value.where == f"{bad.file}:7"
    # A failed load leaves the server partial (the error stops the run). b.rego's stand-in cannot be
    # removed while a.rego needs its rule y; it defines nothing (every body is `false`).
    r = requests.get(opa_url + "/v1/policies/aiconform/workspace/b.rego", timeout=10)
    if r.status_code == 200:
        raw = r.json()["result"]["raw"]
        assert raw != bad.source and all(line.endswith("if false") for line in raw.splitlines()[4:])


def test_stub_source_declares_every_rule_kind() -> None:
    src = (
        "# METADATA\n# title: t\npackage p.q\n\nimport rego.v1\nimport data.lib.x as y\n\n"
        "default allow := false\n\nallow if input.ok\n\n"
        "deny contains msg if {\n\tmsg := \"no\"\n}\n\n"
        "findings contains y.result(rego.metadata.chain(), {\n\t\"a\": [1, 2],\n})\n\n"
        "obj[k] := v if {\n\tsome k, v in input.m\n}\n\n"
        "a.b.c := 1\n\n"
        "f(x, [a, b], \"k\") := x if true\n\n"
        "g(\"A\") := 1\n\n"
        "h() := 2\n\n"
        "r := 1 if {\n\tfalse\n} else := 2\n"
    )
    m = Module(path="p.rego", file=Path("/x/p.rego"), source=src, package="p.q")
    lines = stub_source(m).splitlines()
    assert lines[:3] == ["package p.q", "", "import rego.v1"]
    assert set(lines[4:]) == {
        "allow := input.__aiconform_stub__ if false",
        "deny contains input.__aiconform_stub__ if false",
        "findings contains input.__aiconform_stub__ if false",
        "obj[input.__aiconform_stub__] := input.__aiconform_stub__ if false",
        "a.b.c := input.__aiconform_stub__ if false",
        "f(_, _, _) := input.__aiconform_stub__ if false",
        "g(_) := input.__aiconform_stub__ if false",
        "h() := input.__aiconform_stub__ if false",
        "r := input.__aiconform_stub__ if false",
    }


# --- query and document ----------------------------------------------------------------------------

def test_empty_input_is_an_input(engine_at: Any, tmp_path: Path) -> None:
    e = engine_at()
    e.load(_bundle(tmp_path, {"p.rego": "package p\n\nhas_input if input\n\nno_input if not input\n"}))
    assert e.query("x := input", {}) == [{"x": {}}]
    assert e.query("x := input", []) == [{"x": []}]
    assert e.query("x := input") == []  # no input: undefined, as in the embedded engine
    assert e.document("p.has_input", {}) is True
    assert e.query("data.p.no_input", {}) == []
    assert e.query("data.p.no_input") == [{}]


def test_client_ad_hoc_query_drops_empty_input(opa_url: str) -> None:
    """Why the engine posts queries itself: opa-python-client 3.0.0 leaves out a falsy input."""
    from opa_client import OpaClient

    parts = urllib.parse.urlsplit(opa_url)
    c = OpaClient(host=parts.hostname, port=parts.port)
    assert c.ad_hoc_query("x := input", {}).get("result", []) == []  # input {} silently became undefined
    c.close_connection()


def test_query_results_are_binding_dicts(engine_at: Any, tmp_path: Path) -> None:
    e = engine_at()
    e.load(_bundle(tmp_path, {"p.rego": "package p\n\nxs := [1, 2, 3]\n"}))
    assert e.query("some i; x := data.p.xs[i]; x > 1", {}) == [{"i": 1, "x": 2}, {"i": 2, "x": 3}]
    assert e.query("x := data.p.xs[_]; x > 5", {}) == []


def test_evaluation_error_keeps_opas_message_and_location(engine_at: Any, tmp_path: Path) -> None:
    b = _bundle(tmp_path, {"c.rego": "package c\n\nx := 1 if input.a\n\nx := 2 if input.b\n"})
    e = engine_at()
    e.load(b)
    with pytest.raises(PolicyEvalError) as ei:
        e.document("c.x", {"a": True, "b": True})
    assert "eval_conflict_error" in str(ei.value)
    assert ei.value.where == f"{b.modules[0].file}:3" or ei.value.where == f"{b.modules[0].file}:5"
    with pytest.raises(PolicyEvalError, match="eval_conflict_error"):
        e.query("y := data.c.x", {"a": True, "b": True})
    assert e.document("c.x", {"a": True}) == 1


def test_client_query_rule_drops_opas_error_message(engine_at: Any, tmp_path: Path, opa_url: str) -> None:
    """Why the engine posts to the Data API itself: query_rule raises a bare HTTPError."""
    from opa_client import OpaClient

    engine_at().load(_bundle(tmp_path, {"c.rego": "package c\n\nx := 1 if input.a\n\nx := 2 if input.b\n"}))
    parts = urllib.parse.urlsplit(opa_url)
    c = OpaClient(host=parts.hostname, port=parts.port)
    with pytest.raises(requests.HTTPError) as ei:
        c.query_rule({"a": True, "b": True}, "c", "x")
    assert "eval_conflict_error" not in str(ei.value)
    c.close_connection()


def test_undefined_document_and_bad_query(engine_at: Any, tmp_path: Path) -> None:
    e = engine_at()
    e.load(_bundle(tmp_path, {"p.rego": "package p\n\nv := 1 if input.on\n"}))
    with pytest.raises(PolicyEvalError) as ei:
        e.document("p.v", {"on": False})
    assert str(ei.value) == "data.p.v is undefined" and ei.value.where == "data.p.v"
    assert e.document("data.p.v", {"on": True}) == 1
    with pytest.raises(PolicyEvalError) as ei:
        e.query("x := ", {})
    assert "query does not compile" in str(ei.value) and "rego_parse_error" in str(ei.value)
    assert ei.value.where == "x := "


def test_opa_version(engine_at: Any, opa_url: str, request: pytest.FixtureRequest) -> None:
    v = engine_at().opa_version()
    if "real-opa" in request.node.name:
        assert re.fullmatch(r"\d+\.\d+\.\d+.*", v), v
    else:
        assert v == FakeOpa.version


def test_opa_version_falls_back_to_index_page_then_unknown(fake_opa: FakeOpaServer) -> None:
    fake = fake_opa.fake
    orig = fake.handle

    def no_provenance(method: str, path: str, query: Any, headers: Any, body: bytes) -> Any:
        if path.startswith("/v1/data"):
            return 404, {"code": "resource_not_found", "message": "no"}
        return orig(method, path, query, headers, body)

    fake.handle = no_provenance  # type: ignore[method-assign]
    assert OpaServerEngine(url=fake_opa.url).opa_version() == fake.version

    def nothing(method: str, path: str, query: Any, headers: Any, body: bytes) -> Any:
        return 404, {"code": "resource_not_found", "message": "no"}

    fake.handle = nothing  # type: ignore[method-assign]
    assert OpaServerEngine(url=fake_opa.url).opa_version() == "unknown"


def test_non_opa_server_is_an_engine_error(tmp_path: Path, fake_opa: FakeOpaServer) -> None:
    fake = fake_opa.fake
    fake.handle = lambda *a: (502, "<html>bad gateway</html>")  # type: ignore[method-assign]
    e = OpaServerEngine(url=fake_opa.url, retries=0)
    with pytest.raises(EngineError) as ei:
        e.query("x := 1", {})
    assert "did not answer like OPA" in str(ei.value) and "502" in str(ei.value)
    with pytest.raises(EngineError, match="did not answer like OPA"):
        e.load(_bundle(tmp_path, {"p.rego": "package p\n\nv := 1\n"}))


def test_requests_on_the_wire(tmp_path: Path, fake_opa: FakeOpaServer) -> None:
    """Protocol check: the endpoints and bodies the engine sends."""
    e = OpaServerEngine(url=fake_opa.url)
    e.load(_bundle(tmp_path, {"p.rego": "package p\n\nv := input.x\n"}, data={"cfg": {"n": 1}}))
    e.query("y := data.p.v", {})
    e.document("p.v", {"x": 5})
    log = [(m, p, json.loads(b) if b and not p.startswith("/v1/policies/") else b)
           for m, p, b in fake_opa.fake.requests]
    assert ("PUT", "/v1/policies/aiconform/workspace/p.rego", b"package p\n\nv := input.x\n") in log
    assert ("PUT", "/v1/data/cfg", {"n": 1}) in log
    assert ("POST", "/v1/query", {"query": "y := data.p.v", "input": {}}) in log
    assert ("POST", "/v1/data/p/v", {"input": {"x": 5}}) in log
