"""Process entry point of the ``aiconform`` command (and ``python -m aiconform``).

The embedded OPA evaluator is a Go library, and the Go runtime reads its garbage-collector setting
(``GOGC``) from the environment the *process* started with: setting ``os.environ`` later is invisible
to it. With Go's default (100) the policy compile and every evaluation spend a large share of their CPU
collecting; ``GOGC=200`` measured about 15-35 % less CPU for the compile and about 20 % less per
evaluation, for 20-25 MB more memory (bench/). So, before importing anything else, a command that
evaluates policies re-executes itself once with ``GOGC=200`` in its environment (``execve``: same
process id, same arguments, about 30 ms). An explicit ``GOGC`` (any value) or ``AICONFORM_NO_REEXEC=1``
keeps the process as it is. Library use (``from aiconform.engine.cli import main``) never re-executes.
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["main", "GOGC"]

GOGC = "200"
# Commands that compile or evaluate Rego in this process (portfolio sets GOGC for its workers itself).
_EVALUATING = frozenset({"gate", "check", "classify", "reproduce", "demo", "report", "policy"})


def _command(argv: list[str]) -> str | None:
    for a in argv:
        if not a.startswith("-"):
            return a
    return None


def _reexec_with_gogc() -> None:
    if "GOGC" in os.environ or os.environ.get("AICONFORM_NO_REEXEC") == "1":
        return
    if _command(sys.argv[1:]) not in _EVALUATING or not getattr(sys, "orig_argv", None):
        return
    env = {**os.environ, "GOGC": GOGC}
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, sys.orig_argv, env)
    except OSError:  # cannot re-execute (odd embedding, seccomp): run as we are
        return


def main() -> Any:
    _reexec_with_gogc()
    from .cli import main as cli_main

    return cli_main()
