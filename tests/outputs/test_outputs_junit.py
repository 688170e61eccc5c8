"""JUnit XML: valid against Jenkins' junit-10.xsd; a test case per requirement; failures explain."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from aiconform.engine.outputs import OutputContext, render
from lxml import etree
from outputs_factory import SCHEMAS, build_rich_report, report

XSD = xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))


def _xml(tmp_path: Path) -> tuple[bytes, etree._Element]:
    r, ws = build_rich_report(tmp_path)
    data = render("junit", r, OutputContext(workspace_root=ws, source_root=ws.parent))
    return data, etree.fromstring(data)


def test_junit_is_valid_against_the_jenkins_xsd(tmp_path: Path) -> None:
    data, _ = _xml(tmp_path)
    XSD.validate(data.decode("utf-8"))
    # and with lxml's own validator, as a second, independent implementation
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))
    assert schema.validate(etree.fromstring(data)), schema.error_log


def test_xsd_rejects_a_broken_report(tmp_path: Path) -> None:
    data, root = _xml(tmp_path)
    root.find("testsuite").append(etree.Element("testcase"))  # no name: required by the XSD
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        XSD.validate(etree.tostring(root).decode())


def test_one_test_case_per_finding_with_counts(tmp_path: Path) -> None:
    r, ws = build_rich_report(tmp_path)
    root = etree.fromstring(render("junit", r, OutputContext(workspace_root=ws, source_root=ws.parent)))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(r.findings) == int(suite.get("tests")) == int(root.get("tests"))
    assert suite.get("failures") == "2"  # deny + warn failures; info is not a test failure
    assert suite.get("errors") == "1"
    assert suite.get("skipped") == "4"  # manual, waived, not applicable, later
    assert root.get("failures") == "2" and root.get("errors") == "1"
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["system"] == "credit-scoring" and props["as_of"] == "2027-12-02"


def test_failures_carry_message_remediation_and_citation(tmp_path: Path) -> None:
    _, root = _xml(tmp_path)
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("AIACT-9-2-a"))
    fail = case.find("failure")
    assert fail.get("type") == "deny"
    assert fail.get("message").startswith("Risk R-1 has no owner <script>")  # text, parsed back intact
    assert "Remediation: Add the missing risks" in fail.text
    assert "Citation: Art. 9(2)(a)" in fail.text
    assert "Where: ws/docs/risk register.yaml:2" in fail.text
    assert case.get("classname") == "aiconform.credit-scoring.aiact.art9"


def test_statuses_map_to_junit_elements(tmp_path: Path) -> None:
    _, root = _xml(tmp_path)
    kind = {}
    for c in root.iter("testcase"):
        rid = c.get("name").split()[0]
        child = [x for x in c if x.tag in ("failure", "error", "skipped")]
        kind[rid] = (child[0].tag, child[0].get("type")) if child else ("passed", None)
    assert kind == {
        "AIACT-9-2-a": ("failure", "deny"),
        "AIACT-12-1": ("failure", "warn"),
        "AIACT-15-3": ("error", "error"),
        "AIACT-17-1-a": ("skipped", "manual"),
        "AIACT-13-3-b": ("skipped", "waived"),
        "AIACT-11-1": ("passed", None),
        "AIACT-50-1": ("skipped", "not_applicable"),
        "AIACT-72-1": ("skipped", "not_yet_applicable"),
        "AIACT-4-1": ("passed", None),
    }
    waived = next(c for c in root.iter("testcase") if c.get("name").startswith("AIACT-13-3-b")).find("skipped")
    assert "jane.doe" in waived.get("message") and "2028-01-31" in waived.get("message")


def test_control_characters_in_evidence_text_do_not_break_the_xml(make_finding) -> None:  # type: ignore[no-untyped-def]
    f = make_finding(message="bad \x00\x07 bytes ]]> <!-- & \ud800")
    data = render("junit", report([f]))
    XSD.validate(data.decode("utf-8"))
    assert "]]>" in etree.fromstring(data).find(".//failure").get("message")


def test_empty_report_is_valid() -> None:
    XSD.validate(render("junit", report([])).decode("utf-8"))
