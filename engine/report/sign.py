"""PAdES signatures with pyHanko: an incremental update that keeps the document PDF/A-3b.

The visible signature block is drawn into the box the report reserves (``#signature-box``) with an embedded
DejaVu Sans subset (PDF/A forbids unembedded fonts, so pyHanko's default Courier is not used). When the
identity names a TSA, an RFC 3161 timestamp is added to the signature. The signature's /Reason records the
SHA-256 of the embedded ``results.json`` so ``aiconform verify`` can check that the attachment is the one the
signer meant.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SigningError
from .render import _templates_dir

if TYPE_CHECKING:
    from .keys import SigningIdentity

__all__ = ["sign_pdf", "REASON_PREFIX", "FIELD_NAME", "parse_reason"]

REASON_PREFIX = "aiconform conformity report"
FIELD_NAME = "aiconform-signature"


def _font_path() -> Path:
    return _templates_dir() / "assets" / "fonts" / "DejaVuSans-Stamp.ttf"


def parse_reason(reason: str | None) -> dict[str, str]:
    """``key=value`` pairs of a /Reason written by :func:`sign_pdf`."""
    out: dict[str, str] = {}
    if not reason or not reason.startswith(REASON_PREFIX):
        return out
    for part in reason[len(REASON_PREFIX):].split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def _timestamper(url: str) -> Any:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=10)


def sign_pdf(pdf: bytes, identity: SigningIdentity, *, box: tuple[int, float, float, float, float] | None,
             results_sha256: str, system: str, as_of: str) -> bytes:
    """Sign ``pdf`` (PAdES baseline B-B, or B-T with a TSA) and return the signed bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    try:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        font: Any = GlyphAccumulatorFactory(str(_font_path()))
    except ImportError as exc:  # pragma: no cover - uharfbuzz missing
        raise SigningError(f"pyHanko cannot embed a font for the visible signature ({exc})", where="pyhanko",
                           hint="pip install uharfbuzz (it is in aiconform's dependencies)") from None

    if identity.key_type != "rsa":
        # ECDSA makes pyHanko move the file to PDF 2.0, which contradicts the PDF/A-3 claim; allowed, but said.
        import warnings

        warnings.warn("signing with a non-RSA key raises the PDF version to 2.0; the PDF/A-3b claim no longer holds",
                      stacklevel=2)
    reason = f"{REASON_PREFIX}; system={system}; as_of={as_of}; results_sha256={results_sha256}"
    test_line = "\nNOT FOR PRODUCTION - test identity" if identity.is_test else ""
    style = TextStampStyle(
        stamp_text="Digitally signed by %(signer)s\nDate: %(ts)s" + test_line,
        text_box_style=TextBoxStyle(font=font, font_size=8, leading=11),
        border_width=0,
        background=None,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=identity.common_name,
        location=None,
    )
    if box is not None:
        page, x0, y0, x1, y1 = box
        pad = 4.0
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=page,
                                   box=(int(x0 + pad), int(y0 + pad), int(x1 - pad), int(y1 - pad)))
    else:
        spec = fields.SigFieldSpec(FIELD_NAME)  # invisible
    timestamper = _timestamper(identity.tsa_url) if identity.tsa_url else None
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = io.BytesIO()
        signers.PdfSigner(meta, identity.pyhanko_signer(), timestamper=timestamper, stamp_style=style,
                          new_field_spec=spec).sign_pdf(writer, output=out)
    except SigningError:
        raise
    except Exception as exc:
        where = identity.tsa_url if identity.tsa_url and "timestamp" in repr(exc).lower() else identity.source
        raise SigningError(f"signing failed ({type(exc).__name__}: {exc})", where=where or "signing",
                           hint="check the key, the certificate and, if configured, that the TSA URL answers") from None
    return out.getvalue()
