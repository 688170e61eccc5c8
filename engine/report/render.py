"""Report → HTML and Markdown (Jinja2).

Both environments are strict: ``StrictUndefined`` (a missing value is an error, never an empty string) and
every expression is escaped — HTML autoescaping for ``.html.j2`` and a Markdown/HTML escaping ``finalize`` for
``.md.j2`` — because finding messages, titles and evidence names come from untrusted sources.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any

from ..errors import ReportError
from ..models import Report
from ._view import SignerInfo, build_view

__all__ = ["TEMPLATES_DIR", "ASSETS_DIR", "html_environment", "markdown_environment", "render_html",
           "render_markdown", "render_template"]

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "reports_templates"
ASSETS_DIR = TEMPLATES_DIR / "assets"


def _templates_dir() -> Path:
    try:  # an installed wheel: reports_templates ships as package data of aiconform.reports_templates
        from ... import reports_templates

        return Path(reports_templates.__file__).resolve().parent
    except Exception:  # pragma: no cover - the checkout layout
        return TEMPLATES_DIR


@functools.lru_cache(maxsize=2)
def html_environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_templates_dir())),
        autoescape=True,  # every template of this environment is HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LEADING = re.compile(r"^(\s*)([#>]|[-+=](?=\s|$)|\d+[.)](?=\s|$))")


def md_escape(value: Any) -> str:
    """Make an untrusted value inert in Markdown (and in the HTML a Markdown renderer may pass through)."""
    if value is None:
        return ""
    if isinstance(value, _Raw):
        return value.text
    s = str(value)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = " ".join(s.splitlines())  # one logical line: keeps tables and lists intact
    return _MD_LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


class _Raw:
    """Trusted Markdown produced by the template itself (e.g. a badge), not escaped again."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=2)
def markdown_environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_templates_dir())),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        finalize=md_escape,  # every {{ expression }} is escaped
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["raw"] = _Raw
    return env


_ROOT_VARS = re.compile(r":root\s*\{([^}]*)\}")
_VAR_DECL = re.compile(r"--([\w-]+)\s*:\s*([^;]+);")
_VAR_USE = re.compile(r"var\(--([\w-]+)\)")


def _inline_custom_properties(css: str) -> str:
    """Replace ``var(--x)`` by the value declared in ``:root``: WeasyPrint resolves custom properties for every
    element while cascading, which cost about a fifth of the layout time of a 30-page report."""
    m = _ROOT_VARS.search(css)
    if not m:
        return css
    values = {k: v.strip() for k, v in _VAR_DECL.findall(m.group(1))}
    css = css[: m.start()] + css[m.end():]
    return _VAR_USE.sub(lambda u: values.get(u.group(1), u.group(0)), css)


@functools.lru_cache(maxsize=4)
def _css(for_pdf: bool) -> str:
    assets = _templates_dir() / "assets"
    css = _inline_custom_properties((assets / "report.css").read_text(encoding="utf-8"))
    if for_pdf:
        css = (assets / "fonts.css").read_text(encoding="utf-8") + "\n" + css
    return css


def render_template(name: str, context: dict[str, Any], *, markdown: bool = False) -> str:
    import jinja2

    env = markdown_environment() if markdown else html_environment()
    try:
        return str(env.get_template(name).render(**context))
    except jinja2.TemplateNotFound as exc:
        raise ReportError(f"report template {exc.name!r} not found", where=str(_templates_dir()),
                          hint="reinstall aiconform; the templates ship as package data") from None
    except jinja2.UndefinedError as exc:
        raise ReportError(f"template {name}: {exc}", where=str(_templates_dir() / name),
                          hint="a template refers to a value the report does not provide; report this bug") from None


def _html_context(report: Report, signer: SignerInfo | None, generated_at: dt.datetime | None,
                  for_pdf: bool) -> dict[str, Any]:
    from markupsafe import Markup

    view = build_view(report, signer=signer, generated_at=generated_at)
    view["css"] = Markup(_css(for_pdf))  # trusted: read from the bundled assets, never from evidence
    view["generated_iso"] = (generated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                             if generated_at else "")
    return view


def render_html(report: Report, *, signer: SignerInfo | None = None, generated_at: dt.datetime | None = None,
                for_pdf: bool = False) -> str:
    """The conformity report as one self-contained HTML document (inline CSS, inline SVG charts, no script)."""
    return render_template("conformity_report.html.j2", _html_context(report, signer, generated_at, for_pdf))


def render_markdown(report: Report, *, signer: SignerInfo | None = None,
                    generated_at: dt.datetime | None = None) -> str:
    """The conformity report as GitHub-flavoured Markdown (tables, no raw HTML from evidence)."""
    view = build_view(report, signer=signer, generated_at=generated_at)
    return render_template("conformity_report.md.j2", view, markdown=True)
