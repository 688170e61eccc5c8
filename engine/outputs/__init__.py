"""Machine and human outputs of one evaluation, one module per format behind one interface.

    from aiconform.engine.outputs import OutputContext, OutputSpec, parse_output, render, write_outputs
    specs = [parse_output("sarif=out/aiconform.sarif"), parse_output("github")]
    write_outputs(specs, report, OutputContext(source_root=Path.cwd()))

Every format is rendered from the same Report, every file is written atomically
(:func:`aiconform.engine.canonical.atomic_write`). A spec without ``=PATH`` goes to stdout.
Modules are imported only when their format is asked for (rich for ``table``, compliance-trestle for
``oscal``), so ``aiconform gate --output sarif=…`` never pays for them.

========  ===================  =====================================================================
format    module               what
========  ===================  =====================================================================
json      ``json_out``         the canonical results (RFC 8785), the bytes that get signed
sarif     ``sarif``            SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
junit     ``junit``            JUnit XML, one test case per requirement (Jenkins, GitLab)
github    ``github``           workflow annotations; Markdown step summary to $GITHUB_STEP_SUMMARY
oscal     ``oscal``            OSCAL 1.x Assessment Results (needs the ``oscal`` extra)
markdown  ``markdown``         a Markdown summary (merge-request comments, wikis)
table     ``table``            a readable terminal table
========  ===================  =====================================================================
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..canonical import atomic_write
from ..errors import UsageError
from ..models import Report
from ._base import Location, OutputContext, locations_of

__all__ = ["FORMATS", "OutputContext", "OutputSpec", "Location", "locations_of", "parse_output", "render",
           "write_outputs"]

FORMATS: dict[str, str] = {
    "json": "json_out",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "oscal": "oscal",
    "markdown": "markdown",
    "table": "table",
}


@dataclass(frozen=True)
class OutputSpec:
    format: str
    path: Path | None = None  # None: standard output

    def __str__(self) -> str:
        return f"{self.format}={self.path}" if self.path else self.format


def parse_output(text: str) -> OutputSpec:
    """``FORMAT`` or ``FORMAT=PATH`` (e.g. ``sarif=reports/aiconform.sarif``)."""
    fmt, sep, path = text.partition("=")
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r} in --output {text!r}",
                         hint="formats: " + ", ".join(FORMATS) + " (as FORMAT or FORMAT=PATH)")
    if sep and not path.strip():
        raise UsageError(f"--output {text!r} names no file", hint=f"use {fmt}=PATH, or {fmt} for standard output")
    return OutputSpec(fmt, Path(path.strip()) if sep else None)


def _module(fmt: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"{__package__}.{FORMATS[fmt]}")


def render(fmt: str, report: Report, ctx: OutputContext | None = None) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}", hint="formats: " + ", ".join(FORMATS))
    return _module(fmt).render(report, ctx or OutputContext())  # type: ignore[no-any-return]


def write_outputs(specs: Iterable[OutputSpec], report: Report, ctx: OutputContext, *,
                  stdout: IO[str] | None = None, env: Mapping[str, str] | None = None) -> list[Path]:
    """Render every spec from the same Report; write files atomically, the rest to ``stdout``.

    All formats are rendered before anything is written, so a failing renderer leaves no partial set.
    Returns the files written."""
    specs = list(specs)
    paths = [s.path for s in specs if s.path is not None]
    dupes = sorted({str(p) for p in paths if paths.count(p) > 1})
    if dupes:
        raise UsageError(f"two outputs write the same file: {', '.join(dupes)}")
    out = stdout if stdout is not None else sys.stdout
    environ = os.environ if env is None else env
    rendered = []
    for spec in specs:
        mod = _module(spec.format)
        rendered.append((spec, mod, mod.render(report, ctx)))
    written: list[Path] = []
    for spec, mod, data in rendered:
        if spec.path is None:
            out.write(data.decode("utf-8"))
            if data and not data.endswith(b"\n"):
                out.write("\n")
            out.flush()
        else:
            written.append(atomic_write(spec.path, data))
        side = getattr(mod, "side_effects", None)
        if side is not None:
            side(report, ctx, environ)
    return written
