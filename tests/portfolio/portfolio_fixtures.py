"""Reports built directly from the models, for the portfolio / catalogue / ledger tests (and their
subprocesses, which import this file by path)."""

from __future__ import annotations

import datetime as dt

from aiconform.engine.models import (
    Classification,
    EvidenceItem,
    Finding,
    Provenance,
    Report,
    Severity,
    Status,
    Summary,
    System,
    Tier,
    Versions,
)


def build_report(system_id: str = "credit", *, as_of: dt.date = dt.date(2027, 12, 2), status: Status = Status.failed,
                 tier: Tier = Tier.high_risk, bundle_digest: str = "sha256:" + "ab" * 32, owner: str = "risk-team",
                 evidence_sha: str = "cd" * 32, extra_findings: int = 0) -> Report:
    findings = [
        Finding(rule_id="AIACT-9-1", citation="Art. 9(1)", title="Risk management system", severity=Severity.deny,
                status=status, message="risk register", catalogue_ids=("art9.1",)),
        Finding(rule_id="AIACT-12-1", citation="Art. 12(1)", title="Record-keeping", severity=Severity.deny,
                status=Status.passed),
    ]
    findings += [Finding(rule_id=f"ORG-{i}", citation="Org", title=f"org rule {i}", severity=Severity.warn,
                         status=Status.passed) for i in range(extra_findings)]
    counts = {s.value: sum(1 for f in findings if f.status == s) for s in Status}
    blocking = sum(1 for f in findings if f.status == Status.failed and f.severity == Severity.deny)
    item = EvidenceItem(id="doc:risk.yaml", kind="risk_register", title="Risk register",
                        provenance=Provenance(source_uri="file:///ws/docs/risk.yaml", sha256=evidence_sha,
                                              collected_at=dt.datetime(2027, 11, 1, tzinfo=dt.UTC),
                                              collector="documents", collector_version="1",
                                              valid_until=dt.datetime(2028, 11, 1, tzinfo=dt.UTC)))
    return Report(
        system=System(id=system_id, name=system_id.title(), version="1.2", owner=owner, roles=("provider",)),
        as_of=as_of, law_basis="Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744",
        classification=Classification(tier=tier, roles=("provider",)), findings=tuple(findings),
        summary=Summary(counts=counts, blocking=blocking, warnings=0), evidence=(item,),
        versions=Versions(aiconform="0.1.0", opa="1.20.2", engine="embedded", policy_bundle_digest=bundle_digest),
        inputs_digest="sha256:" + "ef" * 32)

