"""The typed domain of aiconform: what crosses every module boundary.

System, Answers, EvidenceItem (with Provenance), Waiver, Classification, Finding, Report.
Everything here is plain data (pydantic v2, frozen where it is a value), so stages stay pure functions
of their inputs and an injected clock (``as_of``). JSON produced from these models is canonical
(see :mod:`aiconform.engine.canonical`): same inputs, same policies, same date -> same bytes.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "JSON",
    "Severity",
    "Status",
    "Tier",
    "Role",
    "Provenance",
    "EvidenceItem",
    "GraphNode",
    "GraphEdge",
    "Waiver",
    "System",
    "Answers",
    "Provision",
    "Obligation",
    "Classification",
    "Finding",
    "Summary",
    "Versions",
    "Report",
    "BLOCKING_STATUSES",
]

JSON = Any  # a JSON-compatible value (dict/list/str/int/float/bool/None)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Severity(str, Enum):
    deny = "deny"  # blocking
    warn = "warn"
    info = "info"


class Status(str, Enum):
    passed = "pass"
    failed = "fail"
    not_applicable = "not_applicable"  # does not bind this tier/role, or excluded
    not_yet_applicable = "not_yet_applicable"  # binds, but only from `applies_from` (after as_of)
    waived = "waived"
    manual = "manual"  # needs a person's attestation that no collector can supply
    error = "error"  # the rule could not be evaluated


class Tier(str, Enum):
    prohibited = "prohibited"
    high_risk = "high_risk"
    transparency = "transparency"
    minimal = "minimal"
    out_of_scope = "out_of_scope"
    gpai_only = "gpai_only"
    undetermined = "undetermined"


class Role(str, Enum):
    provider = "provider"
    deployer = "deployer"
    importer = "importer"
    distributor = "distributor"
    authorised_representative = "authorised_representative"
    product_manufacturer = "product_manufacturer"
    gpai_provider = "gpai_provider"
    downstream_provider = "downstream_provider"


class Provenance(_Model):
    """Where an evidence item came from. ``sha256`` is over the raw bytes kept in the store."""

    source_uri: str
    sha256: str
    collected_at: dt.datetime
    collector: str
    collector_version: str
    valid_until: dt.datetime | None = None
    line: int | None = None  # where in the source the item starts, when it is a part of a file


class EvidenceItem(_Model):
    """One piece of evidence. ``kind`` is from the controlled vocabulary in docs/architecture.md.

    ``id`` is stable for the same source and kind (e.g. ``doc:technical_documentation.md#2.b``);
    ``attributes`` is what policies read. Collectors never judge.
    """

    id: str
    kind: str
    title: str = ""
    provenance: Provenance
    attributes: dict[str, JSON] = Field(default_factory=dict)
    node_type: str | None = None  # graph node type for this item (document, model_version, ...)
    node: str | None = None  # graph node id when several items describe one node (default: ``id``)
    edges: tuple[GraphEdge, ...] = ()


class GraphNode(_Model):
    id: str
    type: str
    evidence: tuple[str, ...] = ()  # evidence ids


class GraphEdge(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    type: str


EvidenceItem.model_rebuild()


class Waiver(_Model):
    rule_id: str
    subject: str = "*"  # a graph node id, or "*" for the whole system
    owner: str
    justification: str
    expires: dt.date


class System(_Model):
    id: str
    name: str
    version: str = ""
    intended_purpose: str = ""
    provider: str = ""
    owner: str = ""
    roles: tuple[str, ...] = ()


class Answers(_Model):
    """Questionnaire answers: question id -> value (validated by the classification schema)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    answers: dict[str, JSON]
    source: str = ""  # file the answers came from


class Provision(_Model):
    """A provision of the Act that a classification conclusion rests on."""

    id: str  # catalogue id, e.g. "annex3.5.b", "art6.3.a"
    citation: str  # "Annex III point 5(b)"
    reason: str  # why it is triggered (or not)
    answers: tuple[str, ...] = ()  # question ids whose answers triggered it
    # how the provision is engaged: "" (met), "exclusion", "exception", "condition", "context",
    # "profiling_override", "presumption", "designation", "exemption", "legacy", ... (see docs/classification.md)
    qualifier: str = ""


class Obligation(_Model):
    id: str  # catalogue id
    citation: str
    title: str
    role: str
    applies_from: str  # ISO date
    applies_now: bool
    note: str = ""


class Classification(_Model):
    """Result of classification for one system and one evaluation date.

    Produced by the Rego package ``aiact.classification``; Python only validates its shape.
    """

    model_config = ConfigDict(extra="allow", frozen=True)
    tier: Tier
    in_scope: bool = True
    assessment_level: str = "system"
    roles: tuple[str, ...] = ()
    gpai_model: bool = False
    systemic_risk: bool = False
    high_risk_route: str | None = None  # "annex_i" | "annex_iii" | None
    transparency_duties: tuple[str, ...] = ()
    triggering_provisions: tuple[Provision, ...] = ()
    not_reached: tuple[Provision, ...] = ()  # routes considered and not met, each with its reason
    obligations: tuple[Obligation, ...] = ()
    undetermined: tuple[str, ...] = ()  # question ids to settle
    dates: dict[str, str] = Field(default_factory=dict)  # named application dates for this system
    law_basis: str = ""


class Finding(_Model):
    """One requirement's outcome for one subject. Built in Rego by ``data.lib.findings``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    rule_id: str
    catalogue_ids: tuple[str, ...] = ()
    citation: str
    title: str
    package: str = ""
    severity: Severity
    status: Status
    message: str = ""
    subjects: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # sha256 of evidence relied on
    locations: tuple[dict[str, JSON], ...] = ()  # {uri, line} where the problem is
    remediation: str = ""
    applies_from: str | None = None
    waiver: Waiver | None = None
    manual: bool = False  # the requirement is a manual attestation


BLOCKING_STATUSES = frozenset({Status.failed, Status.error})


class Summary(_Model):
    counts: dict[str, int]  # status -> count
    blocking: int  # failed findings of severity deny
    warnings: int  # failed findings of severity warn


class Versions(_Model):
    aiconform: str
    opa: str
    engine: str  # "embedded" | "opa-server"
    policy_bundle_digest: str
    catalogue_version: str = ""


class Report(_Model):
    """Everything one evaluation produced. Its canonical JSON is what gets signed."""

    schema_version: str = "1"
    system: System
    as_of: dt.date
    law_basis: str
    classification: Classification
    findings: tuple[Finding, ...]
    summary: Summary
    waivers: tuple[Waiver, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()  # the manifest
    versions: Versions
    inputs_digest: str = ""  # sha256 over answers + evidence manifest
