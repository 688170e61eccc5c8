"""Baselines (fail only on new findings) and diffs between two results files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiconform.engine.baseline import (
    accept_known,
    baseline_from_report,
    diff_results,
    finding_key,
    load_baseline,
)
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.errors import UsageError
from aiconform.engine.exitcodes import exit_code
from aiconform.engine.models import Status
from outputs_factory import finding, report


def _write(path: Path, r) -> Path:  # type: ignore[no-untyped-def]
    path.write_bytes(canonical_bytes(r))
    return path


def test_identity_is_rule_and_sorted_subjects() -> None:
    assert finding_key("R", ["b", "a"]) == finding_key("R", ("a", "b")) == ("R", ("a", "b"))
    assert finding_key("R", ["a"]) != finding_key("R2", ["a"])


def test_baseline_absorbs_known_failures_only(tmp_path: Path) -> None:
    old = report([finding("R-1", "fail", subjects=("m:1",)), finding("R-2", "pass")])
    base = load_baseline(_write(tmp_path / "base.json", old))
    assert base.open_keys == {("R-1", ("m:1",))}
    same = report([finding("R-1", "fail", subjects=("m:1",), message="reworded"), finding("R-2", "pass")])
    assert exit_code(same) == 1
    assert exit_code(accept_known(same, base)) == 0
    # a new failure (different rule, or the same rule on another subject) still fails the gate
    new_rule = report([finding("R-1", "fail", subjects=("m:1",)), finding("R-2", "fail")])
    assert exit_code(accept_known(new_rule, base)) == 1
    new_subject = report([finding("R-1", "fail", subjects=("m:2",))])
    assert exit_code(accept_known(new_subject, base)) == 1


def test_baseline_never_hides_errors(tmp_path: Path) -> None:
    old = report([finding("R-1", "error")])
    base = load_baseline(_write(tmp_path / "base.json", old))
    assert exit_code(accept_known(report([finding("R-1", "error")]), base)) == 2


def test_accepted_findings_are_marked_but_the_original_is_untouched(tmp_path: Path) -> None:
    r = report([finding("R-1", "fail"), finding("R-2", "manual")])
    view = accept_known(r, baseline_from_report(r, "b.json"))
    assert [f.status for f in view.findings] == [Status.waived, Status.waived]
    assert view.findings[0].waiver.owner == "baseline" and "b.json" in view.findings[0].waiver.justification
    assert [f.status for f in r.findings] == [Status.failed, Status.manual]
    assert exit_code(view, fail_on="warn") == 0


def test_bad_baseline_files_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="baseline file not found") as e:
        load_baseline(tmp_path / "missing.json")
    assert "missing.json" in e.value.render()
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": [\n  {"rule_id": 3}', encoding="utf-8")
    with pytest.raises(UsageError, match="not valid JSON") as e:
        load_baseline(bad)
    assert "bad.json:2" in e.value.render()
    bad.write_text(json.dumps({"findings": [{"rule_id": "R", "subjects": "x", "status": "fail"}]}))
    with pytest.raises(UsageError, match=r"findings\[0\]\.subjects"):
        load_baseline(bad)
    bad.write_text(json.dumps({"version": "2.1.0", "runs": []}))
    with pytest.raises(UsageError, match="not an aiconform results file"):
        load_baseline(bad)


def test_diff_lists_new_fixed_and_unchanged(tmp_path: Path) -> None:
    a = report([finding("R-1", "fail"), finding("R-2", "fail"), finding("R-3", "pass"), finding("R-4", "manual")])
    b = report([finding("R-1", "fail"), finding("R-2", "pass"), finding("R-3", "fail"), finding("R-5", "error")])
    d = diff_results(load_baseline(_write(tmp_path / "a.json", a)), load_baseline(_write(tmp_path / "b.json", b)))
    assert [e.key[0] for e in d.new] == ["R-3", "R-5"]
    assert [e.key[0] for e in d.fixed] == ["R-2", "R-4"]
    assert [e.key[0] for e in d.unchanged] == ["R-1"]
    fixed = {e.key[0]: e.status for e in d.fixed}
    assert fixed == {"R-2": "pass", "R-4": "absent"}  # B's view when B has it, else absent
    js = d.to_json()
    assert js["a"]["file"].endswith("a.json") and [x["rule_id"] for x in js["new"]] == ["R-3", "R-5"]
