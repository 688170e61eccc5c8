"""Same decisions through both engines: the embedded OPA evaluator and a real ``opa run --server``.

Runs only against a real OPA server (the ``real_opa`` fixture skips when no binary is available);
the protocol double in conftest.py is never used here, since it evaluates with the embedded evaluator
itself and agreement with it would prove nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiconform.engine.bundle import load_bundle
from aiconform.engine.errors import AiconformError, PolicyError
from aiconform.engine.policy_engine import make_engine
from conftest import NO_OPA_REASON, art9_pack, real_opa_available, wipe_server

pytestmark = pytest.mark.opa_server
if not real_opa_available():
    pytest.skip(NO_OPA_REASON, allow_module_level=True)

SCOPE = {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"], "dates": {"high_risk": "2027-12-02"}}
GOOD = [
    {"id": "R1", "category": "health", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
    {"id": "R2", "category": "safety", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
    {"id": "R3", "category": "fundamental_rights", "mitigation": "m", "owner": "o", "review_date": "2028-01-01"},
]


def _register(risks: list[dict[str, Any]], valid_until: str | None = None) -> dict[str, Any]:
    return {"rr": {"kind": "risk_register", "sha256": "aa", "source_uri": "file:risks.yaml",
                   "valid_until": valid_until, "attributes": {"risks": risks}}}


def _input(evidence: dict[str, Any], as_of: str = "2028-03-01T00:00:00Z", scope: dict[str, Any] = SCOPE,
           **extra: Any) -> dict[str, Any]:
    return {"as_of": as_of, "scope": scope, "evidence": evidence, **extra}


CASES = {
    "no-evidence": _input({}),
    "good-register": _input(_register(GOOD)),
    "missing-category": _input(_register(GOOD[:2])),
    "missing-owner": _input(_register([dict(GOOD[0], owner="")] + GOOD[1:])),
    "old-review": _input(_register([dict(r, review_date="2025-01-01") for r in GOOD])),
    "stale-register": _input(_register(GOOD, valid_until="2027-01-01T00:00:00Z")),
    "before-application-date": _input(_register(GOOD), as_of="2026-11-26T00:00:00Z"),
    "deployer": _input({}, scope=dict(SCOPE, roles=["deployer"])),
    "minimal-tier": _input({}, scope={"tiers": ["minimal", "all_ai_systems"], "roles": ["provider"], "dates": {}}),
    "threshold-override": _input(_register([dict(r, review_date="2027-06-01") for r in GOOD]),
                                 config={"risk_review_period_days": 30}),
    "empty-input": {},
}


def _canon(v: Any) -> Any:
    """Sets come back as JSON arrays; compare them order-free."""
    if isinstance(v, list):
        items = [_canon(x) for x in v]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
    if isinstance(v, dict):
        return {k: _canon(x) for k, x in v.items()}
    return v


def _outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        return ("value", _canon(fn(*args)))
    except AiconformError as exc:
        return (type(exc).__name__, exc.where)


@pytest.fixture(scope="module")
def art9_embedded(real_opa: str):
    emb = make_engine("embedded")
    emb.load(art9_pack(include_tests=True))
    yield emb
    emb.close()
    wipe_server(real_opa)


@pytest.fixture
def engines(real_opa: str, art9_embedded: Any):
    # Loaded for every test (other tests on this server may have replaced it); OPA answers unchanged
    # uploads without compiling, so after the first test this is quick.
    srv = make_engine("opa-server", url=real_opa)
    srv.load(art9_pack(include_tests=True))
    yield art9_embedded, srv
    srv.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_art9_findings_agree(engines: Any, case: str) -> None:
    emb, srv = engines
    inp = CASES[case]
    a = _outcome(emb.document, "aiact.art9.findings", inp)
    b = _outcome(srv.document, "aiact.art9.findings", inp)
    assert a == b
    if case == "no-evidence":  # the comparison is about real decisions, not two empty answers
        assert a[0] == "value" and {f["status"] for f in a[1]} >= {"fail"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_art9_findings_agree_through_query(engines: Any, case: str) -> None:
    emb, srv = engines
    q = "f := data.aiact.art9.findings[_]; f.status != \"pass\""
    assert _outcome(emb.query, q, CASES[case]) == _outcome(srv.query, q, CASES[case])


def test_art9_rego_tests_agree(engines: Any) -> None:
    emb, srv = engines
    a, b = emb.document("aiact.art9_test"), srv.document("aiact.art9_test")
    tests = {k: v for k, v in a.items() if k.startswith("test_")}
    assert tests and all(v is True for v in tests.values())
    assert _canon(a) == _canon(b)


CHAINS = {
    "rule-over-package": [
        {"path": ["data", "aiact", "demo", "findings"],
         "annotations": {"scope": "rule", "title": "Demo rule", "custom": {"id": "X-1", "citation": "Art. 1",
                                                                            "severity": "warn"}}},
        {"path": ["data", "aiact", "demo"],
         "annotations": {"scope": "package", "custom": {"tiers": ["high_risk"], "roles": ["provider"],
                                                         "applies_from": "high_risk"}}},
    ],
    "dated-manual": [
        {"path": ["data", "aiact", "demo", "findings"],
         "annotations": {"scope": "rule", "custom": {"id": "X-2", "citation": "Art. 2", "manual": True,
                                                     "applies_from": "2027-08-02"}}},
    ],
    "no-package-annotations-deployer-only": [
        {"path": ["data", "aiact", "demo", "findings"],
         "annotations": {"scope": "rule", "title": "T", "custom": {"id": "X-3", "citation": "Art. 3",
                                                                   "roles": ["deployer"],
                                                                   "applies_from": "2026-08-02"}}},
    ],
}
OBS = {
    "pass": {},
    "problems": {"problems": ["a problem", "another"], "subjects": ["model:1"], "evidence": ["ab"],
                 "locations": [{"uri": "file:x", "line": 3}]},
}


@pytest.mark.parametrize("chain", sorted(CHAINS))
@pytest.mark.parametrize("obs", sorted(OBS))
@pytest.mark.parametrize("as_of", ["2026-01-01T00:00:00Z", "2028-03-01T00:00:00Z"])
def test_finding_constructor_agrees(engines: Any, chain: str, obs: str, as_of: str) -> None:
    emb, srv = engines
    q = "f := data.lib.findings.result(input.chain, input.obs)"
    inp = {"as_of": as_of, "scope": SCOPE, "evidence": {}, "chain": CHAINS[chain], "obs": OBS[obs]}
    a, b = _outcome(emb.query, q, inp), _outcome(srv.query, q, inp)
    assert a == b


def test_compile_errors_agree(real_opa: str, tmp_path: Path) -> None:
    root = tmp_path / "pol"
    root.mkdir()
    (root / "lib.rego").write_text("package plib\n\nf(x) := x\n")
    (root / "bad.rego").write_text("package pbad\n\nimport data.plib\n\nv := plib.g(1)\n")
    bundle = load_bundle([root], include_builtin=False)
    where = []
    for kind, opts in (("embedded", {}), ("opa-server", {"url": real_opa})):
        e = make_engine(kind, **opts)
        with pytest.raises(PolicyError) as ei:
            e.load(bundle)
        where.append(ei.value.where)
        e.close()
    wipe_server(real_opa)
    assert where[0] == where[1] == f"{root / 'bad.rego'}:5"


@pytest.mark.slow
def test_full_builtin_pack_agrees_on_the_example(real_opa: str) -> None:
    """The whole built-in pack on one policy input: the same findings from every package."""
    bundle = load_bundle()
    emb = make_engine("embedded")
    srv = make_engine("opa-server", url=real_opa)
    try:
        outcomes = [_outcome(e.load, bundle) for e in (emb, srv)]
        assert outcomes[0][0] == outcomes[1][0]
        if outcomes[0][0] != "value":
            pytest.fail(f"the built-in pack does not load: {outcomes}")
        q = "f := data.aiact[_].findings[_]"
        inp = CASES["good-register"]
        assert _outcome(emb.query, q, inp) == _outcome(srv.query, q, inp)
    finally:
        emb.close()
        srv.close()
        wipe_server(real_opa)
