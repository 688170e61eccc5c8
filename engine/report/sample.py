"""A realistic sample :class:`~aiconform.engine.models.Report` for tests, the benchmark and documentation images.

It is *not* an evaluation result: nothing here is judged. It mirrors what the pipeline produces for the bundled
credit-scoring example (Annex III point 5(b)), with findings across many articles, waivers (one expired), the Annex
IV items, application dates and an evidence manifest, so the renderer can be exercised end to end before (and
independently of) the pipeline. ``scale`` multiplies findings and evidence to reach long reports (the benchmark
uses about 30 pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from ..models import (
    Classification,
    EvidenceItem,
    Finding,
    Obligation,
    Provenance,
    Provision,
    Report,
    Severity,
    Status,
    Summary,
    System,
    Versions,
    Waiver,
)

__all__ = ["sample_report", "summarise"]

_AS_OF = dt.date(2027, 12, 2)
_COLLECTED = dt.datetime(2027, 11, 28, 9, 30, tzinfo=dt.UTC)

# (source uri, kind, title, line)
_EVIDENCE = [
    ("file://docs/technical_documentation.md", "technical_documentation", "Technical documentation v3.2", None),
    ("file://docs/technical_documentation.md#1", "technical_documentation.section", "1. General description", 12),
    ("file://docs/technical_documentation.md#2", "technical_documentation.section", "2. Development process", 58),
    ("file://docs/technical_documentation.md#3", "technical_documentation.section", "3. Monitoring and control", 141),
    ("file://docs/model_card.md", "model_card", "Model card: credit-scorer", None),
    ("file://docs/datasheet.md", "datasheet", "Datasheet: loan-applications-2019-2025", None),
    ("file://docs/instructions_for_use.md", "instructions_for_use", "Instructions for use (deployers)", None),
    ("file://docs/qms_manual.md", "qms_procedure", "Quality management manual", None),
    ("file://docs/fria.md", "fria", "Fundamental rights impact assessment", None),
    ("file://records/risk_register.yaml", "risk_register", "Risk register", None),
    ("file://records/incidents.csv", "incident", "Incident log", None),
    ("file://records/approvals.yaml", "approval", "Release approvals", None),
    ("file://records/literacy_records.csv", "literacy_record", "AI literacy training records", None),
    ("file://records/declaration_of_conformity.md", "declaration_of_conformity", "EU declaration of conformity (draft v0.3)", None),
    ("file://records/post_market_monitoring_plan.md", "pmm_plan", "Post-market monitoring plan", None),
    ("file://logs/inference.jsonl", "log_stream", "Inference log (JSONL)", None),
    ("sqlite:///mlflow.db#models/credit-scorer/7", "model_version", "credit-scorer v7 (alias: production)", None),
    ("sqlite:///mlflow.db#runs/5f1c9e/metrics", "metric", "Validation metrics of run 5f1c9e", None),
    ("git+file://.#HEAD", "source_repository", "Source repository at a41c2e9", None),
]

# (rule id, citation, title, catalogue ids, severity, status, message, remediation)
_F = Status
_FINDINGS = [
    ("AIACT-4-1", "Art. 4", "AI literacy of staff dealing with the system", ("art4",), "warn", _F.passed,
     "23 of 23 staff operating the system completed AI-literacy training within the last 12 months.", ""),
    ("AIACT-9-1", "Art. 9(1)", "Risk management system established and documented", ("art9",), "deny", _F.passed,
     "Risk register with 14 risks found; the RMS procedure is documented in the QMS manual section 4.", ""),
    ("AIACT-9-2-a", "Art. 9(2)(a)", "Known and foreseeable risks identified (health, safety, fundamental rights)",
     ("art9.2.a",), "deny", _F.failed,
     "The risk register covers health and safety but no risk addresses fundamental rights (non-discrimination, "
     "access to credit).", "Add fundamental-rights risks (e.g. indirect discrimination by postcode) with a "
     "mitigation, an owner and a review date."),
    ("AIACT-9-2-d", "Art. 9(2)(d)", "Risk management measures adopted for each risk", ("art9.2.d",), "deny",
     _F.failed, "3 of 14 risks have no mitigation: R-07, R-11, R-12.",
     "Record a mitigation and an owner for R-07, R-11 and R-12."),
    ("AIACT-9-6", "Art. 9(6)", "Testing to identify the most appropriate risk management measures", ("art9.6",),
     "warn", _F.passed, "Validation run 5f1c9e tested the model against the risk acceptance criteria.", ""),
    ("AIACT-9-9", "Art. 9(9)", "Impact on persons under 18 and vulnerable groups considered", ("art9.9",),
     "warn", _F.manual, "A person must confirm that effects on vulnerable groups were considered.",
     "Record an attestation (kind: attestation) naming who confirmed it and when."),
    ("AIACT-9-review", "Art. 9(2)", "Risk review within the configured period", ("art9.2",), "warn", _F.waived,
     "Risk register last reviewed 2026-09-14 (over 365 days).", "Review the risk register."),
    ("AIACT-10-2", "Art. 10(2)", "Data governance practices cover the Art 10(2) items", ("art10.2",), "deny",
     _F.failed, "The datasheet does not describe data-collection processes (Art 10(2)(b)) or the examination "
     "for possible biases (Art 10(2)(f)).", "Complete sections 'Collection process' and 'Bias examination' "
     "of the datasheet."),
    ("AIACT-10-3", "Art. 10(3)", "Training, validation and test data relevant and representative", ("art10.3",),
     "deny", _F.passed, "The datasheet states coverage of all 27 Member States and age bands 18-90.", ""),
    ("AIACT-10-5", "Art. 10(5)", "Special categories of personal data processed only under the Art 10(5) "
     "safeguards", ("art10.5",), "deny", _F.manual,
     "No collector can see whether special-category data were processed; attestation required.",
     "Record an attestation by the data protection officer."),
    ("AIACT-11-1", "Art. 11(1)", "Technical documentation drawn up before placing on the market", ("art11",),
     "deny", _F.passed, "Technical documentation v3.2 found, dated 2027-10-30.", ""),
]
_ANNEX_IV = [
    ("1.a", _F.passed, "Intended purpose, provider and version history documented in section 1."),
    ("1.b", _F.passed, "Interfaces (REST API, batch scoring) described in section 1.2."),
    ("1.c", _F.failed, "No software bill of materials or version-update policy found."),
    ("1.d", _F.passed, "Distribution via internal API only."),
    ("1.e", _F.passed, "Hardware: x86-64 CPU nodes, no accelerator."),
    ("1.f", _F.not_applicable, "Not a product component."),
    ("1.g", _F.passed, "UI description with screenshots in section 1.5."),
    ("1.h", _F.passed, "Instructions for use attached."),
    ("2.a", _F.passed, "Development steps and third-party components listed."),
    ("2.b", _F.failed, "Design choices listed without rationale or assumptions about affected groups."),
    ("2.c", _F.passed, "Architecture diagram and compute accounting present."),
    ("2.d", _F.failed, "Datasheet lacks labelling procedure and data-cleaning methods."),
    ("2.e", _F.passed, "Human oversight assessment present (section 2.5)."),
    ("2.f", _F.not_applicable, "No pre-determined changes: the model does not learn after deployment."),
    ("2.g", _F.failed, "Test reports are not dated and signed."),
    ("2.h", _F.manual, "Cybersecurity measures need a security officer's attestation."),
    ("3.a", _F.passed, "Subgroup accuracy reported for age and sex."),
    ("3.b", _F.passed, "Foreseeable unintended outcomes listed."),
    ("3.c", _F.passed, "Oversight measures described."),
    ("3.d", _F.passed, "Input data specification present."),
    ("4", _F.passed, "Metric-selection rationale present."),
    ("5", _F.passed, "Risk management system described."),
    ("6", _F.failed, "No change log covering the lifecycle."),
    ("7", _F.failed, "No list of harmonised standards or common specifications applied."),
    ("8", _F.failed, "The declaration of conformity is a draft and unsigned."),
    ("9", _F.passed, "Post-market monitoring plan present."),
]
_MORE = [
    ("AIACT-12-1", "Art. 12(1)", "Automatic recording of events over the lifetime", ("art12.1",), "deny", _F.passed,
     "Inference log covers 2027-05-01 to 2027-11-27 (211 days), 1,204,332 records, no gap longer than 24 h.", ""),
    ("AIACT-12-2", "Art. 12(2)", "Log records carry the fields needed for traceability", ("art12.2",), "deny",
     _F.failed, "Field 'input_reference' is empty in 4.2% of records (50,582 of 1,204,332); 17 malformed lines "
     "(first at line 88,213).", "Populate 'input_reference' for every decision; fix the writer that emits "
     "malformed lines."),
    ("AIACT-13-1", "Art. 13(1)", "Operation transparent enough for deployers to interpret output",
     ("art13.1",), "deny", _F.passed, "Instructions explain score bands and reason codes.", ""),
    ("AIACT-13-3-b-ii", "Art. 13(3)(b)(ii)", "Declared accuracy matches the measured metrics",
     ("art13.3.b.ii", "art15.3"), "deny", _F.failed,
     "Instructions for use declare AUC 0.91; registered model version 7 measured AUC 0.87 (run 5f1c9e).",
     "Update the declared accuracy in the instructions for use, or register the model version that was measured."),
    ("AIACT-13-3-d", "Art. 13(3)(d)", "Human oversight measures described for deployers", ("art13.3.d",), "deny",
     _F.passed, "Section 6 of the instructions describes override and escalation.", ""),
    ("AIACT-14-1", "Art. 14(1)", "Designed for effective human oversight", ("art14.1",), "deny", _F.passed,
     "Override control and reason codes documented.", ""),
    ("AIACT-14-4-e", "Art. 14(4)(e)", "Ability to stop the system ('stop button')", ("art14.4.e",), "deny",
     _F.manual, "Whether the stop procedure works must be confirmed by a person.",
     "Record the last stop-procedure drill as an attestation."),
    ("AIACT-15-1", "Art. 15(1)", "Appropriate accuracy, robustness and cybersecurity", ("art15.1",), "deny",
     _F.passed, "Validation AUC 0.87 >= configured minimum 0.80.", ""),
    ("AIACT-15-4", "Art. 15(4)", "Resilience against errors, faults and inconsistencies", ("art15.4",), "warn",
     _F.passed, "Robustness test report present (perturbation of 5 input features).", ""),
    ("AIACT-15-5", "Art. 15(5)", "Resilience against attempts to alter use or performance", ("art15.5",), "warn",
     _F.failed, "No threat model or penetration test report found.",
     "Add a threat model covering data poisoning and model evasion."),
    ("AIACT-16-a", "Art. 16(a)", "Provider ensures compliance with Section 2", ("art16.a",), "deny", _F.failed,
     "Blocked by open Section 2 findings (Arts 9, 10, 12, 13, 15).", "Resolve the Section 2 findings."),
    ("AIACT-16-b", "Art. 16(b)", "Provider name and contact on the system or its documentation", ("art16.b",),
     "warn", _F.passed, "Provider name and address in the instructions for use.", ""),
    ("AIACT-17-1-a", "Art. 17(1)(a)", "QMS: strategy for regulatory compliance", ("art17.1.a",), "deny",
     _F.passed, "QMS manual section 2.", ""),
    ("AIACT-17-1-d", "Art. 17(1)(d)", "QMS: examination, test and validation procedures", ("art17.1.d",), "deny",
     _F.passed, "QMS manual section 5.", ""),
    ("AIACT-17-1-g", "Art. 17(1)(g)", "QMS: risk management system (Art 9)", ("art17.1.g",), "deny", _F.passed,
     "QMS manual section 4 references the risk register.", ""),
    ("AIACT-17-1-i", "Art. 17(1)(i)", "QMS: serious-incident reporting procedure (Art 73)", ("art17.1.i",),
     "deny", _F.failed, "No incident reporting procedure in the QMS manual.",
     "Add a procedure naming who reports to which authority within the Art 73 deadlines."),
    ("AIACT-17-1-m", "Art. 17(1)(m)", "QMS: accountability framework", ("art17.1.m",), "warn", _F.manual,
     "Management responsibilities need an attestation.", "Record the management review as an attestation."),
    ("AIACT-18-1", "Art. 18(1)", "Documentation kept for 10 years", ("art18",), "warn", _F.manual,
     "Retention of documentation for 10 years after placing on the market must be confirmed.",
     "Record the retention policy as evidence."),
    ("AIACT-19-1", "Art. 19(1)", "Automatically generated logs kept at least six months", ("art19",), "deny",
     _F.passed, "Log retention configured for 400 days (>= 183).", ""),
    ("AIACT-20-1", "Art. 20(1)", "Corrective actions for non-conforming systems", ("art20",), "warn", _F.passed,
     "Corrective-action procedure in QMS section 8.", ""),
    ("AIACT-26-1", "Art. 26(1)", "Deployer uses the system per the instructions for use", ("art26.1",), "deny",
     _F.passed, "Operating procedure references the instructions for use v2.", ""),
    ("AIACT-26-2", "Art. 26(2)", "Human oversight assigned to competent persons", ("art26.2",), "deny",
     _F.passed, "Oversight roster with 4 trained credit officers.", ""),
    ("AIACT-26-5", "Art. 26(5)", "Deployer monitors operation and informs provider of risks", ("art26.5",),
     "deny", _F.manual, "Monitoring by the deployer needs an attestation.", "Record the monitoring procedure."),
    ("AIACT-26-6", "Art. 26(6)", "Deployer keeps logs at least six months", ("art26.6",), "deny", _F.passed,
     "Retention 400 days.", ""),
    ("AIACT-26-11", "Art. 26(11)", "Affected persons informed of the use of the system", ("art26.11",), "deny",
     _F.failed, "No notice to applicants found among the sources.",
     "Add the applicant notice (template and delivery evidence)."),
    ("AIACT-27-1", "Art. 27(1)", "Fundamental rights impact assessment before first use", ("art27",),
     "deny", _F.failed, "FRIA found but items (d) specific risks of harm and (f) complaint mechanisms are empty.",
     "Complete FRIA sections (d) and (f); notify the market-surveillance authority (Art 27(3))."),
    ("AIACT-43-2", "Art. 43(2)", "Conformity assessment route: internal control (Annex VI)", ("art43",), "deny",
     _F.passed, "Annex III point 5(b): internal control under Annex VI applies.", ""),
    ("AIACT-47-1", "Art. 47(1)", "EU declaration of conformity drawn up", ("art47",), "deny", _F.failed,
     "The declaration is unsigned and lacks Annex V items 6 and 8.",
     "Complete and sign the declaration (see the generated draft)."),
    ("AIACT-48-1", "Art. 48", "CE marking affixed", ("art48",), "deny", _F.not_yet_applicable,
     "Applies when the system is placed on the market after the conformity assessment.", ""),
    ("AIACT-49-1", "Art. 49(1)", "Registration in the EU database (Annex VIII Section A)", ("art49.1",), "deny",
     _F.failed, "No registration record found.", "Register the system and store the registration number."),
    ("AIACT-50-1", "Art. 50(1)", "Inform persons that they interact with an AI system", ("art50.1",), "warn",
     _F.not_applicable, "The system does not interact directly with natural persons.", ""),
    ("AIACT-72-1", "Art. 72(1)", "Post-market monitoring system established", ("art72",), "deny", _F.passed,
     "PMM plan present; drift metrics collected weekly.", ""),
    ("AIACT-73-2", "Art. 73(2)", "Serious incidents reported within 15 days", ("art73.2",), "deny", _F.error,
     "incidents.csv line 4: 'reported_at' is not a date ('next week'); the deadline could not be computed.",
     "Fix the date in incidents.csv line 4 and collect again."),
    ("AIACT-86-1", "Art. 86(1)", "Explanation of individual decisions on request", ("art86",), "warn",
     _F.passed, "Reason-code explanation procedure in the instructions for use.", ""),
]
_ANNEX_IV_TITLES = {
    "1": "General description", "2": "Elements and development process", "3": "Monitoring, functioning, control",
    "4": "Appropriateness of performance metrics", "5": "Risk management system", "6": "Lifecycle changes",
    "7": "Standards applied", "8": "Copy of the EU declaration of conformity", "9": "Post-market monitoring",
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _evidence(scale: int) -> list[EvidenceItem]:
    items = []
    for i in range(scale):
        for uri, kind, title, line in _EVIDENCE:
            u = uri if i == 0 else f"{uri}?copy={i}"
            valid = None if kind in ("model_version", "source_repository") else dt.datetime(2028, 11, 28, tzinfo=dt.UTC)
            if kind == "approval":
                valid = dt.datetime(2027, 10, 1, tzinfo=dt.UTC)  # stale on the evaluation date
            items.append(EvidenceItem(
                id=f"{kind}:{u}", kind=kind, title=title,
                provenance=Provenance(source_uri=u, sha256=_sha(u), collected_at=_COLLECTED,
                                      collector="documents" if u.startswith("file") else "mlflow",
                                      collector_version="0.1.0", valid_until=valid, line=line)))
    return items


def _evidence_for(citation: str, items: list[EvidenceItem]) -> tuple[str, ...]:
    """Deterministic, plausible evidence references for a finding."""
    h = int(_sha(citation), 16)
    picks = {items[h % len(items)].provenance.sha256, items[(h >> 8) % len(items)].provenance.sha256}
    return tuple(sorted(picks))


def summarise(findings: tuple[Finding, ...]) -> Summary:
    counts = {s.value: 0 for s in Status}
    for f in findings:
        counts[f.status.value] += 1
    blocking = sum(1 for f in findings if f.status in (Status.failed, Status.error) and f.severity == Severity.deny)
    warnings = sum(1 for f in findings if f.status == Status.failed and f.severity == Severity.warn)
    return Summary(counts=counts, blocking=blocking, warnings=warnings)


def sample_report(*, scale: int = 1, hostile_text: str | None = None) -> Report:
    """A credit-scoring Report with ~60 findings per unit of ``scale``.

    ``hostile_text`` is placed in a finding message, a remediation, an evidence title and the system name, to
    check that untrusted text stays inert in every rendering.
    """
    evidence = _evidence(scale)
    waiver = Waiver(rule_id="AIACT-9-review", owner="Head of Model Risk (j.doe@example.eu)",
                    justification="Annual review postponed until the v8 retraining completes; risks unchanged.",
                    expires=dt.date(2028, 3, 31))
    expired = Waiver(rule_id="AIACT-15-5", subject="model:credit-scorer", owner="CISO office",
                     justification="Pen test scheduled for Q3 2027.", expires=dt.date(2027, 9, 30))
    findings: list[Finding] = []
    models = ["model:credit-scorer"] + [f"model:credit-scorer-{i}" for i in range(1, scale)]
    for subject in models:
        rows = list(_FINDINGS)
        for item, status, msg in _ANNEX_IV:
            section = item.split(".")[0]
            cite = "Annex IV point " + (f"{section}({item.split('.')[1]})" if "." in item else section)
            rows.append((f"AIACT-11-ANNEX-IV-{item.replace('.', '-')}", f"Art. 11(1); {cite}",
                         f"Annex IV {item}: {_ANNEX_IV_TITLES[section]}", (f"annex_iv.{item}",), "deny", status,
                         msg, "" if status in (_F.passed, _F.not_applicable) else
                         f"Complete Annex IV point {item} in the technical documentation."))
        rows += _MORE
        for rule_id, citation, title, cids, sev, status, msg, rem in rows:
            w = None
            if rule_id == waiver.rule_id:
                w = waiver
            findings.append(Finding(
                rule_id=rule_id, catalogue_ids=cids, citation=citation, title=title,
                package="aiact." + rule_id.split("-")[1].lower(), severity=Severity(sev), status=status,
                message=msg, subjects=("system:credit-scoring", subject) if subject != models[0] or scale > 1
                else ("system:credit-scoring",),
                evidence=() if status in (_F.not_applicable, _F.not_yet_applicable) else _evidence_for(citation, evidence),
                locations=({"uri": "file://logs/inference.jsonl", "line": 88213},) if rule_id == "AIACT-12-2" else (),
                remediation=rem, applies_from="2027-12-02" if status != _F.not_yet_applicable else "2028-08-02",
                waiver=w, manual=status == _F.manual))
    if hostile_text is not None:
        f0 = findings[2]
        findings[2] = f0.model_copy(update={"message": f0.message + " " + hostile_text,
                                            "remediation": hostile_text})
        evidence[0] = evidence[0].model_copy(update={"title": hostile_text})
    findings.sort(key=lambda f: (f.citation, f.rule_id, f.subjects))
    ftuple = tuple(findings)
    classification = Classification(
        tier="high_risk", roles=("provider", "deployer"), high_risk_route="annex_iii",
        triggering_provisions=(
            Provision(id="annex3.5.b", citation="Art. 6(2); Annex III point 5(b)",
                      reason="The system evaluates the creditworthiness of natural persons and establishes their "
                             "credit score.", answers=("purpose.credit_scoring", "affected.natural_persons")),
            Provision(id="art6.3.profiling", citation="Art. 6(3), last subparagraph",
                      reason="The system performs profiling of natural persons, so no Art 6(3) derogation can "
                             "apply.", answers=("profiling",)),
        ),
        not_reached=(
            Provision(id="art5", citation="Art. 5(1)(a)-(h)", reason="No prohibited practice: no manipulation, "
                      "no social scoring by public authorities, no biometric processing.",
                      answers=("practices.none",)),
            Provision(id="art6.1", citation="Art. 6(1); Annex I", reason="Art 6(1)(b) not met: the system is not "
                      "a safety component of a product covered by Annex I legislation.", answers=("annex1.product",)),
            Provision(id="annex3.5.b.fraud", citation="Annex III point 5(b), carve-out",
                      reason="The fraud-detection carve-out does not apply: the purpose is credit scoring.",
                      answers=("purpose.fraud_detection",)),
            Provision(id="art50", citation="Art. 50(1)-(4)", reason="No direct interaction with natural persons, "
                      "no synthetic content, no emotion recognition.", answers=("interaction.direct",)),
        ),
        obligations=tuple(
            Obligation(id=i, citation=c, title=t, role=r, applies_from=d, applies_now=d <= _AS_OF.isoformat())
            for i, c, t, r, d in [
                ("art4", "Art. 4", "AI literacy", "provider", "2025-02-02"),
                ("art5", "Art. 5", "Prohibited practices", "provider", "2025-02-02"),
                ("art9", "Art. 9", "Risk management system", "provider", "2027-12-02"),
                ("art10", "Art. 10", "Data and data governance", "provider", "2027-12-02"),
                ("art11", "Art. 11; Annex IV", "Technical documentation", "provider", "2027-12-02"),
                ("art12", "Art. 12", "Record-keeping", "provider", "2027-12-02"),
                ("art13", "Art. 13", "Transparency to deployers", "provider", "2027-12-02"),
                ("art14", "Art. 14", "Human oversight", "provider", "2027-12-02"),
                ("art15", "Art. 15", "Accuracy, robustness, cybersecurity", "provider", "2027-12-02"),
                ("art17", "Art. 17", "Quality management system", "provider", "2027-12-02"),
                ("art26", "Art. 26", "Obligations of deployers", "deployer", "2027-12-02"),
                ("art27", "Art. 27", "Fundamental rights impact assessment", "deployer", "2027-12-02"),
                ("art47", "Art. 47; Annex V", "EU declaration of conformity", "provider", "2027-12-02"),
                ("art48", "Art. 48", "CE marking", "provider", "2028-08-02"),
                ("art49", "Art. 49", "Registration", "provider", "2027-12-02"),
                ("art72", "Art. 72", "Post-market monitoring", "provider", "2027-12-02"),
                ("art73", "Art. 73", "Serious-incident reporting", "provider", "2027-12-02"),
                ("art99", "Art. 99", "Penalties enforceable", "provider", "2025-08-02"),
            ]),
        dates={"high_risk": "2027-12-02", "prohibitions": "2025-02-02", "literacy": "2025-02-02"},
        law_basis="Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
    )
    return Report(
        system=System(id="credit-scoring", name="Consumer credit scoring" + (f" {hostile_text}" if hostile_text else ""),
                      version="7.0.2", intended_purpose="Estimate the probability of default of consumer-loan "
                      "applicants to support credit officers' decisions.", provider="Example Bank SE, "
                      "Friedrichstraße 1, 10117 Berlin, Germany", owner="Model Risk Management",
                      roles=("provider", "deployer")),
        as_of=_AS_OF,
        law_basis="Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
        classification=classification,
        findings=ftuple,
        summary=summarise(ftuple),
        waivers=(waiver, expired),
        evidence=tuple(evidence),
        versions=Versions(aiconform="0.1.0", opa="1.20.2", engine="embedded",
                          policy_bundle_digest="sha256:" + _sha("policy bundle"), catalogue_version="1.0.0"),
        inputs_digest="sha256:" + _sha("inputs"),
    )
