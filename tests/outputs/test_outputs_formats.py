"""JSON (canonical), OSCAL (trestle models), and the output registry (several outputs, atomic)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.errors import UsageError
from aiconform.engine.models import Report
from aiconform.engine.outputs import FORMATS, OutputContext, OutputSpec, parse_output, render, write_outputs
from outputs_factory import build_rich_report, finding, report


def test_json_is_the_canonical_report(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    data = render("json", r, OutputContext(workspace_root=ws, source_root=ws))
    assert data == canonical_bytes(r)
    assert Report.model_validate_json(data) == r  # round-trips to the same Report
    assert data == render("json", r, OutputContext(source_root=Path("/elsewhere")))  # context never leaks in


def test_oscal_assessment_results_validate_against_trestle_models(tmp_path: Path) -> None:
    from trestle.oscal.assessment_results import Model

    r, ws = build_rich_report(tmp_path)
    data = render("oscal", r, OutputContext(workspace_root=ws))
    model = Model.model_validate_json(data)  # the whole document, through trestle's pydantic models
    ar = model.assessment_results
    res = ar.results[0]
    assert str(res.start.date()) == "2027-12-02"
    applicable = [f for f in r.findings if f.status.value not in ("not_applicable", "not_yet_applicable")]
    assert len(res.findings) == len(applicable) == len(res.observations)
    states = {f.target.target_id: f.target.status.state.value for f in res.findings}
    assert states["AIACT-11-1"] == "satisfied"
    assert states["AIACT-9-2-a"] == "not-satisfied"
    assert states["AIACT-13-3-b"] == "not-satisfied"  # waived is not satisfied; the waiver is in remarks
    waived = next(f for f in res.findings if f.target.target_id == "AIACT-13-3-b")
    assert "jane.doe" in waived.remarks
    obs = {o.uuid: o for o in res.observations}
    art9 = next(f for f in res.findings if f.target.target_id == "AIACT-9-2-a")
    ev = obs[art9.related_observations[0].observation_uuid].relevant_evidence
    assert ev and ev[0].href.startswith("file://") and ev[0].props[0].value == "a" * 64
    manual = next(f for f in res.findings if f.target.target_id == "AIACT-17-1-a")
    assert obs[manual.related_observations[0].observation_uuid].methods == ["EXAMINE"]
    assert "2 requirement(s) not applicable" in res.remarks
    assert ar.import_ap.href == "#" + ar.back_matter.resources[0].uuid


def test_oscal_is_deterministic_and_uuids_differ_per_finding(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    a = render("oscal", r)
    assert a == render("oscal", r)
    doc = json.loads(a)["assessment-results"]
    uuids = [f["uuid"] for f in doc["results"][0]["findings"]]
    assert len(uuids) == len(set(uuids))


def test_parse_output_specs() -> None:
    assert parse_output("sarif=out/a.sarif") == OutputSpec("sarif", Path("out/a.sarif"))
    assert parse_output("GitHub") == OutputSpec("github", None)
    with pytest.raises(UsageError, match="unknown output format 'pdf'"):
        parse_output("pdf=x.pdf")
    with pytest.raises(UsageError, match="names no file"):
        parse_output("junit=")
    assert set(FORMATS) == {"json", "sarif", "junit", "github", "oscal", "markdown", "table"}


def test_several_outputs_in_one_run_from_the_same_report(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    out = tmp_path / "out"
    specs = [parse_output(f"{fmt}={out / name}") for fmt, name in
             [("sarif", "a.sarif"), ("junit", "a.xml"), ("json", "a.json"), ("oscal", "a.oscal.json"),
              ("markdown", "a.md"), ("github", "a.annotations")]] + [parse_output("table")]
    stdout = io.StringIO()
    written = write_outputs(specs, r, OutputContext(workspace_root=ws, source_root=ws.parent), stdout=stdout, env={})
    assert sorted(p.name for p in written) == sorted(["a.sarif", "a.xml", "a.json", "a.oscal.json", "a.md",
                                                      "a.annotations"])
    assert Report.model_validate_json((out / "a.json").read_bytes()) == r
    sarif = json.loads((out / "a.sarif").read_text())
    assert sarif["runs"][0]["properties"]["inputs_digest"] == r.inputs_digest
    assert "credit-scoring" in stdout.getvalue()
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]  # no temporary files left


def test_a_failing_renderer_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiconform.engine.outputs import junit

    def boom(report, ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(junit, "render", boom)
    specs = [OutputSpec("json", tmp_path / "a.json"), OutputSpec("junit", tmp_path / "a.xml")]
    with pytest.raises(RuntimeError):
        write_outputs(specs, report([finding()]), OutputContext(), env={})
    assert list(tmp_path.iterdir()) == []


def test_two_outputs_to_one_file_is_a_usage_error(tmp_path: Path) -> None:
    specs = [OutputSpec("json", tmp_path / "a"), OutputSpec("sarif", tmp_path / "a")]
    with pytest.raises(UsageError, match="same file"):
        write_outputs(specs, report([finding()]), OutputContext(), env={})


def test_existing_output_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    ino = os.stat(target).st_ino
    write_outputs([OutputSpec("json", target)], report([finding()]), OutputContext(), env={})
    assert target.read_bytes().startswith(b"{") and os.stat(target).st_ino != ino  # renamed over, not rewritten


def test_output_modules_are_imported_lazily() -> None:
    import subprocess
    import sys

    code = ("import sys; import aiconform.engine.outputs as o; import aiconform.engine.exitcodes; "
            "import aiconform.engine.baseline; "
            "bad = [m for m in ('rich', 'trestle', 'xml.etree.ElementTree', 'jsonschema') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
