"""PDF/A-3b output: what can be checked offline, attachments, the asset-only URL fetcher, atomic writes.

veraPDF (the reference PDF/A validator, a Java application) is not installable from the registries this project
uses, so the PDF/A-3b claim is checked here as far as it can be without it: XMP identification, output intent
with an embedded ICC profile, associated files with AFRelationship and MIME subtype, embedded fonts,
printable annotations, info dictionary consistent with XMP, PDF version 1.7 after signing.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path

import pypdf
import pytest
from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.report.pdf import (
    MANIFEST_NAME,
    RESULTS_NAME,
    RenderTimings,
    SafeFetcher,
    html_to_pdf,
    render_pdf,
)
from aiconform.engine.report.render import ASSETS_DIR, render_html
from aiconform.engine.report.sample import sample_report


def small_report(**kw):
    """A short report (a handful of findings) for tests where only the mechanics matter."""
    r = sample_report(**kw)
    keep = [f for f in r.findings if f.rule_id in ("AIACT-9-2-a", "AIACT-12-2", "AIACT-4-1", "AIACT-73-2")]
    return r.model_copy(update={"findings": tuple(keep), "evidence": r.evidence[:6]})


def _xmp(reader: pypdf.PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def test_pdfa3b_identification_and_output_intent(signed_pdf):
    r = pypdf.PdfReader(signed_pdf)
    assert r.pdf_header == "%PDF-1.7"  # RSA signature: no move to PDF 2.0
    xmp = _xmp(r)
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    intents = r.trailer["/Root"]["/OutputIntents"]
    oi = intents[0].get_object()
    assert oi["/S"] == "/GTS_PDFA1"
    icc = oi["/DestOutputProfile"].get_object().get_data()
    assert icc[36:40] == b"acsp"  # an ICC profile
    assert "/Encrypt" not in r.trailer


def test_info_dictionary_agrees_with_xmp(signed_pdf):
    r = pypdf.PdfReader(signed_pdf)
    info = r.trailer["/Info"]
    xmp = _xmp(r)
    if "/Producer" in info:
        assert f'pdf:Producer="{info["/Producer"]}"' in xmp or f">{info['/Producer']}<" in xmp
    assert str(info["/Title"]) in xmp
    assert str(info["/Creator"]) in xmp


def test_attachments_are_associated_files_with_results(signed_pdf, report):
    r = pypdf.PdfReader(signed_pdf)
    af = [x.get_object() for x in r.trailer["/Root"]["/AF"]]
    by_name = {str(fs["/F"]): fs for fs in af}
    assert set(by_name) == {RESULTS_NAME, MANIFEST_NAME}
    assert by_name[RESULTS_NAME]["/AFRelationship"] == "/Data"
    assert by_name[MANIFEST_NAME]["/AFRelationship"] == "/Supplement"
    for fs in af:
        stream = fs["/EF"]["/F"].get_object()
        assert stream["/Subtype"] == "/application/json"
        assert "/ModDate" in stream["/Params"]
    results = by_name[RESULTS_NAME]["/EF"]["/F"].get_object().get_data()
    assert results == canonical_bytes(report)
    manifest = json.loads(by_name[MANIFEST_NAME]["/EF"]["/F"].get_object().get_data())
    assert len(manifest["evidence"]) == len(report.evidence)


def test_all_fonts_embedded_and_annotations_printable(signed_pdf):
    r = pypdf.PdfReader(signed_pdf)
    fonts = 0
    for page in r.pages:
        res = page.get("/Resources", {})
        for font in (res.get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert desc is not None, font
            desc = desc.get_object()
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), desc
            fonts += 1
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            assert int(a.get("/F", 0)) & 4, a  # print flag, required by PDF/A
    assert fonts >= 3


def test_layout_page_numbers_and_toc(signed_pdf):
    r = pypdf.PdfReader(signed_pdf)
    n = len(r.pages)
    assert n >= 12
    text2 = r.pages[1].extract_text()
    assert "Contents" in text2 and f"Page 2 of {n}" in text2
    # TOC entries carry page numbers that point where the section starts.
    m = re.search(r"7 Evidence appendix\s*(\d+)", text2)
    assert m, text2
    assert "7 Evidence appendix" in r.pages[int(m.group(1)) - 1].extract_text()
    cover = r.pages[0].extract_text()
    assert "NOT FOR PRODUCTION" in cover and "Page 1 of" not in cover


def test_safe_fetcher_allows_assets_and_data_only(tmp_path):
    f = SafeFetcher(ASSETS_DIR)
    ok = f.fetch((ASSETS_DIR / "report.css").as_uri())
    assert b"@page" in ok.read()
    assert f.fetch("data:text/plain,hello").read() == b"hello"
    for url in ("file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/a.css",
                (ASSETS_DIR / ".." / ".." / "pyproject.toml").as_uri(), "ftp://127.0.0.1/x"):
        with pytest.raises(ValueError, match="not allowed"):
            f.fetch(url)
    assert len(f.refused) == 5


def test_safe_fetcher_refuses_symlink_out_of_assets(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "leak.css").symlink_to("/etc/passwd")
    f = SafeFetcher(assets)
    with pytest.raises(ValueError):
        f.fetch((assets / "leak.css").as_uri())


HOSTILE = ('<img src="file:///etc/passwd"> <link rel=attachment href="file:///etc/hostname"> '
           '<style>@import url(file:///etc/passwd);</style> <div style="background:url(http://127.0.0.1:9/x)"></div>')


def _pdf_text_blob(pdf: bytes) -> bytes:
    """All bytes of the PDF with every Flate stream inflated (to search for leaked file contents)."""
    out = [pdf]
    for m in re.finditer(rb"stream\r?\n", pdf):
        start = m.end()
        end = pdf.find(b"endstream", start)
        try:
            out.append(zlib.decompress(pdf[start:end]))
        except zlib.error:
            pass
    return b"\n".join(out)


def test_evidence_text_with_references_is_printed_not_fetched(tmp_path, monkeypatch):
    from aiconform.engine.report import pdf as pdfmod

    calls: list[str] = []
    real = pdfmod.SafeFetcher.__new__

    def spy(cls, assets_dir):
        inst = real(cls, assets_dir)
        orig = inst.fetch

        def fetch(url, headers=None):
            calls.append(url)
            return orig(url, headers)

        inst.fetch = fetch
        return inst

    monkeypatch.setattr(pdfmod.SafeFetcher, "__new__", spy)
    report = small_report(hostile_text=HOSTILE)
    out = tmp_path / "hostile.pdf"
    render_pdf(report, out, sign=None)
    assert not [u for u in calls if "/etc/" in u or "127.0.0.1" in u], calls
    assert calls and all(u.startswith("file://" + str(ASSETS_DIR)) or u.startswith("data:") for u in calls)
    r = pypdf.PdfReader(out)
    text = "".join(p.extract_text() for p in r.pages)
    assert "file:///etc/passwd" in text  # printed as text
    blob = _pdf_text_blob(out.read_bytes())
    passwd = Path("/etc/passwd").read_bytes()
    assert passwd[:40] not in blob
    names = [str(x.get_object()["/F"]) for x in r.trailer["/Root"]["/AF"]]
    assert sorted(names) == sorted([RESULTS_NAME, MANIFEST_NAME])  # no /etc/hostname attachment


def test_second_wall_raw_html_references_are_refused():
    """Even if markup got through, the fetcher would not read files or the network."""
    html = "<html><body><p>x</p>" + HOSTILE + "</body></html>"
    parts = html_to_pdf(html)
    assert any("/etc/passwd" in u for u in parts.refused)
    assert any("/etc/hostname" in u for u in parts.refused)
    assert any("127.0.0.1" in u for u in parts.refused)
    blob = _pdf_text_blob(parts.pdf)
    assert Path("/etc/passwd").read_bytes()[:40] not in blob
    hostname = Path("/etc/hostname").read_bytes().strip()
    assert b"/EmbeddedFiles" not in parts.pdf or hostname not in blob


def test_write_is_atomic_when_signing_fails(tmp_path, identity):
    import copy

    from aiconform.engine.errors import SigningError

    broken = copy.copy(identity)
    broken.tsa_url = "http://127.0.0.1:9/tsa"  # nothing listens there: the timestamp request fails
    out = tmp_path / "r.pdf"
    with pytest.raises(SigningError):
        render_pdf(small_report(), out, sign=broken)
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_existing_file_is_replaced_whole(tmp_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    render_pdf(small_report(), out, sign=None)
    assert out.read_bytes().startswith(b"%PDF-1.7")
    assert os.listdir(tmp_path) == ["r.pdf"]


def test_html_output_is_self_contained(report):
    html = render_html(report)
    assert "<link" not in html and "src=" not in html  # inline CSS and SVG only


def test_html_to_pdf_restores_the_garbage_collector_state() -> None:
    """Layout runs with the cyclic collector paused; afterwards it is back as the caller had it."""
    import gc

    assert gc.isenabled()
    timings = RenderTimings()
    html_to_pdf("<p>hello</p>", timings=timings)
    assert gc.isenabled()
    assert timings.freeing > 0 and timings.weasyprint >= timings.freeing
    gc.disable()
    try:
        html_to_pdf("<p>hello</p>")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_text_is_set_in_the_bundled_fonts(signed_pdf):
    """Body, monospace and chart text use the fonts shipped in assets/fonts, never an installed copy that fontconfig
    might prefer: the layout must not depend on the machine (the signature stamp has its own subset)."""
    r = pypdf.PdfReader(signed_pdf)
    names: set[str] = set()
    for page in r.pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert {"DejaVu-Sans-Bundled", "DejaVu-Sans-Bundled-Bold", "DejaVu-Sans-Mono-Bundled"} <= names, names
    assert not [n for n in names if "Bundled" not in n and "Identity" not in n], names


def test_bundled_fonts_keep_kerning_without_gpos():
    """The bundled faces carry no GPOS table (fontTools decompiled all of it at every PDF write only for WeasyPrint
    to drop it); their legacy 'kern' table holds the same pairs, which HarfBuzz applies when GPOS is absent."""
    from fontTools.ttLib import TTFont

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf"):
        font = TTFont(ASSETS_DIR / "fonts" / name, lazy=True)
        assert "GPOS" not in font and "GSUB" in font, name  # GSUB keeps ligatures and Arabic shaping
        if "Mono" not in name:
            pairs = {k: v for sub in font["kern"].kernTables for k, v in sub.kernTable.items() if v}
            assert pairs[("A", "V")] < 0 and len(pairs) > 1000, name
