"""The command layer: the only place that prints or exits.

Subcommands live in ``engine/commands/<name>.py`` (``<name>`` with ``_`` for ``-``), each exposing a
click command named ``command``. They are discovered by file name and imported only when invoked, so
``aiconform --help`` and ``aiconform gate`` never pay for WeasyPrint, MLflow or pyHanko.

Exit codes: 0 evaluated, nothing blocking; 1 blocking findings (or an invalid signature for
``verify``); 2 could not evaluate (any :class:`~aiconform.engine.errors.AiconformError`, or an
unexpected internal error). No traceback unless ``--debug``.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from .errors import AiconformError

__all__ = ["main", "cli"]

_COMMANDS_DIR = Path(__file__).parent / "commands"


def _command_names() -> list[str]:
    names = []
    for f in os.listdir(_COMMANDS_DIR):
        if f.endswith(".py") and not f.startswith("_"):
            names.append(f[:-3].replace("_", "-"))
    return sorted(names)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(_command_names()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        cmd = super().get_command(ctx, name)
        if cmd is not None:
            return cmd
        if name not in _command_names():
            return None
        mod = importlib.import_module(f"{__package__}.commands.{name.replace('-', '_')}")
        return mod.command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="aiconform")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """aiconform: EU AI Act compliance as code (Reg. (EU) 2024/1689 as amended by Reg. (EU) 2026/1744).

    \b
    Exit codes: 0 evaluated, nothing blocking | 1 blocking findings | 2 could not evaluate.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main(argv: list[str] | None = None) -> Any:
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        return cli.main(args=argv, prog_name="aiconform", standalone_mode=False)
    except AiconformError as exc:
        if debug:
            raise
        click.echo(f"error: {exc.render()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)  # usage errors: could not evaluate
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(2)
    except Exception as exc:  # internal error: still exit 2, never a silent 0 or a confusing 1
        if debug:
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}\n  hint: re-run with --debug for a traceback and "
                   "report it", err=True)
        sys.exit(2)
