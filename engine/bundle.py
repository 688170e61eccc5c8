"""Policy bundles: which Rego modules and data documents are loaded, and their digest.

A bundle is the built-in pack shipped as package data (``aiconform.policies``) plus any folders a
workspace adds (organisation policies). Its digest (sha256 over sorted relative paths and file
hashes) is recorded in every Report and in the ledger, so a result can be tied to the exact policies
that produced it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import PolicyError
from .yamlsafe import safe_load

__all__ = ["Module", "PolicyBundle", "builtin_policy_root", "load_bundle", "PACKAGE_RE", "TEST_RULE_RE"]

PACKAGE_RE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
TEST_RULE_RE = re.compile(r"^(test_[A-Za-z0-9_]+)\b", re.MULTILINE)


@dataclass(frozen=True)
class Module:
    path: str  # bundle-relative path, e.g. "builtin/aiact/art9/art9.rego" (used in error messages)
    file: Path  # absolute file on disk
    source: str
    package: str

    @property
    def is_test(self) -> bool:
        return self.file.name.endswith("_test.rego")


@dataclass
class PolicyBundle:
    modules: list[Module] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    digest: str = ""
    roots: list[Path] = field(default_factory=list)

    def policy_modules(self) -> list[Module]:
        return [m for m in self.modules if not m.is_test]

    def test_modules(self) -> list[Module]:
        return [m for m in self.modules if m.is_test]


def builtin_policy_root() -> Path:
    return Path(str(resources.files("aiconform.policies")))


def _deep_merge(dst: dict[str, Any], src: dict[str, Any], where: str) -> None:
    for k, v in src.items():
        if k in dst and isinstance(dst[k], dict) and isinstance(v, dict):
            _deep_merge(dst[k], v, f"{where}.{k}")
        else:
            dst[k] = v


def _load_data_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            return json.loads(text)
        return safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read data file ({exc})", where=str(path)) from None
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise PolicyError(f"data file is not valid YAML/JSON ({exc})", where=str(path),
                          hint="fix the syntax; data files under a policy folder are merged into `data`") from None


def _walk(root: Path, label: str, include_tests: bool) -> tuple[list[Module], list[tuple[str, Path]]]:
    modules: list[Module] = []
    datafiles: list[tuple[str, Path]] = []
    if not root.exists():
        raise PolicyError("policy folder does not exist", where=str(root),
                          hint="check the `policies:` entries in aiconform.yaml or the --policies option")
    if not root.is_dir():
        raise PolicyError("policy path is not a folder", where=str(root))
    for f in sorted(root.rglob("*")):
        if not f.is_file() or any(part.startswith(".") for part in f.relative_to(root).parts):
            continue
        rel = f"{label}/{f.relative_to(root).as_posix()}"
        if f.suffix == ".rego":
            if f.name.endswith("_test.rego") and not include_tests:
                continue
            try:
                src = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise PolicyError(f"cannot read policy ({exc})", where=str(f)) from None
            m = PACKAGE_RE.search(src)
            if not m:
                raise PolicyError("no `package` declaration", where=f"{f}:1",
                                  hint="every Rego file starts with `package <name>`")
            modules.append(Module(path=rel, file=f, source=src, package=m.group(1)))
        elif f.name in ("data.json", "data.yaml"):
            datafiles.append((rel, f))
    return modules, datafiles


def load_bundle(extra_roots: list[Path] | None = None, *, include_builtin: bool = True,
                include_tests: bool = False, data_overrides: dict[str, Any] | None = None) -> PolicyBundle:
    """Load the built-in pack and any extra folders. ``data.json``/``data.yaml`` files are merged at
    the data root in path order; ``data_overrides`` (workspace thresholds) are merged last."""
    roots: list[tuple[str, Path]] = []
    if include_builtin:
        roots.append(("builtin", builtin_policy_root()))
    for i, r in enumerate(extra_roots or []):
        roots.append((f"workspace{i}" if i else "workspace", Path(r).resolve()))
    bundle = PolicyBundle(roots=[r for _, r in roots])
    h = hashlib.sha256()
    for label, root in roots:
        mods, datafiles = _walk(root, label, include_tests)
        bundle.modules.extend(mods)
        for rel, f in datafiles:
            value = _load_data_file(f)
            if value is None:
                continue
            if not isinstance(value, dict):
                raise PolicyError("data file must hold a mapping at the top", where=str(f))
            _deep_merge(bundle.data, value, rel)
            h.update(f"D {rel}\n".encode() + hashlib.sha256(f.read_bytes()).digest())
    for m in sorted(bundle.modules, key=lambda m: m.path):
        h.update(f"M {m.path}\n".encode() + hashlib.sha256(m.source.encode()).digest())
    if data_overrides:
        _deep_merge(bundle.data, data_overrides, "overrides")
        h.update(b"O " + json.dumps(data_overrides, sort_keys=True).encode())
    bundle.modules.sort(key=lambda m: m.path)
    bundle.digest = "sha256:" + h.hexdigest()
    return bundle
