"""One function maps a Report to the process exit code of ``aiconform gate`` / ``check``.

The whole policy is the table below, read top to bottom; the first matching row decides.

    =====================================================  ===========  ==========
    condition                                              default      --no-fail
    =====================================================  ===========  ==========
    no report (evaluation could not be produced)           2            2
    a finding has status "error" (rule not evaluable)      2            2
    the report holds no finding at all (nothing loaded)    2            2
    a deny finding failed                                  1            0
    the tier is "undetermined" (answers to settle)         1            0
    --fail-on warn and a warn finding failed               1            0
    --fail-on warn and a requirement awaits attestation    1            0
    otherwise                                              0            0
    =====================================================  ===========  ==========

``--no-fail`` (gradual roll-out) never hides a run that could not evaluate: 2 stays 2. Waived,
passing, not-applicable and not-yet-applicable findings never block; failed ``info`` findings never
block. A baseline is applied before this function (see :mod:`aiconform.engine.baseline`), so the
table stays the only place that decides.
"""

from __future__ import annotations

from .models import Report, Severity, Status, Tier

__all__ = ["OK", "BLOCKING", "CANNOT_EVALUATE", "FAIL_ON", "exit_code", "reason"]

OK, BLOCKING, CANNOT_EVALUATE = 0, 1, 2
FAIL_ON = ("deny", "warn")


def _rows(report: Report | None, fail_on: str) -> list[tuple[bool, int, str]]:
    if report is None:
        return [(True, CANNOT_EVALUATE, "no report: the evaluation could not be produced")]
    fs = report.findings
    failed = [f for f in fs if f.status == Status.failed]
    return [
        (any(f.status == Status.error for f in fs), CANNOT_EVALUATE,
         "a requirement could not be evaluated (status error)"),
        (not fs, CANNOT_EVALUATE, "no requirement was evaluated (are the policies loaded?)"),
        (any(f.severity == Severity.deny for f in failed), BLOCKING, "blocking (deny) findings failed"),
        (report.classification.tier == Tier.undetermined, BLOCKING,
         "the risk tier is undetermined: answer the questions to settle"),
        (fail_on == "warn" and any(f.severity == Severity.warn for f in failed), BLOCKING,
         "warnings failed under --fail-on warn"),
        (fail_on == "warn" and any(f.status == Status.manual for f in fs), BLOCKING,
         "requirements await a manual attestation under --fail-on warn"),
    ]


def _decide(report: Report | None, fail_on: str, no_fail: bool) -> tuple[int, str]:
    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    for hit, code, why in _rows(report, fail_on):
        if hit:
            if no_fail and code == BLOCKING:
                return OK, why + " (not failing: --no-fail)"
            return code, why
    return OK, "no blocking finding"


def exit_code(report: Report | None, *, fail_on: str = "deny", no_fail: bool = False) -> int:
    """0 evaluated with nothing blocking; 1 blocking findings; 2 could not evaluate."""
    return _decide(report, fail_on, no_fail)[0]


def reason(report: Report | None, *, fail_on: str = "deny", no_fail: bool = False) -> str:
    """The row of the table that decided :func:`exit_code`, in words (printed by the CLI)."""
    return _decide(report, fail_on, no_fail)[1]
