"""Process entry point of the ``aiconform`` command (and ``python -m aiconform``).

The embedded OPA evaluator is a Go library, and the Go runtime reads its garbage-collector setting
(``GOGC``) from the environment the *process* started with: setting ``os.environ`` later is invisible
to it. The compile and the evaluations allocate a lot of short-lived memory over a small live heap (15-40 MB),
so with Go's default (100) they spend a large share of their CPU collecting. Measured on the demo gate
(bench/, interleaved runs): GOGC=200 saved 0.15-0.2 s of CPU against the default, and GOGC=400 another
0.1-0.15 s (0.83 s against 0.92 s median wall), for about 25 MB more peak memory (150 MB in all, the
target being 200 MB). So, before importing anything else, a command that evaluates policies re-executes
itself once with ``GOGC=400`` in its environment (``execve``: same process id, same arguments, about
30 ms). An explicit ``GOGC`` (any value) or ``AICONFORM_NO_REEXEC=1``
keeps the process as it is. Library use (``from aiconform.engine.cli import main``) never re-executes.
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["main", "GOGC"]

GOGC = "400"
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


# Commands whose process ends as soon as the command returns: their files are written atomically and
# closed, the ledger connection is closed, the engine too; what is left is Python tearing down every
# module and object (about 50-80 ms of a one-second gate).
_FAST_EXIT = frozenset({"gate", "check"})


def _option(args: list[str], long: str, short: str | None = None) -> str | None:
    """The value of an option as click would read it (``--name V``, ``--name=V``, ``-n V``, ``-nV``); None
    when absent. A guess for an early start only: click still parses the real command line."""
    value = None
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == long or (short and a == short):
            value = args[i + 1] if i + 1 < len(args) else None
        elif a.startswith(long + "="):
            value = a[len(long) + 1:]
        elif short and a.startswith(short) and len(a) > len(short) and not a.startswith("--"):
            value = a[len(short):]
    return value


def _early_prestart(argv: list[str]) -> None:
    """For gate and check: start compiling the policies before click and the command modules are even
    imported (the compile is the gate's critical path). The command's own prestart() call finds this one
    when the workspace and engine match, and starts afresh otherwise."""
    cmd = _command(argv)
    if cmd not in _FAST_EXIT or "--help" in argv or "-h" in argv:
        return
    args = argv[argv.index(cmd) + 1:]
    from pathlib import Path

    from .evaluator import prestart

    prestart(Path(_option(args, "--workspace", "-w") or "."), _option(args, "--engine"))


def main() -> Any:
    _reexec_with_gogc()
    _early_prestart(sys.argv[1:])
    from .cli import main as cli_main

    if _command(sys.argv[1:]) not in _FAST_EXIT:
        return cli_main()
    try:
        code = cli_main()
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    if not isinstance(code, int):
        raise SystemExit(code)
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
