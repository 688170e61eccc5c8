"""`aiconform classify`: the risk-classification questionnaire, scriptable and interactive.

    aiconform classify --answers FILE [--as-of DATE] [--format text|json|markdown] [--output PATH]
    aiconform classify --schema
    aiconform classify --interactive [--save PARTIAL.yaml] [--resume PARTIAL.yaml] [--as-of DATE] ...

Exit codes: 0 classified (a prohibited result is a result, reported loudly); 2 invalid answers or
usage (nothing written).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

__all__ = ["command"]


def _parse_date(value: str | None) -> dt.date:
    from ..errors import UsageError

    if value is None:
        return dt.date.today()  # the shell supplies the clock; core logic always receives as_of
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date", hint="use YYYY-MM-DD, e.g. --as-of 2027-12-02") from None


@click.command("classify")
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Answers file (YAML or JSON) to classify.")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Evaluation date YYYY-MM-DD (default: today). Decides which text and dates apply.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="PATH",
              help="Write the result to PATH (atomically) instead of stdout.")
@click.option("--schema", "schema", is_flag=True, help="Print the JSON Schema of an answers file and exit.")
@click.option("--interactive", "interactive", is_flag=True, help="Ask the questions in the terminal.")
@click.option("--save", "save", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Interactive: save the answers to FILE after every question (resume later with --resume).")
@click.option("--resume", "resume", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Interactive: start from the (partial) answers in FILE.")
def command(answers_path: Path | None, as_of: str | None, fmt: str, output: Path | None, schema: bool,
            interactive: bool, save: Path | None, resume: Path | None) -> None:
    """Classify an AI system under the EU AI Act (tier, roles, flags, provisions, obligations, dates)."""
    from ..canonical import atomic_write
    from ..classify import answers_schema, classify, load_answers, render_json, render_markdown, render_text
    from ..errors import UsageError

    if schema:
        text = json.dumps(answers_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if output:
            atomic_write(output, text.encode("utf-8"))
        else:
            click.echo(text, nl=False)
        return
    date = _parse_date(as_of)
    if interactive:
        if answers_path:
            raise UsageError("--answers and --interactive cannot be combined",
                             hint="use --resume FILE to continue from existing answers")
        from ..questionnaire import run_interactive

        answers = run_interactive(save=save, resume=resume)
        if answers is None:
            click.echo("questionnaire left before the end; nothing classified"
                       + (f" (answers saved in {save})" if save else ""), err=True)
            raise SystemExit(2)
    else:
        if save or resume:
            raise UsageError("--save and --resume work with --interactive")
        if not answers_path:
            raise UsageError("nothing to classify", hint="give --answers FILE, --interactive or --schema")
        answers = load_answers(answers_path)
    result = classify(answers, date)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[fmt]
    text = render(result)
    if result.tier.value == "prohibited":
        click.secho("PROHIBITED PRACTICE (Art 5): this system must not be placed on the market, put into service "
                    "or used. See the triggering provisions.", err=True, fg="red", bold=True)
    if output:
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"classification written to {output} (tier: {result.tier.value})", err=True)
    else:
        click.echo(text, nl=False)
