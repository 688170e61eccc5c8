"""The process entry re-executes evaluating commands once with GOGC set (the Go runtime of the embedded
OPA reads it only from the environment the process started with)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiconform.engine import launch


class _Exec(Exception):
    pass


class _Exit(SystemExit):
    pass


@pytest.fixture(autouse=True)
def _no_real_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """launch.main ends gate/check with os._exit: never let it end pytest."""
    def fake(code: int) -> None:
        raise _Exit(code)

    monkeypatch.setattr(os, "_exit", fake)


@pytest.fixture
def execs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], dict[str, str]]]:
    calls: list[tuple[str, list[str], dict[str, str]]] = []

    def fake(path: str, args: list[str], env: dict[str, str]) -> None:
        calls.append((path, list(args), dict(env)))
        raise _Exec

    monkeypatch.setattr(os, "execve", fake)
    monkeypatch.delenv("GOGC", raising=False)
    monkeypatch.delenv("AICONFORM_NO_REEXEC", raising=False)
    return calls


def _argv(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", ["aiconform", *args])
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "/venv/bin/aiconform", *args])


def _run(fn) -> None:  # noqa: ANN001
    try:
        fn()
    except SystemExit:
        pass


def test_evaluating_command_reexecutes_with_gogc(execs: list, monkeypatch: pytest.MonkeyPatch) -> None:
    _argv(monkeypatch, "--debug", "gate", "--as-of", "2028-03-01")
    with pytest.raises(_Exec):
        launch.main()
    path, args, env = execs[0]
    assert path == sys.executable and args == [sys.executable, "/venv/bin/aiconform", "--debug", "gate", "--as-of",
                                                "2028-03-01"]
    assert env["GOGC"] == launch.GOGC


@pytest.mark.parametrize("env", [{"GOGC": "100"}, {"AICONFORM_NO_REEXEC": "1"}])
def test_explicit_setting_keeps_the_process(execs: list, monkeypatch: pytest.MonkeyPatch, env: dict) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    _argv(monkeypatch, "gate", "--help")
    _run(launch.main)
    assert execs == []


@pytest.mark.parametrize("args", [("verify", "--help"), ("--help",), ("diff", "--help")])
def test_other_commands_do_not_reexecute(execs: list, monkeypatch: pytest.MonkeyPatch, args: tuple) -> None:
    _argv(monkeypatch, *args)
    _run(launch.main)
    assert execs == []


def test_reexecuted_command_runs_the_go_runtime_with_gogc(tmp_path: Path) -> None:
    """Real process: the Go runtime's GC trace shows the heap goal GOGC=400 gives (5x the live heap)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOGC", "AICONFORM_NO_REEXEC")}
    env["GODEBUG"] = "gctrace=1"
    answers = Path(__file__).parents[1] / "classification" / "scenarios" / "SC-017.yaml"
    p = subprocess.run([sys.executable, "-m", "aiconform", "classify", "--answers", str(answers), "--as-of",
                        "2027-12-02"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    goals = [line for line in p.stderr.splitlines() if line.startswith("gc ") and "MB goal" in line]
    assert goals, p.stderr[-2000:]
    # "a->b->c MB, g MB goal": a cycle's goal is set from the live heap c the previous cycle left, times
    # 1 + GOGC/100: 5x with GOGC=400 (2x with Go's default)
    live = [int(g.split("->")[2].split(" ")[0]) for g in goals]
    goal = [int(g.split(" MB goal")[0].rsplit(" ", 1)[1]) for g in goals]
    pairs = [(goal[i], live[i - 1]) for i in range(1, len(goals)) if live[i - 1] >= 4]
    assert pairs, goals
    assert all(g >= 4.5 * lv for g, lv in pairs), goals


def test_gate_ends_the_process_without_teardown_after_flushing(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GOGC", "200")
    _argv(monkeypatch, "gate", "--help")
    with pytest.raises(_Exit) as ended:
        launch.main()
    assert ended.value.code == 0 and "Usage" in capsys.readouterr().out
    _argv(monkeypatch, "gate", "--no-such-option")
    with pytest.raises(_Exit) as ended:
        launch.main()
    assert ended.value.code == 2


@pytest.mark.parametrize("args,workspace,engine", [
    ([], None, None),
    (["--workspace", "ws"], "ws", None),
    (["-w", "ws", "--engine", "opa-server"], "ws", "opa-server"),
    (["--workspace=ws/aiconform.yaml", "--engine=embedded"], "ws/aiconform.yaml", "embedded"),
    (["-wws", "-s", "x"], "ws", None),
    (["-w", "a", "-w", "b"], "b", None),  # the last one wins, as in click
    (["-w", "a", "-w"], None, None),  # no value: no guess (click rejects the line anyway)
    (["--output", "json=x", "--", "-w", "other"], None, None),  # nothing after `--`
])
def test_early_start_reads_workspace_and_engine_as_click_would(args: list[str], workspace: str | None,
                                                              engine: str | None) -> None:
    assert (launch._option(args, "--workspace", "-w"), launch._option(args, "--engine")) == (workspace, engine)


def test_gate_starts_compiling_before_click_is_imported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "aiconform.yaml").write_text("version: 1\nengine: {kind: embedded}\nsystems: []\n", encoding="utf-8")
    started: list[tuple[Path, str | None]] = []
    from aiconform.engine import evaluator

    monkeypatch.setattr(evaluator, "prestart", lambda ws, engine=None: started.append((ws, engine)))
    launch._early_prestart(["gate", "-w", str(tmp_path), "--engine", "embedded"])
    launch._early_prestart(["check", "--workspace", str(tmp_path)])
    launch._early_prestart(["gate", "--help"])
    launch._early_prestart(["report", "-w", str(tmp_path)])  # not a fast-exit command: starts nothing
    assert started == [(tmp_path, "embedded"), (tmp_path, None)]
