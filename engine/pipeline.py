"""The one orchestrator: classify -> collect -> graph -> evaluate -> Report.

The pure core (``scope_of``, ``policy_input``, ``findings_from``, ``apply_waivers``, ``summarise``,
``build_report``) takes everything as arguments, including the evaluation date; ``run_system`` is the
imperative shell that reads files, runs collectors and appends to the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import __version__
from .bundle import PolicyBundle
from .canonical import canonical_digest, to_jsonable
from .config import SystemConfig, Workspace, format_validation_error, load_yaml
from .errors import ConfigError, EvidenceError, PolicyError
from .evaluator import Evaluator
from .models import (
    Classification,
    EvidenceItem,
    Finding,
    Report,
    Severity,
    Status,
    Summary,
    System,
    Versions,
    Waiver,
)
from .policy_engine import PolicyEngine

__all__ = [
    "ENTRYPOINT",
    "LAW_BASIS_AMENDED",
    "LAW_BASIS_ORIGINAL",
    "law_basis",
    "scope_of",
    "policy_input",
    "findings_from",
    "apply_waivers",
    "summarise",
    "build_report",
    "load_waivers",
    "system_of",
    "stale_items",
    "Evaluator",
    "run_system",
]

ENTRYPOINT = "aiconform.main.out"
OMNIBUS_IN_FORCE = dt.date(2026, 7, 27)
LAW_BASIS_AMENDED = "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744"
LAW_BASIS_ORIGINAL = "Regulation (EU) 2024/1689 (original text; Regulation (EU) 2026/1744 not yet in force)"


def law_basis(as_of: dt.date) -> str:
    """Which text is in force on ``as_of`` (2026/1744 entered into force on 2026-07-27)."""
    return LAW_BASIS_AMENDED if as_of >= OMNIBUS_IN_FORCE else LAW_BASIS_ORIGINAL


def _as_of_rfc3339(as_of: dt.date) -> str:
    return f"{as_of.isoformat()}T00:00:00Z"


def scope_of(c: Classification) -> dict[str, Any]:
    """Tiers, roles and dates that scope the requirement pack (see docs/architecture.md)."""
    tiers: set[str] = set()
    if c.tier.value not in ("undetermined",):
        tiers.add(c.tier.value)
    if c.transparency_duties:
        tiers.add("transparency")
    if c.gpai_model:
        tiers.add("gpai")
    if c.systemic_risk:
        tiers.add("gpai_systemic")
    if c.in_scope and c.tier.value != "out_of_scope":
        tiers.add("all_ai_systems")
    return {"tiers": sorted(tiers), "roles": sorted(set(c.roles)), "dates": dict(sorted(c.dates.items()))}


def policy_input(system: System, classification: Classification, items: Sequence[EvidenceItem],
                 graph: dict[str, Any], as_of: dt.date, config: dict[str, Any]) -> dict[str, Any]:
    from .graph import evidence_to_policy_input

    evidence = evidence_to_policy_input(list(items))
    return {
        "as_of": _as_of_rfc3339(as_of),
        "system": to_jsonable(system),
        "classification": to_jsonable(classification),
        "scope": scope_of(classification),
        "evidence": evidence,
        "graph": graph,
        "config": to_jsonable(config),
    }


def _sort_key(f: Finding) -> tuple[Any, ...]:
    return (f.citation, f.rule_id, f.subjects, f.status.value, f.message)


def findings_from(engine: PolicyEngine, pinput: dict[str, Any]) -> list[Finding]:
    """All findings of ``aiact.*`` and ``org.*`` packages, through the shared entry point
    (``data.aiconform.main.out``, phase "evaluate": one compiled query per process)."""
    raw: list[Any] = engine.document(ENTRYPOINT, {**pinput, "phase": "evaluate"})["findings"]
    out: list[Finding] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for r in raw:
        rid = r.get("rule_id", "?") if isinstance(r, dict) else "?"
        try:
            f = Finding.model_validate(r)
        except ValidationError as exc:
            raise PolicyError(f"rule produced a malformed finding: {exc.errors()[0]['msg']} at "
                              f"{'.'.join(map(str, exc.errors()[0]['loc']))}", where=f"rule {rid}",
                              hint="build findings only with data.lib.findings.result") from None
        key = (f.rule_id, f.subjects)
        if key in seen:
            raise PolicyError("two findings for the same rule id and subjects", where=f"rule {f.rule_id}",
                              hint="rule ids must be unique across packages")
        seen.add(key)
        out.append(f)
    return sorted(out, key=_sort_key)


def apply_waivers(findings: Iterable[Finding], waivers: Sequence[Waiver], as_of: dt.date) -> list[Finding]:
    """A failing (or manual) finding covered by an unexpired waiver becomes ``waived``; expired waivers
    stop waiving (and are still reported)."""
    out = []
    for f in findings:
        if f.status in (Status.failed, Status.manual):
            for w in waivers:
                if w.rule_id == f.rule_id and (w.subject == "*" or w.subject in f.subjects) and w.expires >= as_of:
                    f = f.model_copy(update={"status": Status.waived, "waiver": w})
                    break
        out.append(f)
    return out


def summarise(findings: Sequence[Finding]) -> Summary:
    counts = Counter(f.status.value for f in findings)
    return Summary(
        counts={s.value: counts.get(s.value, 0) for s in Status},
        blocking=sum(1 for f in findings if f.status in (Status.failed, Status.error) and f.severity == Severity.deny),
        warnings=sum(1 for f in findings if f.status == Status.failed and f.severity == Severity.warn),
    )


def build_report(*, system: System, as_of: dt.date, classification: Classification, findings: Sequence[Finding],
                 waivers: Sequence[Waiver], items: Sequence[EvidenceItem], bundle: PolicyBundle,
                 engine: PolicyEngine, answers_digest: str = "") -> Report:
    manifest = sorted(items, key=lambda i: i.id)
    inputs_digest = canonical_digest({"answers": answers_digest,
                                      "evidence": [[i.id, i.provenance.sha256] for i in manifest]})
    try:
        from .classify import CATALOGUE_VERSION  # type: ignore[attr-defined]
    except ImportError:
        CATALOGUE_VERSION = ""
    return Report(
        system=system,
        as_of=as_of,
        law_basis=law_basis(as_of),
        classification=classification,
        findings=tuple(findings),
        summary=summarise(findings),
        waivers=tuple(sorted(waivers, key=lambda w: (w.rule_id, w.subject, w.expires))),
        evidence=tuple(manifest),
        versions=Versions(aiconform=__version__, opa=engine.opa_version(), engine=engine.name,
                          policy_bundle_digest=bundle.digest, catalogue_version=CATALOGUE_VERSION),
        inputs_digest=inputs_digest,
    )


def load_waivers(path: Path) -> list[Waiver]:
    if not path.exists():
        raise ConfigError("waivers file not found", where=str(path),
                          hint="create it or remove `waivers:` from the system in aiconform.yaml")
    raw = load_yaml(path)
    if raw is None:
        return []
    entries = raw.get("waivers", raw) if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise ConfigError("waivers must be a list (or a mapping with a `waivers:` list)", where=f"{path}:1")
    out = []
    problems: list[str] = []
    for i, e in enumerate(entries):
        try:
            out.append(Waiver.model_validate(e))
        except ValidationError as exc:
            problems += [p.replace("key '", f"key 'waivers[{i}].") for p in format_validation_error(exc, path)]
    if problems:
        raise ConfigError("invalid waivers", where=str(path), problems=problems,
                          hint="each waiver needs rule_id, owner, justification, expires (YYYY-MM-DD); subject optional")
    return out


def system_of(cfg: SystemConfig, classification: Classification) -> System:
    return System(id=cfg.id, name=cfg.name or cfg.id, version=cfg.version, intended_purpose=cfg.intended_purpose,
                  provider=cfg.provider, owner=cfg.owner, roles=tuple(classification.roles))


def stale_items(items: Sequence[EvidenceItem], as_of: dt.date) -> list[EvidenceItem]:
    limit = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    return [i for i in items if i.provenance.valid_until is not None and i.provenance.valid_until < limit]


def run_system(ws: Workspace, system_id: str | None, as_of: dt.date, *, engine_kind: str | None = None,
               offline: bool = False, extra_policy_dirs: Sequence[Path] = (), evaluator: Evaluator | None = None,
               now: dt.datetime | None = None, stale: str = "absent", ledger: bool = True,
               progress: Any = None) -> Report:
    """Evaluate one system of a workspace on ``as_of``.

    ``stale``: "absent" (stale evidence counts as absent; findings say so) or "error" (refuse to
    evaluate: EvidenceError, exit 2). ``now`` is the collection clock (defaults to the current UTC time;
    it only stamps provenance, it never decides what applies).
    """
    cfg = ws.system(system_id)
    if not cfg.answers:
        raise ConfigError(f"system {cfg.id!r} has no `answers:` file", where=str(ws.root / "aiconform.yaml"),
                          hint="run `aiconform classify --interactive --save systems/<id>/answers.yaml`")
    own = evaluator is None
    # First, so that the embedded engine's compilation (background thread) overlaps everything below.
    ev = evaluator or Evaluator(ws, engine_kind=engine_kind, extra_policy_dirs=extra_policy_dirs)
    try:
        from .classify import classify, load_answers
        from .collect import collect_system
        from .graph import graph_data

        answers = load_answers(ws.path(cfg.answers))
        # Evidence first: the embedded engine compiles the policies on another thread meanwhile.
        items = collect_system(ws, cfg, now=now or dt.datetime.now(dt.UTC), offline=offline, progress=progress)
        classification = classify(answers, as_of, ev.engine)
        if stale == "error":
            old = stale_items(items, as_of)
            if old:
                raise EvidenceError(f"{len(old)} evidence item(s) are past their valid-until date",
                                    where=cfg.id,
                                    problems=[f"{i.provenance.source_uri}: {i.kind} valid until "
                                              f"{i.provenance.valid_until:%Y-%m-%d}" for i in old[:20]],
                                    hint="re-collect fresh evidence (`aiconform collect`) or evaluate with "
                                         "--stale-evidence absent")
        system = system_of(cfg, classification)
        config = {**ws.thresholds, **cfg.thresholds}
        pinput = policy_input(system, classification, items, graph_data(system, items), as_of, config)
        waivers = load_waivers(ws.path(cfg.waivers)) if cfg.waivers else []
        findings = apply_waivers(findings_from(ev.engine, pinput), waivers, as_of)
        report = build_report(system=system, as_of=as_of, classification=classification, findings=findings,
                              waivers=waivers, items=items, bundle=ev.bundle, engine=ev.engine,
                              answers_digest=canonical_digest(answers.answers))
    finally:
        if own:
            ev.close()
    if ledger:
        from .ledger import append_run

        append_run(ws.root, report, bundle=ev.bundle)  # the loaded bundle: no re-read for its snapshot
    return report
