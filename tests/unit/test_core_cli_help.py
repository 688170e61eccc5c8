"""`aiconform --help` lists the commands from a static table instead of importing them all; the table must
say exactly what each command's own help says."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from aiconform.engine import cli as cli_mod
from aiconform.engine.cli import _SUMMARIES, cli


def test_every_command_has_its_own_summary() -> None:
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert sorted(_SUMMARIES) == names
    for name in names:
        cmd = cli.get_command(ctx, name)
        for limit in (40, 60, 200, 400):
            assert click.utils.make_default_short_help(_SUMMARIES[name], limit) == cmd.get_short_help_str(limit), name


@pytest.mark.parametrize("width", [80, 120])
def test_help_reads_as_if_every_command_were_imported(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    def render() -> str:
        ctx = click.Context(cli, terminal_width=width, max_content_width=110)
        return cli.get_help(ctx)

    lazy = render()
    monkeypatch.setattr(cli_mod, "_SUMMARIES", {})  # the fallback asks each command
    assert render() == lazy
    assert "gate " in lazy and "reproduce " in lazy


def test_help_imports_no_command_module() -> None:
    code = ("import sys; from aiconform.engine.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('aiconform.engine.commands.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
