"""Contract tests of the policy pack: METADATA, tests beside every package, unique rule ids, catalogue
mapping, and zero uncovered operator duties in the prohibited, high-risk, transparency and GPAI tiers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from aiconform.engine.bundle import builtin_policy_root, load_bundle
from aiconform.engine.policy_tools import (
    REQUIRED_PACKAGE_CUSTOM,
    REQUIRED_PACKAGE_KEYS,
    REQUIRED_RULE_CUSTOM,
    STRICT_TIERS,
    coverage,
    load_catalogue,
    pack_packages,
    pack_rules,
    read_annotations,
)

AIACT = builtin_policy_root() / "aiact"
SHARED_CATALOGUE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "aiact-catalogue.yaml"


@pytest.fixture(scope="module")
def bundle():
    return load_bundle(include_tests=True)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def _aiact_modules(bundle):
    return [m for m in bundle.policy_modules() if m.file.is_relative_to(AIACT)]


def test_every_aiact_package_has_required_metadata(bundle):
    problems = []
    packages = {m.package for m in _aiact_modules(bundle)}
    annotated = pack_packages(bundle, ("aiact.",))
    for pkg in sorted(packages):
        a = annotated.get(pkg)
        if a is None:
            problems.append(f"{pkg}: no package METADATA")
            continue
        problems += [f"{pkg} ({a.module}:{a.line}): no {k}" for k in REQUIRED_PACKAGE_KEYS if not a.data.get(k)]
        problems += [f"{pkg} ({a.module}:{a.line}): no custom.{k}" for k in REQUIRED_PACKAGE_CUSTOM if k not in a.custom]
    assert not problems, "\n".join(problems)


def test_every_aiact_package_has_a_test_file(bundle):
    tested = {m.package.removesuffix("_test") for m in bundle.test_modules()}
    missing = sorted({f"{m.package} ({m.path})" for m in _aiact_modules(bundle) if m.package not in tested})
    assert not missing, "packages without a _test.rego: " + ", ".join(missing)


def test_test_files_sit_beside_their_policy(bundle):
    for m in bundle.test_modules():
        if m.file.is_relative_to(AIACT):
            assert any(p.suffix == ".rego" and not p.name.endswith("_test.rego") for p in m.file.parent.iterdir()), m.path


def test_every_rule_has_required_custom_keys(bundle):
    problems = []
    for a in pack_rules(bundle, ("aiact.",)):
        problems += [f"{a.rule_id} ({a.module}:{a.line}): no custom.{k}" for k in REQUIRED_RULE_CUSTOM if k not in a.custom]
        if a.custom.get("severity") not in ("deny", "warn", "info"):
            problems.append(f"{a.rule_id}: severity {a.custom.get('severity')!r}")
        if a.rule != "findings":
            problems.append(f"{a.rule_id} ({a.module}:{a.line}): annotates `{a.rule}`, not a `findings` rule")
    assert not problems, "\n".join(problems)


def test_rule_ids_are_unique(bundle):
    ids = Counter(a.rule_id for a in pack_rules(bundle, ("aiact.", "org.")))
    dupes = sorted(i for i, n in ids.items() if n > 1)
    assert not dupes, f"duplicate rule ids: {dupes}"


def test_every_mapped_catalogue_id_exists(bundle, catalogue):
    unknown = sorted(f"{a.rule_id}: {cid}" for a in pack_rules(bundle, ("aiact.",)) for cid in a.catalogue_ids
                     if cid not in catalogue)
    assert not unknown, "catalogue ids not in the catalogue: " + ", ".join(unknown)


def test_no_uncovered_duty_in_strict_tiers(bundle, catalogue):
    rep = coverage(bundle, catalogue)
    missing = rep.uncovered(STRICT_TIERS)
    assert not missing, "uncovered catalogue duties: " + ", ".join(
        f"{e} ({catalogue[e].citation or catalogue[e].title})" for e in missing)


def test_every_rule_module_annotation_parses(bundle):
    # read_annotations raises PolicyError naming file:line on invalid YAML
    for m in bundle.modules:
        read_annotations(m)


@pytest.mark.skipif(not SHARED_CATALOGUE.exists(), reason="shared reference not present")
def test_shipped_catalogue_matches_the_shared_reference():
    shipped = builtin_policy_root() / "catalogue" / "aiact-catalogue.yaml"
    assert shipped.read_bytes() == SHARED_CATALOGUE.read_bytes(), (
        "policies/catalogue/aiact-catalogue.yaml differs from ../shared/reference; copy it again")
