"""Unit tests of engine/policy_tools.py and the `aiconform policy` command on small fixture packs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiconform.engine.bundle import Module, load_bundle
from aiconform.engine.cli import cli
from aiconform.engine.errors import PolicyError
from aiconform.engine.policy_tools import (
    CatalogueEntry,
    coverage,
    load_catalogue,
    read_annotations,
    render_docs,
)
from click.testing import CliRunner

PKG = '''# METADATA
# title: Demo package
# description: A demo.
# related_resources:
#   - ref: https://example.org
#     description: Demo
# custom:
#   article: "99"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.demo

import rego.v1

# METADATA
# title: Automated check
# custom:
#   id: DEMO-1
#   citation: Art. 99(1)
#   catalogue_ids: [x.1]
#   severity: deny
#   remediation: Fix it.
#   evidence_kinds: [thing]
findings contains {"rule_id": "DEMO-1"}

# METADATA
# title: Manual check
# custom:
#   id: DEMO-2
#   citation: Art. 99(2)
#   catalogue_ids: [x.2]
#   severity: warn
#   manual: true
#   attest: someone confirms it
#   remediation: Attest.
#   evidence_kinds: [attestation]
findings contains {"rule_id": "DEMO-2"}
'''


def _module(tmp_path: Path, src: str) -> Module:
    f = tmp_path / "demo.rego"
    f.write_text(src)
    return Module(path="t/demo.rego", file=f, source=src, package="aiact.demo")


def test_read_annotations_scopes_and_lines(tmp_path):
    anns = read_annotations(_module(tmp_path, PKG))
    assert [a.scope for a in anns] == ["package", "rule", "rule"]
    assert anns[0].data["custom"]["article"] == "99"
    assert anns[1].rule == "findings" and anns[1].rule_id == "DEMO-1" and not anns[1].manual
    assert anns[2].manual and anns[2].line == 27


def test_invalid_metadata_names_file_and_line(tmp_path):
    bad = "# METADATA\n# title: [unclosed\npackage aiact.demo\n"
    with pytest.raises(PolicyError) as ei:
        read_annotations(_module(tmp_path, bad))
    assert "demo.rego:" in ei.value.render()


def _entries() -> dict[str, CatalogueEntry]:
    def e(i, parent=None, binds=("provider",), tiers=("high_risk",)):
        return CatalogueEntry(i, f"Art {i}", i, binds, tiers, parent, "requirements")
    return {"x": e("x"), "x.1": e("x.1", "x"), "x.2": e("x.2", "x"), "x.3": e("x.3", "x"),
            "y": e("y", tiers=("transparency",)), "z": e("z", binds=("commission_ai_office",)),
            "w": e("w", tiers=("gpai",)), "w.a": e("w.a", "w", tiers=("gpai",))}


def test_coverage_statuses(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "demo.rego").write_text(PKG.replace("[x.1]", "[x.1, w]"))
    b = load_bundle([tmp_path], include_builtin=False)
    rep = coverage(b, _entries(), {"y": "not a duty"})
    assert rep.status["x.1"] == "automated"
    assert rep.status["x.2"] == "manual"
    assert rep.status["x.3"] == "uncovered"
    assert rep.status["x"] == "uncovered"  # a child is uncovered, so the parent is too
    assert rep.status["y"] == "excluded"
    assert "z" not in rep.status  # binds no operator
    assert rep.status["w.a"] == "automated"  # inherits its mapped parent
    assert rep.counts()["high_risk"] == {"automated": 1, "manual": 1, "excluded": 0, "uncovered": 2}
    assert rep.uncovered(("high_risk",)) == ["x", "x.3"]


def test_catalogue_sub_items_inherit_binds_and_tiers():
    cat = load_catalogue()
    assert cat["art17.1.m"].binds == ("provider",) and cat["art17.1.m"].tiers == ("high_risk",)
    assert cat["art17.1.m"].parent == "art17"
    assert cat["annexV.8"].parent == "art47"
    assert cat["art5.1.f"].tiers == ("prohibited",)
    assert cat["annex_iv.2.g"].tiers == ("high_risk",)


def test_render_docs_one_page_per_package(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "demo.rego").write_text(PKG)
    pages = render_docs(load_bundle([tmp_path], include_builtin=False))
    assert sorted(pages) == ["aiact.demo.md", "index.md"]
    page = pages["aiact.demo.md"]
    assert "### DEMO-1: Automated check" in page and "| check | manual attestation |" in page
    assert "someone confirms it" in page
    assert "[aiact.demo](aiact.demo.md)" in pages["index.md"]


def test_cli_coverage_strict_and_json():
    r = CliRunner().invoke(cli, ["policy", "coverage", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["status"]["art17.1.a"] == "automated"
    assert data["status"]["art101"] == "excluded"
    assert "AIACT-73-4" in data["rules"]["art73.4"]


def test_cli_coverage_strict_fails_on_uncovered(tmp_path, monkeypatch):
    import aiconform.engine.policy_tools as pt

    real = pt.load_catalogue

    def with_extra(path=None):
        cat = dict(real(path))
        cat["art999"] = CatalogueEntry("art999", "Art 999", "new duty", ("provider",), ("high_risk",), None, "requirements")
        return cat

    monkeypatch.setattr(pt, "load_catalogue", with_extra)
    r = CliRunner().invoke(cli, ["policy", "coverage", "--strict"])
    assert r.exit_code == 1
    assert "art999" in r.output


def test_cli_doc_writes_pages(tmp_path):
    r = CliRunner().invoke(cli, ["policy", "doc", "--out", str(tmp_path / "ref")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "ref" / "aiact.art73.md").read_text().count("### AIACT-73-") == 4
    assert (tmp_path / "ref" / "index.md").exists()


def test_cli_test_runs_an_org_pack():
    root = Path(__file__).resolve().parents[2] / "examples" / "org-policies"
    r = CliRunner().invoke(cli, ["policy", "test", "--no-coverage", "-q", str(root)])
    assert r.exit_code == 0, r.output
    assert "0 failed, 0 errors" in r.output
