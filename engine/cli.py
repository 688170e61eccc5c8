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


# The first line of each command's help, so that `aiconform --help` lists the commands without importing
# them all (that import is 0.2-0.4 s: the report stack, the portfolio...). A test keeps this in step with
# the commands' own help; a command missing here is imported to ask it.
_SUMMARIES = {
    "catalog": "The model catalogue: every AI system with its tier, owner, model versions and status.",
    "check": "Evaluate a system and show what passes, what fails and why (with citations).",
    "classify": "Classify an AI system under the EU AI Act (tier, roles, flags, provisions, obligations, dates).",
    "collect": "Collect evidence from the sources named in aiconform.yaml.",
    "demo": "Run classify -> collect -> evaluate -> signed PDF -> verify on the bundled credit-scoring example.",
    "diff": "List open findings (fail, manual, error) new in B, fixed in B, and unchanged.",
    "evidence": "Inspect collected evidence (the store under .aiconform/evidence).",
    "gate": "Evaluate a system as a CI gate: exit 0 pass, 1 blocking findings, 2 could not evaluate.",
    "history": "List the runs of SYSTEM from the audit ledger: run id, when, as-of date, tier, status, digests.",
    "init": "Create a commented example aiconform.yaml (refuses to overwrite an existing one).",
    "keys": "Signing identities for reports.",
    "ledger": "The tamper-evident audit ledger (.aiconform/ledger.sqlite).",
    "policy": "Work with the policy pack: test, coverage, doc.",
    "portfolio": "Evaluate all systems in parallel; write the status matrix, blocking items, deadlines, stale "
                 "evidence and owners as HTML / PDF / JSON.",
    "report": "Render the conformity report for a system (signed PDF/A-3b by default).",
    "reproduce": "Re-evaluate RUN_ID from the evidence store (offline) with its recorded date and policy bundle; "
                 "exit 0 when the results digest is identical, 1 listing what differs and why.",
    "verify": "Verify the signature of a report PDF, or of a results JSON (with its .sig beside it).",
}


class LazyGroup(click.Group):
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, with each summary from _SUMMARIES instead of importing the command."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if name in _SUMMARIES and name not in self.commands:
                rows.append((name, click.utils.make_default_short_help(_SUMMARIES[name], limit)))
                continue
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
