"""HTML and Markdown rendering: content, strictness, escaping of untrusted text, lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from aiconform.engine.report import render_html, render_markdown
from aiconform.engine.report._view import build_view
from aiconform.engine.report.sample import sample_report

HOSTILE = ('<img src="file:///etc/passwd"> <link rel=attachment href=file:///etc/hostname> '
           '<script>alert(1)</script> {{ 7*7 }} | # heading')


def test_html_has_every_section_and_counts(report):
    html = render_html(report)
    for anchor in ("sec-summary", "sec-classification", "sec-findings", "sec-waivers", "sec-annex-iv",
                   "sec-timeline", "sec-evidence", "sec-method"):
        assert f'id="{anchor}"' in html
        assert f'href="#{anchor}"' in html  # the table of contents links it
    view = build_view(report)
    assert view["counts"]["fail"] == report.summary.counts["fail"]
    assert f">{report.summary.blocking}<" in html
    assert "<script" not in html  # charts are inline SVG, no JavaScript
    assert html.count("<svg") == 3


def test_blocking_items_come_first_and_errors_lead(report):
    view = build_view(report)
    assert view["blocking"][0]["status"] == "error"
    assert all(f["status"] in ("fail", "error") and f["severity"] == "deny" for f in view["blocking"])
    # Within an article, findings that need attention precede passes.
    for g in view["groups"]:
        order = [f["status"] for f in g["findings"]]
        assert order == sorted(order, key=view["status_order"].index)


def test_groups_are_ordered_by_article_number(report):
    view = build_view(report)
    arts = [g["key"][1] for g in view["groups"] if g["key"][0] == 0]
    assert arts == sorted(arts) and arts[0] == 4 and 11 in arts and 73 in arts


def test_annex_iv_matrix_maps_findings(report):
    m = build_view(report)["annex_iv"]
    rows = {r["id"]: r for r in m["rows"]}
    assert len(rows) == 26
    assert rows["annex_iv.1.c"]["status"] == "fail"
    assert rows["annex_iv.1.f"]["status"] == "not_applicable"
    assert rows["annex_iv.2.h"]["status"] == "manual"
    assert rows["annex_iv.9"]["status"] == "pass"


def test_expired_waiver_is_flagged(report):
    html = render_html(report)
    waivers = {w["rule_id"]: w for w in build_view(report)["waivers"]}
    assert waivers["AIACT-15-5"]["expired"] is True
    assert waivers["AIACT-9-review"]["expired"] is False
    assert "EXPIRED" in html


def test_timeline_and_classification_citations(report):
    html = render_html(report)
    assert "Annex III point 5(b)" in html
    assert "Art 6(1)(b) not met" in html  # a route not reached, with its reason
    tl = build_view(report)["timeline"]
    dates = [g["date"] for g in tl["groups"]]
    assert dates == sorted(dates) and "2028-08-02" in dates
    assert [g["applies"] for g in tl["groups"] if g["date"] == "2028-08-02"] == [False]


def test_untrusted_text_is_escaped_in_html():
    r = sample_report(hostile_text=HOSTILE)
    html = render_html(r)
    assert '<img src="file:///etc/passwd">' not in html
    assert "<link rel=attachment" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "{{ 7*7 }}" in html  # data is never evaluated as a template


def test_untrusted_text_is_inert_in_markdown():
    md = render_markdown(sample_report(hostile_text=HOSTILE))
    assert "<img" not in md and "<link" not in md and "<script" not in md
    assert "&lt;img" in md
    # A pipe in evidence text cannot open a new table cell.
    for line in md.splitlines():
        if "alert(1)" in line and line.startswith("|"):
            assert "\\|" in line


def test_markdown_has_sections(report):
    md = render_markdown(report)
    for h in ("## 1 Executive summary", "## 5 Annex IV completeness matrix", "## 7 Evidence appendix",
              "## 8 Methodology"):
        assert h in md
    assert report.versions.policy_bundle_digest in md


def test_strict_undefined_raises():
    from aiconform.engine.errors import ReportError
    from aiconform.engine.report.render import render_template

    with pytest.raises(ReportError, match="undefined"):
        render_template("conformity_report.html.j2", {"title": "x"})


def test_same_report_same_html(report):
    assert render_html(report) == render_html(sample_report())


def test_report_package_import_is_light():
    code = ("import sys, aiconform.engine.report as r; r.SignerInfo; "
            "bad = [m for m in ('weasyprint', 'pyhanko', 'cryptography', 'jinja2') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_does_not_import_renderers():
    code = ("import sys\nfrom aiconform.engine.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', [m for m in ('weasyprint', 'pyhanko') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in out.stdout
