"""OSCAL Assessment Results, built with compliance-trestle's pydantic models (the ``oscal`` extra).

The document is built from trestle's models, so building it validates it; the written JSON is
parsed back through ``trestle.oscal.assessment_results.Model`` in the tests. UUIDs are UUIDv5 of
the system, date and rule identity, and every timestamp is the evaluation date (midnight UTC), so
the same Report always gives the same bytes.

Mapping: one ``result`` per evaluation; every applicable requirement (pass, fail, error, manual,
waived) is a ``finding`` targeting the rule id as an ``objective-id`` with state ``satisfied`` (pass
only) or ``not-satisfied``, backed by one ``observation`` (method TEST for automated rules, EXAMINE
for manual attestations) whose ``relevant-evidence`` lists the evidence files and hashes relied on.
Requirements not applicable (or applicable only later) are counted in the result's remarks.
There is no OSCAL assessment plan behind an aiconform run; ``import-ap`` points at a back-matter
resource describing the policy bundle that served as the plan.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

from ... import __version__
from ..canonical import canonical_bytes
from ..errors import UsageError
from ..models import Report, Status
from ._base import LAW_URI, OutputContext, evidence_by_sha, one_line

__all__ = ["render", "build", "NS"]

NS = "urn:aiconform:oscal"
_UUID_NS = uuid.UUID("6f1c3d2e-8a4b-5c7d-9e0f-a1b2c3d4e5f6")
_TOKEN_BAD = re.compile(r"[^\w.\-]")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_UUID_NS, "\x1f".join(parts)))


def _token(s: str) -> str:
    t = _TOKEN_BAD.sub("_", s)
    return t if t and (t[0].isalpha() or t[0] == "_") else "_" + t


def _trestle() -> tuple[Any, Any]:
    try:
        from trestle.oscal import assessment_results as ar
        from trestle.oscal import common
    except ImportError:
        raise UsageError("the oscal output needs compliance-trestle",
                         hint="pip install 'aiconform[oscal]'") from None
    return ar, common


def build(report: Report, ctx: OutputContext | None = None) -> Any:
    """The trestle ``AssessmentResults`` model of a Report (validated as it is built)."""
    ar, c = _trestle()
    when = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)
    sid, day = report.system.id, report.as_of.isoformat()
    by_sha = evidence_by_sha(report)

    def prop(name: str, value: str) -> Any:
        return c.Property(name=name, value=one_line(value) or "-", ns=NS)

    bundle_uuid = _uuid(sid, day, "policy-bundle")
    back_matter = c.BackMatter(resources=[c.Resource(
        uuid=bundle_uuid,
        title="aiconform policy bundle (serves as the assessment plan)",
        description=f"Requirement policies of the EU AI Act ({report.law_basis}), evaluated by OPA "
                    f"{report.versions.opa} ({report.versions.engine}).",
        props=[prop("policy-bundle-digest", report.versions.policy_bundle_digest)],
        rlinks=[c.Rlink(href=LAW_URI)],
    )])
    observations, findings = [], []
    not_applicable = 0
    for f in report.findings:
        if f.status in (Status.not_applicable, Status.not_yet_applicable):
            not_applicable += 1
            continue
        key = "\x1f".join([f.rule_id, *sorted(f.subjects)])
        obs_uuid = _uuid(sid, day, "observation", key)
        evidence = []
        for sha in f.evidence:
            items = by_sha.get(sha, [])
            for item in items or [None]:
                desc = f"{item.kind}: {item.title or item.id}" if item else f"evidence sha256:{sha}"
                href = item.provenance.source_uri if item else None
                evidence.append(c.RelevantEvidence(
                    href=href if href and " " not in href else None,
                    description=one_line(desc) or "evidence",
                    props=[prop("sha256", sha)]))
        observations.append(c.Observation(
            uuid=obs_uuid,
            title=one_line(f"{f.rule_id}: {f.title}")[:200],
            description=one_line(f.message) or f.title,
            methods=["EXAMINE" if f.manual or f.status == Status.manual else "TEST"],
            types=["finding"] if f.status != Status.passed else ["control-objective"],
            props=[prop("status", f.status.value), prop("severity", f.severity.value),
                   prop("citation", f.citation)] + [prop("subject", s) for s in f.subjects],
            relevant_evidence=evidence or None,
            collected=when,
        ))
        satisfied = f.status == Status.passed
        remarks = None
        if f.status == Status.waived and f.waiver is not None:
            w = f.waiver
            remarks = f"Waived by {w.owner} until {w.expires.isoformat()}: {one_line(w.justification)}"
        elif f.remediation and not satisfied:
            remarks = f"Remediation: {one_line(f.remediation)}"
        findings.append(c.Finding(
            uuid=_uuid(sid, day, "finding", key),
            title=one_line(f"{f.citation}: {f.title}"),
            description=one_line(f.message) or f.title,
            props=[prop("rule-id", f.rule_id), prop("status", f.status.value), prop("severity", f.severity.value)]
            + [prop("catalogue-id", i) for i in f.catalogue_ids],
            target=c.FindingTarget(
                type="objective-id",
                target_id=_token(f.rule_id),
                title=one_line(f"{f.citation}: {f.title}"),
                status=c.ObjectiveStatus(
                    state="satisfied" if satisfied else "not-satisfied",
                    reason="pass" if satisfied else ("fail" if f.status == Status.failed else "other"),
                    remarks=None if f.status in (Status.passed, Status.failed) else f"aiconform status: {f.status.value}",
                ),
            ),
            related_observations=[ar.RelatedObservation(observation_uuid=obs_uuid)],
            remarks=remarks,
        ))
    cl = report.classification
    result = ar.Result(
        uuid=_uuid(sid, day, "result"),
        title=f"EU AI Act conformity evaluation of {report.system.name or sid}",
        description=f"aiconform evaluation of system {sid} as of {day} under {report.law_basis}; "
                    f"risk tier {cl.tier.value}, roles {', '.join(cl.roles) or 'none'}.",
        start=when,
        end=when,
        props=[prop("system", sid), prop("tier", cl.tier.value), prop("as-of", day),
               prop("inputs-digest", report.inputs_digest or "-")]
        + [prop(f"count-{_token(k)}", str(v)) for k, v in sorted(report.summary.counts.items())],
        reviewed_controls=c.ReviewedControls(
            description="The requirements of the EU AI Act that bind this system on the evaluation date.",
            control_selections=[c.ControlSelectionsAll(include_all=c.IncludeAll())],
        ),
        observations=observations or None,
        findings=findings or None,
        remarks=f"{not_applicable} requirement(s) not applicable to this system on {day}.",
    )
    metadata = c.Metadata(
        title=f"aiconform assessment results: {report.system.name or sid} ({day})",
        last_modified=when,
        version=__version__,
        oscal_version=c.OscalVersion(ar.OSCAL_VERSION),
        props=[prop("law-basis", report.law_basis), prop("aiconform-version", report.versions.aiconform)],
    )
    return ar.AssessmentResults(
        uuid=_uuid(sid, day, "assessment-results", report.inputs_digest, report.versions.policy_bundle_digest),
        metadata=metadata,
        import_ap=ar.ImportAp(href=f"#{bundle_uuid}",
                              remarks="No OSCAL assessment plan: the aiconform policy bundle is the plan."),
        results=[result],
        back_matter=back_matter,
    )


def render(report: Report, ctx: OutputContext | None = None) -> bytes:
    model = build(report, ctx)
    doc = json.loads(model.oscal_serialize_json(pretty=False))
    # canonical (sorted, compact) JSON, then indented for people: deterministic either way
    return (json.dumps(json.loads(canonical_bytes(doc)), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
