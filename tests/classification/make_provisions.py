"""Regenerate policies/classification/data.yaml (citations and titles of the provisions the
classification names) from the shared legal catalogue.

    .venv/bin/python tests/classification/make_provisions.py [/path/to/aiact-catalogue.yaml]

Entries the catalogue has are copied (citation, title); the few sub-provisions the catalogue only
describes inside a parent entry (e.g. Art 5(2)-(5), Art 49(2), Art 73(10)) come from EXTRA below, each
naming its parent. test_classification_catalogue.py checks both against the catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("/work/shared/reference/aiact-catalogue.yaml")

ANNEX_III_CITATION = {
    "annex3.2": "Annex III point 2",
}

# id -> (parent catalogue id, citation, title)
EXTRA: dict[str, tuple[str, str, str]] = {
    "art5.2": ("art5.1.h", "Art 5(2)", "Conditions for real-time RBI under an exception: targeted person only, safeguards, FRIA and registration"),
    "art5.3": ("art5.1.h", "Art 5(3)", "Prior authorisation of each real-time RBI use by a judicial or independent administrative authority"),
    "art5.4": ("art5.1.h", "Art 5(4)", "Notification of each real-time RBI use to the market surveillance and data protection authorities"),
    "art5.5": ("art5.1.h", "Art 5(5)", "National law enabling real-time RBI for the Art 5(1)(h) objectives"),
    "art6.2": ("art6.2", "Art 6(2); Annex III", "Use-case route (Annex III)"),
    "art25.1.a": ("art25", "Art 25(1)(a)", "Becoming the provider: own name or trademark on a high-risk system"),
    "art25.1.b": ("art25", "Art 25(1)(b)", "Becoming the provider: substantial modification of a high-risk system"),
    "art25.1.c": ("art25", "Art 25(1)(c)", "Becoming the provider: changing the intended purpose so that the system becomes high-risk"),
    "art25.3": ("art25", "Art 25(3)", "Product manufacturer as provider of a high-risk safety component (Annex I Section A)"),
    "art43.3": ("art43", "Art 43(3) (replaced by Reg 2026/1744)", "Conformity assessment of Annex I Section A products within the sectoral procedure"),
    "art49.2": ("art49", "Art 49(2); Annex VIII Section B", "Registration of Annex III systems concluded not to be high-risk under Art 6(3)"),
    "art49.4": ("art49", "Art 49(4)", "Registration in the secure non-public section (law enforcement, migration, asylum, border control)"),
    "art73.10": ("art73", "Art 73(10)", "Serious-incident reporting for MDR/IVDR devices limited to fundamental-rights infringements"),
    "art111.2": ("tl.2030-08-02", "Art 111(2) (as amended)", "High-risk systems already on the market: covered only after significant design changes; public-authority use by 2030-08-02"),
}


def _walk(node, out):
    if isinstance(node, dict):
        if "id" in node and isinstance(node["id"], str):
            out.setdefault(node["id"], node)
        for v in node.values():
            _walk(v, out)
    elif isinstance(node, list):
        for v in node:
            _walk(v, out)


def catalogue_index(path: Path = CATALOGUE) -> dict[str, dict]:
    out: dict[str, dict] = {}
    _walk(yaml.safe_load(path.read_text(encoding="utf-8")), out)
    return out


def _annex_iii_citation(pid: str) -> str:
    if pid in ANNEX_III_CITATION:
        return ANNEX_III_CITATION[pid]
    _, area, point = pid.split(".")
    return f"Annex III point {area}({point})"


def annex_i_entries(idx: dict[str, dict]) -> dict[str, dict]:
    annex = idx["annex_I"]
    out = {}
    for sec, key in (("A", "section_A_new_legislative_framework"), ("B", "section_B_other_legislation")):
        for item in annex[key]["items"]:
            act = item["act"].split(" (")[0] if "DELETED" in item.get("status", "") else item["act"]
            out[f"annex_I.{sec}.{item['point']}"] = {
                "citation": f"Annex I Section {sec} point {item['point']}",
                "title": act,
            }
    return out


def build(ids: list[str], idx: dict[str, dict]) -> dict[str, dict]:
    prov: dict[str, dict] = {}
    for pid in ids:
        if pid in EXTRA:
            _, cit, title = EXTRA[pid]
            prov[pid] = {"citation": cit, "title": title}
        elif pid.startswith("annex3."):
            text = idx[pid].get("text") or idx[f"{pid}.main"]["text"]  # annex3.2: the area has one point
            prov[pid] = {"citation": _annex_iii_citation(pid), "title": text}
        elif pid.startswith("art6.3."):
            prov[pid] = {"citation": f"Art 6(3)({pid[-1]})", "title": idx[pid]["text"]}
        else:
            e = idx[pid]
            prov[pid] = {"citation": e["citation"], "title": e["title"]}
    prov.update(annex_i_entries(idx))
    for pid, entry in prov.items():
        entry["short"] = short_citation(pid)
    return dict(sorted(prov.items()))


def short_citation(pid: str) -> str:
    """'art5.1.ba' -> 'Art 5(1)(ba)', 'annex3.5.b' -> 'Annex III 5(b)', 'annex_I.A.11' -> 'Annex I A.11'."""
    import re

    if pid.startswith("annex_I."):
        _, sec, point = pid.split(".")
        return f"Annex I Section {sec} point {point}"
    if pid.startswith("annex3."):
        parts = pid.split(".")[1:]
        return "Annex III " + parts[0] + "".join(f"({p})" for p in parts[1:])
    m = re.match(r"^art(\d+[a-z]?)(.*)$", pid)
    if not m:
        return pid
    art, rest = m.group(1), m.group(2)
    parts = [p for p in re.split(r"[._]", rest) if p and p not in ("deepfake", "text")]
    if pid.endswith("_2") or pid.endswith("_3") or pid.endswith("_4"):
        return f"Art {art}" + ("(" + rest.strip(".").replace("_", ")-(") + ")" if rest else "")
    return f"Art {art}" + "".join(f"({p})" for p in parts)


IDS = """art2.1 art2.2 art2.3 art2.4 art2.6 art2.8 art2.10 art2.12 art3.1 art3.4 art4
art5.1.a art5.1.b art5.1.ba art5.1.bb art5.1.c art5.1.d art5.1.e art5.1.f art5.1.g art5.1.h art5.2 art5.3 art5.4 art5.5
art6.1 art6.2 art6.3 art6.3.a art6.3.b art6.3.c art6.3.d art6.4
annex3.1.a annex3.1.b annex3.1.c annex3.2 annex3.3.a annex3.3.b annex3.3.c annex3.3.d annex3.4.a annex3.4.b
annex3.5.a annex3.5.b annex3.5.c annex3.5.d annex3.6.a annex3.6.b annex3.6.c annex3.6.d annex3.6.e
annex3.7.a annex3.7.b annex3.7.c annex3.7.d annex3.8.a annex3.8.b
art8 art9.1 art10.1 art11 art12.1 art12.3 art13.1_2 art14.1_3 art14.5 art15 art16 art17 art18 art19 art20 art21 art22
art23 art24 art25 art25.1.a art25.1.b art25.1.c art25.3 art26 art27 art43 art43.3 art47 art48 art49 art49.2 art49.4
art72 art73 art73.10 art86 art111.2
art50.1 art50.2 art50.3 art50.4.deepfake art50.4.text
art51 art52 art53.1.a art53.1.b art53.1.c art53.1.d art53.2 art53.3_4 art54 art55.1""".split()


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else CATALOGUE
    idx = catalogue_index(path)
    prov = build(IDS, idx)
    version = yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]["catalogue_version"]
    header = ("# GENERATED by tests/classification/make_provisions.py from aiact-catalogue.yaml; do not edit by hand.\n"
              "# Citations and titles of the provisions the classification (package aiact.classification) names.\n")
    body = yaml.safe_dump({"aiconform": {"classification": {"catalogue_version": version, "provisions": prov}}},
                          sort_keys=False, allow_unicode=True, width=120)
    (ROOT / "policies/classification/data.yaml").write_text(header + body, encoding="utf-8")
    print(f"{len(prov)} provisions written")


if __name__ == "__main__":
    main(sys.argv)
