"""Policy-pack tooling behind ``aiconform policy coverage`` and ``aiconform policy doc``.

Pure functions over a :class:`~aiconform.engine.bundle.PolicyBundle` and the legal-requirements
catalogue: METADATA is read from the Rego source comments (a small YAML-in-comments reader, the same
blocks OPA reads as annotations), so coverage and documentation need no evaluation.

- :func:`read_annotations` - package and rule METADATA of one module, with line numbers.
- :func:`pack_rules` / :func:`pack_packages` - every rule / package annotation of a bundle.
- :func:`load_catalogue` - the catalogue entries (ids, citation, binds, tiers), sub-items inheriting
  their parent's binds and tiers.
- :func:`coverage` - per catalogue entry: automated, manual, excluded or uncovered; counts per tier.
- :func:`render_docs` - one Markdown page per package plus an index, as {relative path: text}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .bundle import Module, PolicyBundle
from .errors import PolicyError

__all__ = [
    "Annotation",
    "CatalogueEntry",
    "CoverageReport",
    "OPERATOR_ROLES",
    "STRICT_TIERS",
    "REQUIRED_PACKAGE_KEYS",
    "REQUIRED_PACKAGE_CUSTOM",
    "REQUIRED_RULE_CUSTOM",
    "read_annotations",
    "pack_rules",
    "pack_packages",
    "catalogue_path",
    "load_catalogue",
    "load_exclusions",
    "coverage",
    "render_docs",
]

# Roles of operators (catalogue `binds`); authorities and the Commission are not judged by this pack.
OPERATOR_ROLES = frozenset({
    "provider", "deployer", "importer", "distributor", "authorised_representative", "product_manufacturer",
    "gpai_provider", "downstream_provider", "public_authority_deployer", "law_enforcement_authority",
})
# Tiers where an uncovered operator duty fails `coverage --strict` and the contract test.
STRICT_TIERS = ("prohibited", "high_risk", "transparency", "gpai", "gpai_systemic")
TIER_ORDER = ("prohibited", "high_risk", "transparency", "gpai", "gpai_systemic", "minimal", "all_ai_systems")

REQUIRED_PACKAGE_KEYS = ("title", "description", "related_resources", "custom")
REQUIRED_PACKAGE_CUSTOM = ("article", "tiers", "roles", "applies_from")
REQUIRED_RULE_CUSTOM = ("id", "citation", "catalogue_ids", "severity", "remediation", "evidence_kinds")

_RULE_HEAD = re.compile(r"^(?:default\s+)?([A-Za-z_][A-Za-z0-9_]*)")

# Top-level catalogue sections whose entries are operator duties, and the tier an entry without
# `tiers` belongs to.
_SECTION_TIER = {"prohibited_practices": "prohibited", "high_risk": "high_risk", "annex_iv": "high_risk"}
_SKIP_SECTIONS = {"meta", "dates", "timeline", "digital_omnibus", "penalties", "definitions"}


@dataclass(frozen=True)
class Annotation:
    """One METADATA block: its scope (package or rule), what it annotates, and the parsed YAML."""

    module: str  # bundle-relative path
    file: str
    line: int  # line of "# METADATA"
    package: str
    scope: str  # "package" | "rule"
    rule: str | None
    data: dict[str, Any]

    @property
    def custom(self) -> dict[str, Any]:
        c = self.data.get("custom") or {}
        return c if isinstance(c, dict) else {}

    @property
    def rule_id(self) -> str | None:
        v = self.custom.get("id")
        return str(v) if v is not None else None

    @property
    def manual(self) -> bool:
        return self.custom.get("manual") is True

    @property
    def catalogue_ids(self) -> list[str]:
        ids = self.custom.get("catalogue_ids") or []
        return [str(i) for i in ids] if isinstance(ids, list) else []


def read_annotations(module: Module) -> list[Annotation]:
    """Every ``# METADATA`` block of a module. A block is the run of comment lines after the marker;
    it annotates the package when the next code line is the package declaration, otherwise the rule
    whose head follows. Invalid YAML is a PolicyError naming file and line."""
    lines = module.source.splitlines()
    out: list[Annotation] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "# METADATA":
            i += 1
            continue
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].lstrip().startswith("#"):
            text = lines[i].lstrip()[1:]
            body.append(text[1:] if text.startswith(" ") else text)
            i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        try:
            data = yaml.safe_load("\n".join(body)) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = start + 2 + (mark.line if mark is not None else 0)
            raise PolicyError(f"METADATA is not valid YAML ({getattr(exc, 'problem', exc)})",
                              where=f"{module.file}:{at}", hint="fix the annotation block; OPA reads the same YAML") from None
        if not isinstance(data, dict):
            raise PolicyError("METADATA must be a mapping", where=f"{module.file}:{start + 1}")
        nxt = lines[i] if i < len(lines) else ""
        if nxt.startswith("package "):
            scope, rule = "package", None
        else:
            m = _RULE_HEAD.match(nxt)
            scope, rule = "rule", (m.group(1) if m else None)
        out.append(Annotation(module.path, str(module.file), start + 1, module.package, scope, rule, data))
    return out


def _policy_modules(bundle: PolicyBundle, prefixes: tuple[str, ...]) -> list[Module]:
    return [m for m in bundle.policy_modules() if m.package.startswith(prefixes)]


def pack_rules(bundle: PolicyBundle, prefixes: tuple[str, ...] = ("aiact.", "org.")) -> list[Annotation]:
    """Rule annotations (with a custom id) of the packages under ``prefixes``, in path/line order."""
    out = []
    for m in _policy_modules(bundle, prefixes):
        out += [a for a in read_annotations(m) if a.scope == "rule" and a.rule_id]
    return out


def pack_packages(bundle: PolicyBundle, prefixes: tuple[str, ...] = ("aiact.", "org.")) -> dict[str, Annotation]:
    """{package: its package annotation} for the packages under ``prefixes`` that have one."""
    out: dict[str, Annotation] = {}
    for m in _policy_modules(bundle, prefixes):
        for a in read_annotations(m):
            if a.scope == "package":
                out.setdefault(a.package, a)
    return out


# --- catalogue -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    citation: str
    title: str
    binds: tuple[str, ...]
    tiers: tuple[str, ...]
    parent: str | None
    section: str

    @property
    def binds_operator(self) -> bool:
        return bool(set(self.binds) & OPERATOR_ROLES)


def catalogue_path() -> Path:
    """The catalogue shipped as package data (a copy of ../shared/reference/aiact-catalogue.yaml)."""
    return Path(str(resources.files("aiconform.policies"))) / "catalogue" / "aiact-catalogue.yaml"


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"cannot read catalogue ({exc})", where=str(path)) from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"catalogue is not valid YAML ({exc})", where=str(path)) from None


def load_catalogue(path: Path | None = None) -> dict[str, CatalogueEntry]:
    """Catalogue entries by id. Entries nest (sub_items, annex contents, deadlines, routes); a nested
    entry inherits binds and tiers from the nearest enclosing mapping that declares them."""
    path = path or catalogue_path()
    doc = _read_yaml(path)
    if not isinstance(doc, dict):
        raise PolicyError("catalogue must be a mapping", where=str(path))
    out: dict[str, CatalogueEntry] = {}

    def walk(node: Any, section: str, binds: tuple[str, ...], tiers: tuple[str, ...], parent: str | None) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x, section, binds, tiers, parent)
            return
        if not isinstance(node, dict):
            return
        if isinstance(node.get("binds"), list):
            binds = tuple(str(b) for b in node["binds"])
        if isinstance(node.get("tiers"), list):
            tiers = tuple(str(t) for t in node["tiers"])
        me = parent
        if "id" in node and isinstance(node["id"], str):
            eid = node["id"]
            t = tiers or ((_SECTION_TIER[section],) if section in _SECTION_TIER else ())
            out.setdefault(eid, CatalogueEntry(
                id=eid, citation=str(node.get("citation", "")),
                title=str(node.get("title", node.get("text", node.get("case", "")))),
                binds=binds, tiers=t, parent=parent, section=section))
            me = eid
        for k, v in node.items():
            if k in ("binds", "tiers", "id"):
                continue
            walk(v, section, binds, tiers, me)

    for key, value in doc.items():
        if key.startswith("_") or key in _SKIP_SECTIONS:
            continue
        walk(value, key, (), (), None)
    return out


def load_exclusions(path: Path | None = None) -> dict[str, str]:
    path = path or catalogue_path().with_name("exclusions.yaml")
    doc = _read_yaml(path) or {}
    ex = doc.get("exclusions", {}) if isinstance(doc, dict) else {}
    return {str(k): str(v) for k, v in (ex or {}).items()}


# --- coverage ---------------------------------------------------------------------------------------

_RANK = {"automated": 2, "manual": 1, "uncovered": 0}


@dataclass
class CoverageReport:
    status: dict[str, str]  # catalogue id -> automated | manual | excluded | uncovered
    rules_by_entry: dict[str, list[str]]  # catalogue id -> rule ids mapping it directly
    entries: dict[str, CatalogueEntry]
    exclusions: dict[str, str]
    unknown_ids: dict[str, list[str]] = field(default_factory=dict)  # rule id -> ids not in the catalogue

    def counts(self) -> dict[str, dict[str, int]]:
        """{tier: {automated, manual, excluded, uncovered}} over operator duties."""
        out: dict[str, dict[str, int]] = {}
        for eid, st in self.status.items():
            for t in self.entries[eid].tiers:
                row = out.setdefault(t, {"automated": 0, "manual": 0, "excluded": 0, "uncovered": 0})
                row[st] += 1
        order = {t: i for i, t in enumerate(TIER_ORDER)}
        return dict(sorted(out.items(), key=lambda kv: (order.get(kv[0], 99), kv[0])))

    def uncovered(self, tiers: tuple[str, ...] | None = None) -> list[str]:
        return sorted(e for e, st in self.status.items()
                      if st == "uncovered" and (tiers is None or set(self.entries[e].tiers) & set(tiers)))


def coverage(bundle: PolicyBundle, entries: dict[str, CatalogueEntry] | None = None,
             exclusions: dict[str, str] | None = None) -> CoverageReport:
    """Which operator duties of the catalogue have an automated rule, a manual attestation, or nothing.

    An entry mapped by a rule takes that rule's kind (automated wins over manual). An entry not mapped
    itself takes its mapped ancestor's status (a rule for Art 6(3) covers conditions (a)-(d)), else the
    weakest status of its children when all of them are mapped (a parent whose points are each
    covered is covered)."""
    entries = entries if entries is not None else load_catalogue()
    exclusions = exclusions if exclusions is not None else load_exclusions()
    direct: dict[str, str] = {}
    rules_by_entry: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for a in pack_rules(bundle, ("aiact.",)) + pack_rules(bundle, ("aiact_classification", "classification")):
        kind = "manual" if a.manual else "automated"
        for cid in a.catalogue_ids:
            if cid not in entries:
                unknown.setdefault(a.rule_id or "?", []).append(cid)
                continue
            rules_by_entry.setdefault(cid, []).append(a.rule_id or "?")
            if _RANK[kind] > _RANK.get(direct.get(cid, "uncovered"), 0):
                direct[cid] = kind
    children: dict[str, list[str]] = {}
    for e in entries.values():
        if e.parent:
            children.setdefault(e.parent, []).append(e.id)

    def from_ancestor(eid: str) -> str | None:
        p = entries[eid].parent
        while p:
            if p in direct:
                return direct[p]
            p = entries[p].parent if p in entries else None
        return None

    def resolve(eid: str) -> str:
        if eid in direct:
            return direct[eid]
        anc = from_ancestor(eid)
        if anc:
            return anc
        kids = children.get(eid, [])
        if kids:
            sts = [resolve(k) for k in kids]
            return min(sts, key=lambda s: _RANK[s])
        return "uncovered"

    status: dict[str, str] = {}
    for eid, e in entries.items():
        if not e.binds_operator:
            continue
        status[eid] = "excluded" if eid in exclusions else resolve(eid)
    return CoverageReport(status=dict(sorted(status.items())), rules_by_entry=rules_by_entry,
                          entries=entries, exclusions=exclusions, unknown_ids=unknown)


# --- documentation ----------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """One-line Markdown-safe text (pipes escaped, whitespace folded)."""
    s = " ".join(str(text if text is not None else "").split())
    return s.replace("|", "\\|")


def _list(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(f"`{x}`" for x in v) if v else "-"
    return f"`{v}`" if v not in (None, "") else "-"


def render_docs(bundle: PolicyBundle, prefixes: tuple[str, ...] = ("aiact.", "org.")) -> dict[str, str]:
    """{relative path: Markdown}: ``index.md`` and one ``<package>.md`` per package, from METADATA only."""
    packages = pack_packages(bundle, prefixes)
    rules: dict[str, list[Annotation]] = {}
    for a in pack_rules(bundle, prefixes):
        rules.setdefault(a.package, []).append(a)
    pages: dict[str, str] = {}
    index = ["# Policy reference", "",
             "Generated by `aiconform policy doc` from the METADATA of each Rego package. Do not edit by hand.", "",
             "| package | title | article | tiers | roles | applies from | rules |", "|---|---|---|---|---|---|---|"]
    for pkg in sorted(set(packages) | set(rules)):
        p = packages.get(pkg)
        pc = p.custom if p else {}
        title = p.data.get("title", pkg) if p else pkg
        index.append(f"| [{pkg}]({pkg}.md) | {_md(title)} | {_md(pc.get('article', ''))} | {_list(pc.get('tiers'))} | "
                     f"{_list(pc.get('roles'))} | {_md(pc.get('applies_from', ''))} | {len(rules.get(pkg, []))} |")
        lines = [f"# {_md(title)}", "", f"Package `{pkg}` ({p.module if p else ''})", ""]
        if p and p.data.get("description"):
            lines += [" ".join(str(p.data["description"]).split()), ""]
        lines += ["| applies to | |", "|---|---|",
                  f"| article | {_md(pc.get('article', ''))} |", f"| tiers | {_list(pc.get('tiers'))} |",
                  f"| roles | {_list(pc.get('roles'))} |", f"| applies from | {_md(pc.get('applies_from', ''))} |", ""]
        for r in (p.data.get("related_resources") or []) if p else []:
            if isinstance(r, dict):
                lines.append(f"- [{_md(r.get('description', r.get('ref', '')))}]({r.get('ref', '')})")
        lines += ["", "## Rules", ""]
        for a in sorted(rules.get(pkg, []), key=lambda a: a.line):
            c = a.custom
            lines += [f"### {a.rule_id}: {_md(a.data.get('title', ''))}", ""]
            if a.data.get("description"):
                lines += [" ".join(str(a.data["description"]).split()), ""]
            lines += ["| | |", "|---|---|",
                      f"| citation | {_md(c.get('citation', ''))} |",
                      f"| catalogue ids | {_list(c.get('catalogue_ids'))} |",
                      f"| severity | `{c.get('severity', 'deny')}` |",
                      f"| check | {'manual attestation' if a.manual else 'automated'} |",
                      f"| evidence kinds | {_list(c.get('evidence_kinds'))} |"]
            for key in ("tiers", "roles", "applies_from"):
                if key in c:
                    lines.append(f"| {key.replace('_', ' ')} (rule) | {_list(c[key])} |")
            if a.manual:
                lines.append(f"| a person confirms | {_md(c.get('attest', ''))} |")
            lines += [f"| remediation | {_md(c.get('remediation', ''))} |", f"| source | `{a.module}:{a.line}` |", ""]
        pages[f"{pkg}.md"] = "\n".join(lines).rstrip() + "\n"
    pages["index.md"] = "\n".join(index) + "\n"
    return pages
