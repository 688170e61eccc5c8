"""Conformity reports: HTML / Markdown → PDF/A-3b → PAdES signature → verify; signed JSON; drafts.

    render_html(report) -> str                      the report as one self-contained HTML page
    render_markdown(report) -> str                  the report as GitHub-flavoured Markdown
    render_pdf(report, out, *, sign, assets_dir=None) -> Path
                                                    PDF/A-3b with results.json + evidence-manifest.json embedded,
                                                    signed when ``sign`` is a SigningIdentity; written atomically
    load_identity(signing_config, root) -> SigningIdentity
    ensure_test_identity(dir) -> SigningIdentity    the NOT FOR PRODUCTION identity (created once, reused)
    sign_json(report_bytes, identity) -> bytes      detached JWS envelope over canonical JSON
    verify_file(path, trust_roots=()) -> VerifyResult   .valid, .exit_code (0/1/2), .summary_lines()
    render_drafts(report, out_dir, formats) -> list[Path]   EU DoC (Annex V), Annex IV, FRIA (Art 27)

Nothing heavy is imported here: WeasyPrint, pyHanko and cryptography load on first use, so ``aiconform --help``
and ``aiconform gate`` do not pay for them.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "render_html",
    "render_markdown",
    "render_pdf",
    "load_identity",
    "ensure_test_identity",
    "SigningIdentity",
    "sign_json",
    "verify_file",
    "VerifyResult",
    "render_drafts",
    "SignerInfo",
]

_WHERE = {
    "render_html": ".render",
    "render_markdown": ".render",
    "render_pdf": ".pdf",
    "load_identity": ".keys",
    "ensure_test_identity": ".keys",
    "SigningIdentity": ".keys",
    "sign_json": ".jsonsig",
    "verify_file": ".verify",
    "VerifyResult": ".verify",
    "render_drafts": ".drafts",
    "SignerInfo": "._view",
}


def __getattr__(name: str) -> Any:
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(mod, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
