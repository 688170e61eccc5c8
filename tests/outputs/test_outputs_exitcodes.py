"""exit_code: one test per row of the table in engine/exitcodes.py, with and without --no-fail."""

from __future__ import annotations

import pytest
from aiconform.engine.exitcodes import exit_code, reason
from outputs_factory import finding, report

F = finding

# (row, findings, tier, fail_on, expected default, expected with --no-fail)
ROWS = [
    ("error finding", [F(status="pass"), F("R-2", status="error")], "high_risk", "deny", 2, 2),
    ("error beats deny failure", [F(status="fail"), F("R-2", status="error")], "high_risk", "deny", 2, 2),
    ("no finding at all", [], "high_risk", "deny", 2, 2),
    ("no finding, minimal tier", [], "minimal", "deny", 2, 2),
    ("deny failed", [F(status="fail", severity="deny")], "high_risk", "deny", 1, 0),
    ("deny failed under --fail-on warn", [F(status="fail", severity="deny")], "high_risk", "warn", 1, 0),
    ("undetermined tier", [F(status="not_applicable")], "undetermined", "deny", 1, 0),
    ("warn failed, --fail-on warn", [F(status="fail", severity="warn")], "high_risk", "warn", 1, 0),
    ("warn failed, --fail-on deny", [F(status="fail", severity="warn")], "high_risk", "deny", 0, 0),
    ("manual, --fail-on warn", [F(status="manual", severity="deny")], "high_risk", "warn", 1, 0),
    ("manual, --fail-on deny", [F(status="manual", severity="deny")], "high_risk", "deny", 0, 0),
    ("info failed", [F(status="fail", severity="info")], "high_risk", "warn", 0, 0),
    ("waived deny", [F(status="waived", severity="deny")], "high_risk", "deny", 0, 0),
    ("all pass", [F(status="pass"), F("R-2", status="pass")], "high_risk", "deny", 0, 0),
    ("only not applicable", [F(status="not_applicable"), F("R-2", status="not_yet_applicable")], "minimal",
     "deny", 0, 0),
    ("prohibited tier with its blocking finding", [F("AIACT-5-1", status="fail")], "prohibited", "deny", 1, 0),
]


@pytest.mark.parametrize(("row", "findings", "tier", "fail_on", "expected", "expected_no_fail"), ROWS,
                         ids=[r[0] for r in ROWS])
def test_exit_code_table(row: str, findings: list, tier: str, fail_on: str, expected: int,  # type: ignore[type-arg]
                         expected_no_fail: int) -> None:
    r = report(findings, tier=tier)
    assert exit_code(r, fail_on=fail_on) == expected
    assert exit_code(r, fail_on=fail_on, no_fail=True) == expected_no_fail
    assert reason(r, fail_on=fail_on)  # every row explains itself


def test_no_report_is_2_even_with_no_fail() -> None:
    assert exit_code(None) == 2
    assert exit_code(None, no_fail=True) == 2
    assert "could not be produced" in reason(None)


def test_unknown_fail_on_is_refused() -> None:
    with pytest.raises(ValueError, match="fail_on"):
        exit_code(report([finding(status="pass")]), fail_on="info")


def test_reasons_name_the_row() -> None:
    assert reason(report([finding(status="fail")])) == "blocking (deny) findings failed"
    assert reason(report([finding(status="fail")]), no_fail=True).endswith("(not failing: --no-fail)")
    assert reason(report([])).startswith("no requirement was evaluated")
