"""The provisions the classification cites exist in the legal catalogue, with the catalogue's citation."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CATALOGUE = Path("/work/shared/reference/aiact-catalogue.yaml")
DATA = yaml.safe_load((ROOT / "policies" / "classification" / "data.yaml").read_text(encoding="utf-8"))
PROVISIONS = DATA["aiconform"]["classification"]["provisions"]


def test_every_id_in_the_rego_has_a_citation() -> None:
    ids = set()
    for f in (ROOT / "policies" / "classification").glob("*.rego"):
        if f.name.endswith("_test.rego"):
            continue
        ids |= set(re.findall(r'"((?:art|annex)\d[\w.]*\w)"', f.read_text()))
    ids = {i for i in ids if not i.endswith(".")}
    missing = sorted(i for i in ids if i not in PROVISIONS and not i.startswith("annex3.") or
                     (i.startswith("annex3.") and i not in PROVISIONS and i.count(".") == 2))
    assert not missing, missing


@pytest.mark.skipif(not CATALOGUE.exists(), reason="shared catalogue not available on this machine")
def test_provisions_match_the_catalogue() -> None:
    sys.path.insert(0, str(HERE))
    import make_provisions

    idx = make_provisions.catalogue_index(CATALOGUE)
    rebuilt = make_provisions.build(make_provisions.IDS, idx)
    assert rebuilt == PROVISIONS, "regenerate with tests/classification/make_provisions.py"
    for pid in PROVISIONS:
        if pid in make_provisions.EXTRA:
            assert make_provisions.EXTRA[pid][0] in idx, pid   # the parent entry exists
        elif not pid.startswith("annex_I."):
            assert pid in idx, pid
    assert DATA["aiconform"]["classification"]["catalogue_version"] == \
        yaml.safe_load(CATALOGUE.read_text())["meta"]["catalogue_version"]
