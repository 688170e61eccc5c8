"""Portfolio summary (pure), rendering safety, catalogue model versions, reproduce's explanation of differences."""

from __future__ import annotations

import datetime as dt
import json

from aiconform.engine.canonical import canonical_bytes
from aiconform.engine.models import (
    EvidenceItem,
    Finding,
    Obligation,
    Provenance,
    Severity,
    Status,
    Tier,
    Waiver,
)
from aiconform.engine.pipeline import summarise
from aiconform.engine.portfolio import (
    Outcome,
    article_of,
    build_portfolio,
    cell_status,
    fonts_dir,
    render_html,
    render_pdf,
    safe_url_fetcher,
    template_root,
)

AS_OF = dt.date(2027, 12, 2)


def _item(eid: str, valid_until: dt.datetime | None, kind: str = "risk_register", **attrs) -> EvidenceItem:
    return EvidenceItem(id=eid, kind=kind, title=eid, attributes=attrs,
                        provenance=Provenance(source_uri=f"file:///ws/{eid}", sha256="aa" * 32,
                                              collected_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC), collector="documents",
                                              collector_version="1", valid_until=valid_until))


def test_article_columns():
    assert article_of("Art. 9(2)(a)") == "Art. 9"
    assert article_of("Article 26(6)") == "Art. 26"
    assert article_of("Annex IV point 2(b)") == "Annex IV"
    assert cell_status([(Status.passed, Severity.deny), (Status.failed, Severity.warn)]) == "warn"
    assert cell_status([(Status.failed, Severity.warn), (Status.failed, Severity.deny)]) == "fail"
    assert cell_status([(Status.not_applicable, Severity.deny)]) == "n/a"
    assert cell_status([(Status.error, Severity.info), (Status.failed, Severity.deny)]) == "error"


def test_build_portfolio_matrix_blocking_deadlines_stale_owners(make_report):
    a = make_report("alpha", owner="Team A")  # Art 9 fails (deny)
    extra = (
        Finding(rule_id="AIACT-11-1", citation="Annex IV point 1", title="General description", severity=Severity.deny,
                status=Status.not_yet_applicable, applies_from="2028-03-01"),
        Finding(rule_id="AIACT-13-1", citation="Art. 13(3)(b)", title="Accuracy declared", severity=Severity.warn,
                status=Status.failed),
    )
    b = make_report("beta", status=Status.passed, owner="Team A", tier=Tier.transparency)
    b = b.model_copy(update={
        "findings": b.findings + extra,
        "evidence": (_item("old", dt.datetime(2027, 6, 1, tzinfo=dt.UTC)),
                     _item("soon", dt.datetime(2028, 1, 15, tzinfo=dt.UTC))),
        "waivers": (Waiver(rule_id="AIACT-9-1", owner="CRO", justification="fix in Q1", expires=dt.date(2028, 2, 1)),),
        "classification": b.classification.model_copy(update={"obligations": (
            Obligation(id="art50.2", citation="Art. 50(2)", title="Mark synthetic content", role="provider",
                       applies_from="2028-02-02", applies_now=False),
            Obligation(id="art4", citation="Art. 4", title="AI literacy", role="provider", applies_from="2025-02-02",
                       applies_now=True),
            Obligation(id="far", citation="Art. 99", title="Too far ahead", role="provider", applies_from="2030-01-01",
                       applies_now=False))}),
    })
    b = b.model_copy(update={"summary": summarise(b.findings)})
    pf = build_portfolio(AS_OF, [Outcome("beta", b), Outcome("alpha", a),
                                 Outcome("gamma", None, error="config: <bad>", owner="Team C")], horizon_days=180)
    assert [r.id for r in pf.systems] == ["alpha", "beta", "gamma"]
    assert pf.columns == ("Art. 9", "Art. 12", "Art. 13", "Annex IV")
    alpha, beta, gamma = pf.systems
    assert alpha.status == "blocking" and alpha.cells == {"Art. 9": "fail", "Art. 12": "pass"}
    assert beta.cells["Art. 13"] == "warn" and beta.cells["Annex IV"] == "pending"
    assert gamma.status == "error" and gamma.error == "config: <bad>"
    assert pf.totals == {"blocking": 1, "error": 1, "warnings": 1, "pass": 0}
    assert [(x.system, x.rule_id) for x in pf.blocking_items] == [("alpha", "AIACT-9-1")]
    assert [(u.date, u.kind) for u in pf.upcoming] == [
        ("2028-01-15", "evidence_expires"), ("2028-02-01", "waiver_expires"), ("2028-02-02", "obligation_applies"),
        ("2028-03-01", "requirement_applies")]
    assert [(s.system, s.evidence_id, s.valid_until) for s in pf.stale_evidence] == [("beta", "old", "2027-06-01")]
    owners = {o.owner: o for o in pf.owners}
    assert owners["Team A"].systems == ("alpha", "beta") and owners["Team A"].blocking_items == 1
    assert owners["Team C"].error_systems == 1
    from aiconform.engine.portfolio import portfolio_view

    view = portfolio_view(pf)
    assert [(g["rule_id"], g["systems"], g["names"]) for g in view["blocking_groups"]] == [("AIACT-9-1", 1, "alpha")]
    assert [(g["kind"], g["count"]) for g in view["upcoming_groups"]][0] == ("evidence_expires", 1)
    assert view["stale_groups"] == [{"system": "beta", "owner": "Team A", "count": 1, "kinds": "risk_register",
                                     "oldest": "2027-06-01"}]
    # deterministic: same outcomes in another order -> same bytes
    again = build_portfolio(AS_OF, [Outcome("alpha", a), Outcome("gamma", None, error="config: <bad>", owner="Team C"),
                                    Outcome("beta", b)], horizon_days=180)
    assert canonical_bytes(again) == canonical_bytes(pf)


HOSTILE = ('<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
           '<a rel="attachment" href="file:///etc/hostname">x</a><style>@import url(file:///etc/shadow);</style>')


def test_rendered_html_keeps_evidence_text_inert_and_pdf_fetches_nothing(make_report):
    rep = make_report("evil")
    bad = rep.findings[0].model_copy(update={"message": HOSTILE, "remediation": "{{ 7*7 }}"})
    rep = rep.model_copy(update={"findings": (bad, *rep.findings[1:]),
                                 "system": rep.system.model_copy(update={"owner": HOSTILE})})
    pf = build_portfolio(AS_OF, [Outcome("evil", rep)])
    html = render_html(pf)
    assert "<img" not in html and "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]
    fetcher = safe_url_fetcher(template_root(), fonts_dir())
    pdf = render_pdf(html, fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert fetcher.refused == []  # the hostile references were text, so nothing even tried to fetch them
    assert b"/EmbeddedFile" not in pdf


def test_safe_fetcher_refuses_files_and_network_outside_the_templates(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    page = (f'<html><body><img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
            f'<link rel="attachment" href="{secret.as_uri()}">'
            '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="></body></html>')
    fetcher = safe_url_fetcher(template_root(), fonts_dir())
    pdf = render_pdf(page, fetcher=fetcher)
    assert sorted(fetcher.refused) == sorted([secret.as_uri(), secret.as_uri(), "http://127.0.0.1:9/x.png"])
    assert b"TOP SECRET" not in pdf and b"/EmbeddedFile" not in pdf


def test_catalog_reads_model_versions_from_recorded_results(tmp_path, make_report):
    from aiconform.engine.catalog import build_catalog, filter_entries, search_entries, to_csv
    from aiconform.engine.config import load_workspace
    from aiconform.engine.ledger import append_run

    (tmp_path / "aiconform.yaml").write_text("version: 1\nsystems:\n  - {id: credit, owner: Risk}\n")
    rep = make_report("credit")
    mv = _item("model_version:credit-scorer/3", None, kind="model_version", name="credit-scorer", version="3",
               aliases=["champion"])
    append_run(tmp_path, rep.model_copy(update={"evidence": (*rep.evidence, mv)}))
    entries = build_catalog(load_workspace(tmp_path))
    assert [m.label for m in entries[0].model_versions] == ["credit-scorer/3 (champion)"]
    assert [e.id for e in filter_entries(entries, model="scorer/3")] == ["credit"]
    assert filter_entries(entries, model="fraud") == []
    assert [e.id for e in search_entries(entries, "CHAMPION credit")] == ["credit"]
    assert b"credit-scorer/3 (champion)" in to_csv(entries)


def test_diff_results_names_each_cause(make_report):
    from aiconform.engine.commands.reproduce import diff_results

    old = make_report("credit")
    new = make_report("credit", status=Status.passed, bundle_digest="sha256:" + "99" * 32, evidence_sha="77" * 32)
    d = diff_results(json.loads(canonical_bytes(old)), json.loads(canonical_bytes(new)))
    areas = [(x.area, x.what) for x in d]
    assert ("policy_bundle", "a different policy bundle was used") in areas
    assert any(a == "evidence" and "doc:risk.yaml has different bytes" in w for a, w in areas)
    assert ("findings", "AIACT-9-1 status changed") in areas
    st = next(x for x in d if x.what == "AIACT-9-1 status changed")
    assert (st.recorded, st.now) == ("fail", "pass")
    assert any(a == "other" and w == "summary differs" for a, w in areas)
    # answers only: same evidence, different inputs digest
    ans = old.model_copy(update={"inputs_digest": "sha256:" + "12" * 32})
    d2 = diff_results(json.loads(canonical_bytes(old)), json.loads(canonical_bytes(ans)))
    assert [x.area for x in d2] == ["answers"]
    assert diff_results(json.loads(canonical_bytes(old)), json.loads(canonical_bytes(old))) == []


def test_opa_bundle_for_a_fleet_is_reproducible_and_compiles(tmp_path):
    import io
    import tarfile

    from aiconform.engine.bundle import Module, PolicyBundle, load_bundle
    from aiconform.engine.policy_engine import make_engine
    from aiconform.engine.portfolio import build_opa_bundle

    b = load_bundle()
    blob = build_opa_bundle(b)
    assert blob == build_opa_bundle(b)  # byte-identical
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        files = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(files.pop(".manifest"))
    assert manifest["revision"] == b.digest and "aiact" in manifest["roots"] and "lib" in manifest["roots"]
    assert json.loads(files.pop("data.json")) == b.data
    assert sorted(files) == sorted(m.path for m in b.modules)
    mods = []
    for name, src in sorted(files.items()):
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(src)
        mods.append(Module(path=name, file=f, source=src.decode(), package=next(
            m.package for m in b.modules if m.path == name)))
    e = make_engine()
    try:
        e.load(PolicyBundle(modules=mods, data=json.loads(json.dumps(b.data)), digest=b.digest))
        assert e.query("x := count(data.lib)")[0]["x"] > 0
    finally:
        e.close()


def test_pdf_is_set_in_the_bundled_fonts(make_report):
    """As the report: the fonts shipped in assets/fonts, never an installed copy (the layout must not depend on
    the machine); the HTML file keeps naming the installed families, which browsers have."""
    import io

    import pypdf

    pf = build_portfolio(AS_OF, [Outcome("alpha", make_report("alpha"))])
    html = render_html(pf)
    assert "DejaVu Sans Bundled" in html  # first choice in the shared stylesheet, "DejaVu Sans" after it
    names: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(render_pdf(html))).pages:
        for font in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert "DejaVu-Sans-Bundled" in names and not [n for n in names if "Bundled" not in n], names
