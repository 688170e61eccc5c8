"""The documents collector on real Markdown, HTML, PDF (made with WeasyPrint) and record files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from aiconform.engine.collect import collect_system
from aiconform.engine.errors import ConfigError, EvidenceError, PathEscapeError

TECH_DOC = """---
title: Technical documentation - credit scoring
aiconform:
  kind: technical_documentation
  valid_until: 2027-06-30
version: "2.1"
---
# Technical documentation

Intro text.

## Annex IV point 1 - General description

### (a) Intended purpose

The system scores consumer credit applications for a lender.

## Annex IV point 2 - Development

### 2(b) Design specifications

Gradient boosted trees; key design choices documented here.

```
# not a heading inside a fence
```

### (g) Validation and testing

Test reports dated and signed.

## Art 17(1) quality management

### (d) Examination and test procedures

Before, during, after development.
"""


def _by_id(items):
    return {i.id: i for i in items}


def test_markdown_sections_and_annex_iv_points(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "techdoc.md").write_text(TECH_DOC, encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    items = collect_system(ws, ws.systems[0], now=now)
    by = _by_id(items)
    doc = by["doc:docs/techdoc.md"]
    assert doc.kind == "technical_documentation"
    assert doc.attributes["kind_source"] == "file"
    assert doc.attributes["version"] == "2.1"
    assert doc.provenance.valid_until.isoformat() == "2027-06-30T23:59:59+00:00"
    secs = {i.attributes["heading"]: i for i in items if i.kind == "technical_documentation.section"}
    assert "not a heading inside a fence" not in secs
    a = secs["(a) Intended purpose"]
    assert a.attributes["annex_iv_point"] == "1(a)" and a.attributes["annex_iv_id"] == "annex_iv.1.a"
    assert a.provenance.line == 14 and a.attributes["line"] == 14
    assert a.id == "doc:docs/techdoc.md#a-intended-purpose"
    b = secs["2(b) Design specifications"]
    assert b.attributes["annex_iv_point"] == "2(b)"
    assert b.attributes["number"] == "2(b)"
    assert b.id == "doc:docs/techdoc.md#2.b"
    assert b.attributes["text_length"] > 20
    assert "Gradient boosted trees" in b.attributes["excerpt"]
    g = secs["(g) Validation and testing"]
    assert g.attributes["annex_iv_id"] == "annex_iv.2.g"
    q = secs["(d) Examination and test procedures"]
    assert q.attributes["art17_id"] == "art17.1.d" and q.attributes["art17_point"] == "d"
    assert doc.attributes["annex_iv_ids"] == ["annex_iv.1", "annex_iv.1.a", "annex_iv.2", "annex_iv.2.b",
                                              "annex_iv.2.g"]
    assert all(i.provenance.sha256 == doc.provenance.sha256 for i in items)
    # section -> parent section edge
    assert any(e.type == "part_of" and e.target == "doc:docs/techdoc.md#annex-iv-point-2-development"
               for e in b.edges)


def test_kind_by_filename_option_and_default(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "Instructions-for-use.md").write_text("# IFU\n\n## Art 13(3)(b) Performance\n\ntext\n", encoding="utf-8")
    (d / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (d / "policy.md").write_text("# QMS\n", encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "docs", "kinds": {"policy.md": "qms_procedure"}}])
    by = _by_id(collect_system(ws, ws.systems[0], now=now))
    assert by["doc:docs/Instructions-for-use.md"].kind == "instructions_for_use"
    assert by["doc:docs/Instructions-for-use.md"].attributes["kind_source"] == "filename"
    assert by["doc:docs/notes.md"].kind == "document"
    assert by["doc:docs/policy.md"].kind == "qms_procedure"
    sec = by["doc:docs/Instructions-for-use.md#art-13-3-b-performance"]
    assert sec.kind == "instructions_for_use.section"
    assert sec.attributes["refs"] == ["art13.3.b"]


def test_html_document(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "fria.html").write_text(
        "<html><head><title>FRIA</title><meta name='aiconform:kind' content='fria'>"
        "<style>h1{color:red}</style></head><body>\n<h1>Fundamental rights impact assessment</h1>\n"
        "<p>Scope.</p>\n<h2>Art 27(1)(a) Processes</h2>\n<p>The deployer's processes <b>in detail</b>.</p>\n"
        "<script>document.write('<h2>fake</h2>')</script>\n</body></html>", encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    items = collect_system(ws, ws.systems[0], now=now)
    by = _by_id(items)
    doc = by["doc:docs/fria.html"]
    assert doc.kind == "fria" and doc.attributes["format"] == "html" and doc.title == "FRIA"
    secs = sorted((i for i in items if i.kind == "fria.section"), key=lambda i: i.attributes["index"])
    assert [s.attributes["heading"] for s in secs] == ["Fundamental rights impact assessment",
                                                        "Art 27(1)(a) Processes"]
    assert secs[1].attributes["refs"] == ["art27.1.a"]
    assert secs[1].provenance.line == 4
    assert "processes in detail" in secs[1].attributes["excerpt"]


def _pdf(path: Path, html: str) -> None:
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)


def test_pdf_document_sections_from_outline(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    _pdf(d / "conformity.pdf",
         "<html><head><title>EU declaration of conformity</title>"
         "<meta name='keywords' content='aiconform:kind=declaration_of_conformity'></head><body>"
         "<h1>EU declaration of conformity</h1><p>Issued under Article 47.</p>"
         "<h2>Annex V point 1 System name</h2><p>Credit scorer version 3.</p>"
         "<h2>Annex V point 2 Provider</h2><p>ACME Bank, Example Street 1.</p>"
         "<p style='page-break-before: always'>Second page text.</p></body></html>")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    items = collect_system(ws, ws.systems[0], now=now)
    by = _by_id(items)
    doc = by["doc:docs/conformity.pdf"]
    assert doc.kind == "declaration_of_conformity"
    assert doc.attributes["format"] == "pdf" and doc.attributes["page_count"] == 2
    assert doc.attributes["section_source"] == "outline"
    secs = sorted((i for i in items if i.kind == "declaration_of_conformity.section"),
                  key=lambda i: i.attributes["index"])
    heads = [s.attributes["heading"] for s in secs]
    assert heads == ["EU declaration of conformity", "Annex V point 1 System name", "Annex V point 2 Provider"]
    assert secs[1].attributes["refs"] == ["annex_v.1"]
    assert "Credit scorer version 3" in secs[1].attributes["excerpt"]
    assert "ACME Bank" in secs[2].attributes["excerpt"]
    assert secs[2].attributes["page"] == 1


def test_unreadable_pdf_is_an_error_naming_the_file(tmp_path, make_ws, now):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    with pytest.raises(EvidenceError) as ei:
        collect_system(ws, ws.systems[0], now=now)
    assert "broken.pdf" in ei.value.render()


RISKS_YAML = """aiconform:
  kind: risk_register
risks:
  - id: R1
    category: Health
    description: Wrong denial delays treatment financing
    likelihood: low
    severity: high
    mitigation: Human review of denials
    owner: Head of credit risk
    review_date: 2026-11-01
    status: open
  - "not a mapping"
  - id: R2
    category: fundamental rights; safety
    description: Indirect discrimination
    mitigation: Fairness testing
    owner: DPO
    review_date: not-a-date
  - id: R3
    categories: [fundamental-rights]
    description: Profiling without notice
    owner: DPO
    review_date: 2026-12-01
  - id: R1
    description: duplicate
"""


def test_risk_register_yaml_with_malformed_records(tmp_path, make_ws, now):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "register.yaml").write_text(RISKS_YAML, encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "records"}])
    by = _by_id(collect_system(ws, ws.systems[0], now=now))
    reg = by["doc:records/register.yaml"]
    assert reg.kind == "risk_register"
    risks = reg.attributes["risks"]
    assert [r["id"] for r in risks] == ["R1", "R3"]
    r1 = risks[0]
    assert r1["category"] == "health" and r1["review_date"] == "2026-11-01" and r1["line"] == 4
    assert r1["mitigation"] == "Human review of denials"
    assert risks[1]["categories"] == ["fundamental_rights"] and risks[1]["mitigation"] is None
    assert reg.attributes["malformed_count"] == 3
    assert [m["line"] for m in reg.attributes["malformed"]] == [13, 14, 25]
    assert "not a date" in reg.attributes["malformed"][1]["reason"]
    assert "duplicate id" in reg.attributes["malformed"][2]["reason"]
    risk = by["risk:records/register.yaml#R3"]
    assert risk.kind == "risk" and risk.node_type == "risk" and risk.provenance.line == 20


def test_incidents_csv_and_approvals_json(tmp_path, make_ws, now):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "incidents.csv").write_text(
        "id,occurred_at,aware_at,reported_at,severity,serious,type\n"
        "INC-1,2027-01-02T10:00:00Z,2027-01-03T09:00:00Z,2027-01-10T12:00:00+01:00,high,yes,Fundamental rights\n"
        "INC-2,2027-01-05,2027-01-05,,low,no,property\n"
        "INC-3,2027-01-07,too,many,fields,here,x,y\n", encoding="utf-8")
    (tmp_path / "records" / "approvals.json").write_text(
        '{"aiconform": {"kind": "approval"},\n "approvals": [\n  {"id": "A1", "subject": '
        '"model_version:credit-scorer/3",\n   "approver": "CRO", "decision": "Approved", "date": "2027-02-01"},\n'
        '  {"id": "A2", "approver": "QA", "date": "2027-02-02"}\n ]\n}\n', encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "records"}])
    by = _by_id(collect_system(ws, ws.systems[0], now=now))
    inc = by["incident:records/incidents.csv#INC-1"]
    assert inc.kind == "incident" and inc.provenance.line == 2
    a = inc.attributes
    assert a["detected_at"] == "2027-01-03T09:00:00Z" and a["reported_at"] == "2027-01-10T11:00:00Z"
    assert a["serious"] is True and a["type"] == "fundamental_rights" and a["severity"] == "high"
    assert by["incident:records/incidents.csv#INC-2"].attributes["serious"] is False
    rs = by["doc:records/incidents.csv"]
    assert rs.kind == "record_set" and rs.attributes["record_kind"] == "incident"
    assert rs.attributes["record_count"] == 2
    assert rs.attributes["malformed"] == [{"line": 4, "reason": "has 8 fields, the header has 7"}]
    ap = by["approval:records/approvals.json#A1"]
    assert ap.provenance.line == 3 and ap.attributes["decision"] == "approved"
    assert ap.edges[0].source == "model_version:credit-scorer/3" and ap.edges[0].type == "approved_by"
    assert by["approval:records/approvals.json#A2"].provenance.line == 5


def test_literacy_attestation_and_retention_config(tmp_path, make_ws, now):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "ai_literacy.csv").write_text(
        "person,role,course,completed_on\nA. Jones,analyst,AI basics,2026-09-01\n", encoding="utf-8")
    (tmp_path / "records" / "attestations.yaml").write_text(
        "- id: AT1\n  who: Jane Roe\n  when: 2027-02-01T10:00:00Z\n  catalogue_ids: art14.4.a, art14.4.b\n"
        "  statement: Override controls exist\n", encoding="utf-8")
    (tmp_path / "records" / "log_retention.yaml").write_text("retention_days: 200\nstore: s3://logs\n",
                                                             encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "records"}])
    by = _by_id(collect_system(ws, ws.systems[0], now=now))
    lit = by["literacy_record:records/ai_literacy.csv#L2"]
    assert lit.attributes["person"] == "A. Jones" and lit.attributes["completed_on"] == "2026-09-01"
    at = by["attestation:records/attestations.yaml#AT1"]
    assert at.attributes["catalogue_ids"] == ["art14.4.a", "art14.4.b"] and at.attributes["who"] == "Jane Roe"
    assert at.attributes["when"] == "2027-02-01T10:00:00Z"
    ret = by["doc:records/log_retention.yaml"]
    assert ret.kind == "log_retention_config" and ret.attributes["content"]["retention_days"] == 200


def test_malformed_json_file_is_reported_not_raised(tmp_path, make_ws, now):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "incidents.json").write_text('[\n {"id": "I1",\n', encoding="utf-8")
    ws = make_ws([{"collector": "documents", "path": "records"}])
    by = _by_id(collect_system(ws, ws.systems[0], now=now))
    rs = by["doc:records/incidents.json"]
    assert rs.attributes["record_count"] == 0 and rs.attributes["malformed"][0]["line"] == 3


def test_symlink_escape_and_dotdot_are_refused(tmp_path, make_ws, now):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# secret\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    os.symlink(outside / "secret.md", tmp_path / "docs" / "link.md")
    ws = make_ws([{"collector": "documents", "path": "docs"}])
    with pytest.raises(PathEscapeError) as ei:
        collect_system(ws, ws.systems[0], now=now)
    assert "link.md" in ei.value.render()
    ws = make_ws([{"collector": "documents", "path": f"../{outside.name}"}])
    with pytest.raises(PathEscapeError):
        collect_system(ws, ws.systems[0], now=now)


def test_missing_path_and_bad_option(tmp_path, make_ws, now):
    ws = make_ws([{"collector": "documents", "path": "nope"}])
    with pytest.raises(EvidenceError) as ei:
        collect_system(ws, ws.systems[0], now=now)
    assert "nope" in ei.value.render()
    ws = make_ws([{"collector": "documents", "path": "docs", "colour": "red"}])
    with pytest.raises(ConfigError) as ei2:
        collect_system(ws, ws.systems[0], now=now)
    assert "colour" in ei2.value.render()
    ws = make_ws([{"collector": "nosuch"}])
    with pytest.raises(ConfigError, match="unknown collector"):
        collect_system(ws, ws.systems[0], now=now)


def test_non_record_kind_with_a_list_is_one_structured_document(tmp_path):
    """A test plan (not a record kind) holding a list keeps every key; a bare list is kept whole."""
    import datetime as dt

    from aiconform.engine.collect import collect_system
    from aiconform.engine.config import load_workspace

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.yaml").write_text(
        "aiconform: {kind: test_plan}\ntopic: validation\nowner: QA\ncases:\n  - {id: T1, metric: auc}\n"
        "  - {id: T2, metric: ks}\n")
    (tmp_path / "docs" / "measures.yaml").write_text("- {measure: override button}\n- {measure: stop}\n")
    (tmp_path / "aiconform.yaml").write_text(
        "systems:\n  - id: s\n    sources:\n      - {collector: documents, path: docs/, include: ['plan.yaml']}\n"
        "      - {collector: documents, name: m, path: docs/, include: ['measures.yaml'], kind: human_oversight}\n")
    ws = load_workspace(tmp_path)
    items = {i.kind: i for i in collect_system(ws, ws.systems[0], now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))}
    plan = items["test_plan"].attributes
    assert plan["topic"] == "validation" and plan["owner"] == "QA" and len(plan["cases"]) == 2
    assert items["human_oversight"].attributes["records"] == [{"measure": "override button"}, {"measure": "stop"}]
