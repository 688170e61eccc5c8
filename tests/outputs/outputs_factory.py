"""Report factory for output, exit-code and baseline tests (real models, built directly).

A uniquely named module (not conftest) so test files can import it without clashing with other
folders' conftest modules; tests/outputs/conftest.py turns it into fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiconform.engine.models import (
    Classification,
    EvidenceItem,
    Finding,
    Provenance,
    Report,
    Severity,
    Status,
    System,
    Tier,
    Versions,
    Waiver,
)

SCHEMAS = Path(__file__).parent / "schemas"
AS_OF = dt.date(2027, 12, 2)
SHA_RISK = "a" * 64
SHA_LOG = "b" * 64
SHA_MLFLOW = "c" * 64


def finding(rule_id: str = "AIACT-9-2-a", status: str = "fail", severity: str = "deny", **kw: Any) -> Finding:
    base: dict[str, Any] = {
        "rule_id": rule_id,
        "catalogue_ids": ("art9.2.a",),
        "citation": "Art. 9(2)(a)",
        "title": "Risks to health, safety and fundamental rights are identified",
        "package": "aiact.art9",
        "severity": Severity(severity),
        "status": Status(status),
        "message": f"{rule_id} is {status}",
        "subjects": ("system",),
        "remediation": "Add the missing risks to the risk register with owner and mitigation.",
        "applies_from": "2027-12-02",
    }
    base.update(kw)
    return Finding(**base)


def evidence(ev_id: str, sha: str, uri: str, line: int | None = None, kind: str = "risk_register") -> EvidenceItem:
    return EvidenceItem(
        id=ev_id, kind=kind, title=ev_id,
        provenance=Provenance(source_uri=uri, sha256=sha, collected_at=dt.datetime(2027, 12, 1, tzinfo=dt.UTC),
                              collector="documents", collector_version="0.1.0", line=line),
    )


def report(findings: Sequence[Finding] = (), *, tier: str = "high_risk", items: Sequence[EvidenceItem] = (),
           waivers: Sequence[Waiver] = (), undetermined: Sequence[str] = ()) -> Report:
    from aiconform.engine.pipeline import summarise

    return Report(
        system=System(id="credit-scoring", name="Consumer credit scoring", version="3",
                      provider="Example Bank", roles=("provider",)),
        as_of=AS_OF,
        law_basis="Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
        classification=Classification(tier=Tier(tier), roles=("provider",), high_risk_route="annex_iii",
                                      undetermined=tuple(undetermined)),
        findings=tuple(findings),
        summary=summarise(findings),
        waivers=tuple(waivers),
        evidence=tuple(items),
        versions=Versions(aiconform="0.1.0", opa="1.20.2", engine="embedded",
                          policy_bundle_digest="sha256:" + "d" * 64),
        inputs_digest="sha256:" + "e" * 64,
    )


def build_rich_report(tmp_path: Path) -> tuple[Report, Path]:
    """A report with every status, evidence in files (with lines), an MLflow item, a waiver, and
    hostile text; returns it with the workspace folder (files exist under it)."""
    ws = tmp_path / "ws"
    (ws / "docs").mkdir(parents=True)
    (ws / "logs").mkdir()
    (ws / "docs" / "risk register.yaml").write_text("risks:\n  - id: R-1\n", encoding="utf-8")
    (ws / "logs" / "inference.jsonl").write_text("{}\n", encoding="utf-8")
    (ws / "aiconform.yaml").write_text("version: 1\nsystems:\n  - id: credit-scoring\n", encoding="utf-8")
    items = [
        evidence("doc:risk", SHA_RISK, (ws / "docs" / "risk register.yaml").as_uri(), line=2),
        evidence("log:inference", SHA_LOG, "logs/inference.jsonl", kind="log_stream"),
        evidence("mlflow:credit/3", SHA_MLFLOW, "mlflow:models/credit-scorer/3", kind="model_version"),
    ]
    w = Waiver(rule_id="AIACT-13-3-b", owner="jane.doe", justification="IFU rewrite in progress",
               expires=dt.date(2028, 1, 31))
    fs = [
        finding("AIACT-9-2-a", "fail", "deny", evidence=(SHA_RISK,), subjects=("doc:risk",),
                message="Risk R-1 has no owner <script>alert(1)</script>\n::add-mask::secret | pipe"),
        finding("AIACT-12-1", "fail", "warn", citation="Art. 12(1)", title="Logs are recorded automatically",
                evidence=(SHA_LOG,), package="aiact.art12"),
        finding("AIACT-15-3", "error", "deny", citation="Art. 15(3)", title="Accuracy declared matches measured",
                evidence=(SHA_MLFLOW,), message="rule raised: division by zero", package="aiact.art15"),
        finding("AIACT-17-1-a", "manual", "deny", citation="Art. 17(1)(a)", title="QMS: regulatory compliance strategy",
                manual=True, package="aiact.art17"),
        finding("AIACT-13-3-b", "waived", "deny", citation="Art. 13(3)(b)", title="IFU states accuracy",
                waiver=w, package="aiact.art13"),
        finding("AIACT-11-1", "pass", "deny", citation="Art. 11(1)", title="Technical documentation exists",
                message="", package="aiact.art11",
                locations=({"uri": "docs/technical_documentation.md", "line": 7},)),
        finding("AIACT-50-1", "not_applicable", "deny", citation="Art. 50(1)", title="Interaction disclosure",
                message="does not bind: tier", package="aiact.art50"),
        finding("AIACT-72-1", "not_yet_applicable", "deny", citation="Art. 72(1)", title="Post-market monitoring",
                message="applies from 2028-08-02", applies_from="2028-08-02", package="aiact.art72"),
        finding("AIACT-4-1", "fail", "info", citation="Art. 4", title="AI literacy records", package="aiact.art4"),
    ]
    return report(fs, items=items, waivers=[w]), ws
