"""`aiconform reproduce RUN_ID`: re-evaluate a recorded run and prove the result is the same.

The run is re-evaluated offline from the evidence store, on the recorded evaluation date, with the recorded
policy bundle (the copy kept under ``.aiconform/bundles/<digest>/``, so later policy changes do not matter).
If the canonical results digest equals the recorded one, the run is reproduced (exit 0). Otherwise the
command says exactly what differs and why -- changed policy bundle, changed evidence items (added, removed,
changed bytes), changed answers, changed classification, changed findings, changed tool versions -- and
exits 1. Exit 2 when the run cannot be re-evaluated (unknown run, missing evidence, damaged copies).

``diff_results`` (recorded JSON vs new JSON) is pure and is what the explanation is built from.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

__all__ = ["command", "Difference", "ReproduceResult", "diff_results", "reproduce_run"]


@dataclass(frozen=True)
class Difference:
    area: str  # policy_bundle | evidence | answers | classification | findings | versions | other
    what: str
    recorded: str = ""
    now: str = ""

    def render(self) -> str:
        s = f"[{self.area}] {self.what}"
        if self.recorded or self.now:
            s += f": recorded {self.recorded or '-'}, now {self.now or '-'}"
        return s


@dataclass
class ReproduceResult:
    run_id: str
    system: str
    as_of: str
    recorded_digest: str
    new_digest: str
    bundle_digest: str
    bundle_source: str  # "kept copy" | "current workspace policies (no copy kept)"
    current_bundle_digest: str = ""
    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return self.recorded_digest == self.new_digest

    def to_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "system": self.system, "as_of": self.as_of, "identical": self.identical,
                "recorded_results_digest": self.recorded_digest, "new_results_digest": self.new_digest,
                "policy_bundle_digest": self.bundle_digest, "policy_bundle_source": self.bundle_source,
                "current_policy_bundle_digest": self.current_bundle_digest, "notes": self.notes,
                "differences": [d.__dict__ for d in self.differences]}


def _finding_key(f: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return (str(f.get("rule_id")), tuple(f.get("subjects") or ()))


def _short(v: Any, n: int = 80) -> str:
    s = v if isinstance(v, str) else json.dumps(v, sort_keys=True, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def diff_results(old: dict[str, Any], new: dict[str, Any]) -> list[Difference]:
    """What differs between two Report JSON documents, grouped by cause, most fundamental first."""
    out: list[Difference] = []
    ov, nv = old.get("versions") or {}, new.get("versions") or {}
    if ov.get("policy_bundle_digest") != nv.get("policy_bundle_digest"):
        out.append(Difference("policy_bundle", "a different policy bundle was used",
                              str(ov.get("policy_bundle_digest")), str(nv.get("policy_bundle_digest"))))
    for k in sorted(set(ov) | set(nv)):
        if k != "policy_bundle_digest" and ov.get(k) != nv.get(k):
            out.append(Difference("versions", f"{k} differs", _short(ov.get(k)), _short(nv.get(k))))
    oe = {str(i.get("id")): i for i in old.get("evidence") or []}
    ne = {str(i.get("id")): i for i in new.get("evidence") or []}
    ev_changed = False
    for eid in sorted(set(oe) - set(ne)):
        ev_changed = True
        out.append(Difference("evidence", f"item {eid} is gone", (oe[eid].get("provenance") or {}).get("sha256", ""),
                              ""))
    for eid in sorted(set(ne) - set(oe)):
        ev_changed = True
        out.append(Difference("evidence", f"item {eid} is new", "", (ne[eid].get("provenance") or {}).get("sha256", "")))
    for eid in sorted(set(oe) & set(ne)):
        a, b = oe[eid], ne[eid]
        if a == b:
            continue
        ev_changed = True
        pa, pb = a.get("provenance") or {}, b.get("provenance") or {}
        if pa.get("sha256") != pb.get("sha256"):
            out.append(Difference("evidence", f"item {eid} has different bytes ({pa.get('source_uri')})",
                                  str(pa.get("sha256")), str(pb.get("sha256"))))
        else:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            pk = sorted(k for k in set(pa) | set(pb) if pa.get(k) != pb.get(k))
            what = ", ".join([k for k in keys if k != "provenance"] + [f"provenance.{k}" for k in pk])
            out.append(Difference("evidence", f"item {eid}: same bytes, different {what}",
                                  _short({k: pa.get(k) for k in pk} if pk else {k: a.get(k) for k in keys}),
                                  _short({k: pb.get(k) for k in pk} if pk else {k: b.get(k) for k in keys})))
    if old.get("inputs_digest") != new.get("inputs_digest") and not ev_changed:
        out.append(Difference("answers", "the questionnaire answers changed (inputs digest differs while the "
                              "evidence manifest is the same)", str(old.get("inputs_digest")),
                              str(new.get("inputs_digest"))))
    oc, nc = old.get("classification") or {}, new.get("classification") or {}
    for k in sorted(set(oc) | set(nc)):
        if oc.get(k) != nc.get(k):
            out.append(Difference("classification", f"{k} differs", _short(oc.get(k)), _short(nc.get(k))))
    of = {_finding_key(f): f for f in old.get("findings") or []}
    nf = {_finding_key(f): f for f in new.get("findings") or []}
    for k in sorted(set(of) - set(nf)):
        out.append(Difference("findings", f"{k[0]} {list(k[1]) or ''} no longer produced".replace(" []", ""),
                              str(of[k].get("status")), ""))
    for k in sorted(set(nf) - set(of)):
        out.append(Difference("findings", f"{k[0]} {list(k[1]) or ''} newly produced".replace(" []", ""), "",
                              str(nf[k].get("status"))))
    for k in sorted(set(of) & set(nf)):
        a, b = of[k], nf[k]
        if a == b:
            continue
        label = f"{k[0]}" + (f" {list(k[1])}" if k[1] else "")
        if a.get("status") != b.get("status"):
            out.append(Difference("findings", f"{label} status changed", str(a.get("status")), str(b.get("status"))))
        for fk in sorted(k2 for k2 in set(a) | set(b) if k2 != "status" and a.get(k2) != b.get(k2)):
            out.append(Difference("findings", f"{label} {fk} changed", _short(a.get(fk)), _short(b.get(fk))))
    skip = {"versions", "evidence", "inputs_digest", "classification", "findings"}
    for k in sorted((set(old) | set(new)) - skip):
        if old.get(k) != new.get(k):
            out.append(Difference("other", f"{k} differs", _short(old.get(k)), _short(new.get(k))))
    return out


def reproduce_run(ws_root: Path, run_id: str, *, engine_kind: str | None = None) -> ReproduceResult:
    """Re-evaluate ``run_id`` offline with its recorded date and policy bundle; compare digests."""
    from ..bundle import load_bundle
    from ..canonical import canonical_bytes, canonical_digest
    from ..config import load_workspace
    from ..errors import LedgerError
    from ..ledger import Ledger, bundle_snapshot_dir, ledger_path, load_bundle_snapshot, load_results
    from ..pipeline import Evaluator, run_system

    ws = load_workspace(ws_root)
    with Ledger.open(ledger_path(ws.root)) as led:
        rec = led.get(run_id)
    recorded = load_results(ws.root, rec.results_digest)
    notes: list[str] = []
    current = load_bundle([ws.path(p) for p in ws.policies])
    try:
        has_copy = (bundle_snapshot_dir(ws.root, rec.policy_bundle_digest) / "manifest.json").exists()
    except LedgerError:
        has_copy = False
    if has_copy:
        bundle, source = load_bundle_snapshot(ws.root, rec.policy_bundle_digest), "kept copy"
        if current.digest != rec.policy_bundle_digest:
            notes.append(f"the policies (built-in pack or the workspace's own) changed since this run (now "
                         f"{current.digest}); the kept copy of the recorded bundle was used")
    else:
        bundle, source = current, "current workspace policies (no copy kept)"
        notes.append("no copy of the recorded policy bundle is kept; evaluated with the current policies")
    ev = Evaluator(ws, engine_kind=engine_kind or rec.engine, bundle=bundle)
    try:
        report = run_system(ws, rec.system, dt.date.fromisoformat(rec.as_of), offline=True, evaluator=ev,
                            ledger=False)
    finally:
        ev.close()
    new = json.loads(canonical_bytes(report))
    res = ReproduceResult(run_id=rec.run_id, system=rec.system, as_of=rec.as_of, recorded_digest=rec.results_digest,
                          new_digest=canonical_digest(report), bundle_digest=bundle.digest, bundle_source=source,
                          current_bundle_digest=current.digest, notes=notes)
    if not res.identical:
        res.differences = diff_results(recorded, new)
        if not res.differences:
            res.differences = [Difference("other", "the canonical JSON differs in a way no field comparison shows")]
    return res


@click.command("reproduce")
@click.argument("run_id")
@click.option("--workspace", "-w", "workspace", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Workspace folder (holds aiconform.yaml).")
@click.option("--engine", "engine_kind", type=click.Choice(["embedded", "opa-server"]), default=None,
              help="Policy engine (default: the one the run used).")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def command(run_id: str, workspace: Path, engine_kind: str | None, as_json: bool) -> None:
    """Re-evaluate RUN_ID from the evidence store (offline) with its recorded date and policy bundle; exit 0
    when the results digest is identical, 1 listing what differs and why."""
    res = reproduce_run(workspace, run_id, engine_kind=engine_kind)
    if as_json:
        click.echo(json.dumps(res.to_json(), indent=2, sort_keys=True))
    else:
        click.echo(f"run:            {res.run_id} ({res.system}, as of {res.as_of})")
        click.echo(f"policy bundle:  {res.bundle_digest} ({res.bundle_source})")
        click.echo(f"recorded:       {res.recorded_digest}")
        click.echo(f"reproduced:     {res.new_digest}")
        for n in res.notes:
            click.echo(f"note: {n}")
        if res.identical:
            click.echo("IDENTICAL: the run is reproduced exactly")
        else:
            click.echo(f"DIFFERENT: {len(res.differences)} difference(s)")
            for d in res.differences:
                click.echo(f"  {d.render()}")
    raise SystemExit(0 if res.identical else 1)
