import datetime as dt

import pytest
from aiconform.engine.bundle import load_bundle
from aiconform.engine.errors import ConfigError
from aiconform.engine.models import Classification, Finding, Severity, Status, Tier, Waiver
from aiconform.engine.pipeline import (
    apply_waivers,
    findings_from,
    law_basis,
    load_waivers,
    scope_of,
    summarise,
)
from aiconform.engine.policy_engine import make_engine


def _f(rule, status, severity="deny", subjects=("system",)):
    return Finding(rule_id=rule, citation="Art. 9", title="t", severity=Severity(severity), status=Status(status),
                   subjects=subjects)


def test_law_basis_switches_on_entry_into_force_of_2026_1744():
    assert "2026/1744" in law_basis(dt.date(2026, 7, 27))
    assert "original text" in law_basis(dt.date(2026, 7, 26))


def test_scope_tiers_stack():
    c = Classification(tier=Tier.high_risk, roles=("provider", "deployer"), transparency_duties=("art50.1",),
                       dates={"high_risk": "2027-12-02"})
    s = scope_of(c)
    assert s == {"tiers": ["all_ai_systems", "high_risk", "transparency"], "roles": ["deployer", "provider"],
                 "dates": {"high_risk": "2027-12-02"}}
    assert "all_ai_systems" not in scope_of(Classification(tier=Tier.out_of_scope, in_scope=False))["tiers"]


def test_waivers_apply_until_expiry_and_only_to_their_subject():
    w = Waiver(rule_id="R1", subject="model:a", owner="o", justification="j", expires=dt.date(2028, 1, 1))
    fs = [_f("R1", "fail", subjects=("model:a",)), _f("R1", "fail", subjects=("model:b",)), _f("R2", "fail")]
    out = apply_waivers(fs, [w], dt.date(2027, 12, 31))
    assert [f.status.value for f in out] == ["waived", "fail", "fail"]
    assert out[0].waiver == w
    expired = apply_waivers(fs, [w], dt.date(2028, 1, 2))
    assert [f.status.value for f in expired] == ["fail", "fail", "fail"]


def test_summary_counts_blocking_and_warnings():
    s = summarise([_f("a", "fail"), _f("b", "fail", "warn"), _f("c", "pass"), _f("d", "waived")])
    assert (s.blocking, s.warnings, s.counts["pass"], s.counts["waived"]) == (1, 1, 1, 1)


def test_waivers_file_errors_name_the_key(tmp_path):
    p = tmp_path / "w.yaml"
    p.write_text("waivers:\n  - rule_id: R1\n    owner: o\n    expires: not-a-date\n")
    with pytest.raises(ConfigError) as exc:
        load_waivers(p)
    text = exc.value.render()
    assert "justification" in text and "expires" in text


def test_findings_from_real_pack_are_sorted_and_typed():
    e = make_engine("embedded")
    e.load(load_bundle())
    pinput = {"as_of": "2028-01-10T00:00:00Z", "evidence": {}, "graph": {"nodes": [], "edges": []}, "config": {},
              "system": {"id": "s"}, "classification": {"tier": "high_risk"},
              "scope": {"tiers": ["high_risk", "all_ai_systems"], "roles": ["provider"],
                        "dates": {"high_risk": "2027-12-02"}}}
    fs = findings_from(e, pinput)
    assert fs and all(isinstance(f, Finding) for f in fs)
    keys = [(f.citation, f.rule_id) for f in fs]
    assert keys == sorted(keys)
    assert {f.rule_id for f in fs} >= {"AIACT-9-2-a"}
    art9 = next(f for f in fs if f.rule_id == "AIACT-9-2-a")
    assert art9.status == Status.failed and "no risk register" in art9.message
