"""HTML → PDF/A-3b with WeasyPrint, the machine-readable results and evidence manifest embedded, then signed.

Safety: WeasyPrint's default fetcher follows ``file://`` and network URLs from ``<img>``, ``<link>`` (including
``rel=attachment``, which embeds the file), CSS ``url()`` and ``@import``. :class:`SafeFetcher` allows only
``data:`` URIs and files inside the bundled asset folder (after resolving symlinks); everything else is refused
and recorded. Untrusted text never becomes markup in the first place (Jinja2 autoescaping), the fetcher is the
second wall.

WeasyPrint is imported inside functions only, so importing this module costs nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..canonical import atomic_write, canonical_bytes
from ..errors import ReportError
from ..gcpause import gc_paused
from ..models import Report
from ._view import SignerInfo
from .render import _templates_dir, render_html

if TYPE_CHECKING:
    from .keys import SigningIdentity

__all__ = ["SafeFetcher", "RenderTimings", "PdfParts", "html_to_pdf", "render_pdf", "results_bytes",
           "manifest_bytes", "RESULTS_NAME", "MANIFEST_NAME"]

RESULTS_NAME = "results.json"
MANIFEST_NAME = "evidence-manifest.json"
PX_TO_PT = 0.75  # WeasyPrint's CSS px -> PDF points


def _fetcher_base() -> Any:
    from weasyprint.urls import URLFetcher

    return URLFetcher


class SafeFetcher:
    """A WeasyPrint URL fetcher that serves only ``data:`` URIs and files under ``assets_dir``.

    Refused URLs are recorded in ``refused``; every requested URL in ``requested``. Built lazily as a
    subclass of WeasyPrint's URLFetcher (its callers read private attributes of that class).
    """

    def __new__(cls, assets_dir: Path) -> Any:
        base = _fetcher_base()
        root = Path(assets_dir).resolve()

        class _Safe(base):  # type: ignore[misc, valid-type]
            def __init__(self) -> None:
                super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False,
                                 fail_on_errors=False)
                self.assets_dir = root
                self.requested: list[str] = []
                self.refused: list[str] = []

            def fetch(self, url: str, headers: Any = None) -> Any:
                self.requested.append(url)
                scheme = url.split(":", 1)[0].lower() if ":" in url else ""
                if scheme == "data":
                    return super().fetch(url, headers)
                if scheme == "file":
                    parsed = urllib.parse.urlsplit(url)
                    if parsed.netloc not in ("", "localhost"):
                        return self._refuse(url)
                    path = Path(urllib.parse.unquote(parsed.path))
                    try:
                        real = Path(os.path.realpath(path))
                    except OSError:
                        return self._refuse(url)
                    if real != root and root in real.parents and real.is_file():
                        from weasyprint.urls import URLFetcherResponse

                        return URLFetcherResponse(real.as_uri(), real.read_bytes(),
                                                  headers={"Content-Type": _mime(real)})
                return self._refuse(url)

            def _refuse(self, url: str) -> Any:
                self.refused.append(url)
                raise ValueError(f"aiconform: fetching {url!r} is not allowed (only bundled assets and data: URIs)")

        return _Safe()


def _mime(p: Path) -> str:
    return {".css": "text/css", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png",
            ".icc": "application/vnd.iccprofile"}.get(p.suffix.lower(), "application/octet-stream")


@dataclass
class RenderTimings:
    """Where the time went (seconds).

    ``weasyprint`` is WeasyPrint's own parsing, layout and PDF writing, including ``freeing``: the one
    cyclic-garbage pass that releases WeasyPrint's document afterwards (see :func:`_collector_paused`).
    """

    view_and_template: float = 0.0
    weasyprint: float = 0.0
    attachments: float = 0.0
    signing: float = 0.0
    write: float = 0.0
    freeing: float = 0.0
    pages: int = 0

    @property
    def total(self) -> float:
        return self.view_and_template + self.weasyprint + self.attachments + self.signing + self.write

    @property
    def outside_weasyprint(self) -> float:
        return self.total - self.weasyprint


@dataclass
class PdfParts:
    pdf: bytes
    pages: int
    signature_box: tuple[int, float, float, float, float] | None  # page index, x0, y0, x1, y1 in PDF points
    fetched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _finish_pdfa(document: Any, pdf: Any) -> None:
    """Keep the document information dictionary consistent with the XMP metadata after signing.

    pyHanko appends itself to an existing /Producer in the info dictionary but sets pdf:Producer in the XMP
    to its own name only, which PDF/A forbids (the two must agree). Without /Producer in the info dictionary
    pyHanko updates only the XMP. Also drop duplicate /AF references WeasyPrint writes for each attachment.
    """
    pdf.info.pop("Producer", None)
    af = pdf.catalog.get("AF")
    if af is not None:
        seen: list[Any] = []
        for ref in list(af):
            if ref not in seen:
                seen.append(ref)
        af.clear()
        af.extend(seen)


def results_bytes(report: Report) -> bytes:
    return canonical_bytes(report)


def manifest_bytes(report: Report) -> bytes:
    return canonical_bytes({"system": report.system.id, "as_of": report.as_of, "inputs_digest": report.inputs_digest,
                            "evidence": list(report.evidence)})


@contextlib.contextmanager
def _collector_paused(timings: RenderTimings) -> Iterator[None]:
    """Pause CPython's cyclic garbage collector while WeasyPrint lays out and writes, then free its garbage once.

    Layout allocates several hundred thousand boxes, styles and Pango wrappers that stay alive until the PDF
    is written. Each time enough of them accumulate the collector walks every tracked object in the process
    again, none of it garbage yet: six full passes cost about 1.1 s of a 7 s render of the 30-page report.
    Paused, the same document takes one pass at the end (about 0.3 s, timed as ``freeing``) once WeasyPrint's
    objects are unreachable. The previous state is restored, so a caller that disabled collection keeps it off.
    """
    try:
        with gc_paused():
            yield
    finally:
        t0 = time.perf_counter()
        gc.collect()
        spent = time.perf_counter() - t0
        timings.freeing += spent
        timings.weasyprint += spent


def html_to_pdf(html: str, *, attachments: list[tuple[str, bytes, str, str]] = (),  # type: ignore[assignment]
                assets_dir: Path | None = None, when: dt.datetime | None = None,
                identifier: bytes | None = None, timings: RenderTimings | None = None,
                signature_anchor: str = "signature-box") -> PdfParts:
    """Lay out ``html`` as PDF/A-3b. ``attachments`` are (name, bytes, description, AFRelationship)."""
    timings = timings if timings is not None else RenderTimings()
    with _collector_paused(timings):
        # The document lives only inside _layout_and_write, so it is garbage when the collector runs.
        return _layout_and_write(html, attachments=attachments, assets_dir=assets_dir, when=when,
                                 identifier=identifier, timings=timings, signature_anchor=signature_anchor)


def _layout_and_write(html: str, *, attachments: list[tuple[str, bytes, str, str]], assets_dir: Path | None,
                      when: dt.datetime | None, identifier: bytes | None, timings: RenderTimings,
                      signature_anchor: str) -> PdfParts:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise ReportError(f"WeasyPrint is not usable ({exc})", where="weasyprint",
                          hint="install the system libraries: `make sysdeps` (Pango), then retry") from None
    assets = Path(assets_dir or (_templates_dir() / "assets")).resolve()
    fetcher = SafeFetcher(assets)
    when = when or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    t0 = time.perf_counter()
    doc = weasyprint.HTML(string=html, base_url=assets.as_uri() + "/", url_fetcher=fetcher).render()
    box = None
    for i, page in enumerate(doc.pages):
        if signature_anchor in page.anchors:
            x0, y0, x1, y1 = page.anchors[signature_anchor]
            height_pt = page.height * PX_TO_PT
            box = (i, x0 * PX_TO_PT, height_pt - y1 * PX_TO_PT, x1 * PX_TO_PT, height_pt - y0 * PX_TO_PT)
    t1 = time.perf_counter()
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    atts = [weasyprint.Attachment(string=data, name=name, description=desc, relationship=rel,
                                  created=naive, modified=naive, url_fetcher=fetcher)
            for name, data, desc, rel in attachments]
    t2 = time.perf_counter()
    pdf = doc.write_pdf(pdf_variant="pdf/a-3b", attachments=atts, finisher=_finish_pdfa,
                        pdf_identifier=identifier or hashlib.md5(html.encode()).hexdigest().encode())
    t3 = time.perf_counter()
    timings.weasyprint += (t1 - t0) + (t3 - t2)
    timings.attachments += t2 - t1
    timings.pages = len(doc.pages)
    return PdfParts(pdf=pdf, pages=len(doc.pages), signature_box=box, fetched=list(fetcher.requested),
                    refused=list(fetcher.refused))


def render_pdf(report: Report, out: Path, *, sign: SigningIdentity | None, assets_dir: Path | None = None,
               generated_at: dt.datetime | None = None, timings: RenderTimings | None = None) -> Path:
    """Render, embed, sign (when ``sign`` is given) and atomically write the conformity report PDF.

    The file at ``out`` appears complete or not at all. Returns ``out``.
    """
    timings = timings if timings is not None else RenderTimings()
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    signer = sign.signer_info() if sign is not None else None
    html = render_html(report, signer=signer, generated_at=generated_at, for_pdf=True)
    results = results_bytes(report)
    manifest = manifest_bytes(report)
    timings.view_and_template += time.perf_counter() - t0
    parts = html_to_pdf(
        html, assets_dir=assets_dir, when=generated_at, timings=timings,
        identifier=hashlib.sha256(results).hexdigest()[:32].encode(),
        attachments=[(RESULTS_NAME, results, "Machine-readable results (canonical JSON, RFC 8785)", "Data"),
                     (MANIFEST_NAME, manifest, "Evidence manifest: sources and SHA-256 of collected evidence",
                      "Supplement")])
    pdf = parts.pdf
    if sign is not None:
        from .sign import sign_pdf

        t1 = time.perf_counter()
        pdf = sign_pdf(pdf, sign, box=parts.signature_box, results_sha256=hashlib.sha256(results).hexdigest(),
                       system=report.system.id, as_of=report.as_of.isoformat())
        timings.signing += time.perf_counter() - t1
    t2 = time.perf_counter()
    try:
        atomic_write(out, pdf)
    except OSError as exc:
        raise ReportError(f"cannot write the report ({exc.strerror or exc})", where=str(out),
                          hint="check that the folder exists and is writable") from None
    timings.write += time.perf_counter() - t2
    return Path(out)


def signer_info_for(identity: SigningIdentity | None) -> SignerInfo | None:
    return identity.signer_info() if identity is not None else None
