"""``aiconform verify FILE``: check a signed report PDF or a signed results JSON.

Exit 0 valid; 1 invalid (any modified byte, content changed after signing, no signature, untrusted signer
when --trust is given, embedded results not matching); 2 the file cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["command"]


@click.command("verify")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--trust", "trust", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Trust root certificate (PEM/DER); repeat for several. Without it, trust is not checked.")
def command(file: Path, trust: tuple[Path, ...]) -> None:
    """Verify the signature of a report PDF, or of a results JSON (with its .sig beside it).

    \b
    Exit codes: 0 valid | 1 invalid or modified | 2 unreadable.
    """
    from ..report.verify import verify_file

    result = verify_file(file, trust_roots=tuple(trust))
    stream_err = result.exit_code == 2
    for line in result.summary_lines():
        click.echo(line, err=stream_err)
    sys.exit(result.exit_code)
