"""Workspace configuration: ``aiconform.yaml``.

```yaml
version: 1
engine: {kind: embedded}            # or {kind: opa-server, url: http://127.0.0.1:8181}
policies: [policies/]               # the organisation's own Rego, evaluated beside the built-in pack
thresholds: {risk_review_period_days: 365}
signing: {key: keys/signer.p12, passphrase_env: AICONFORM_KEY_PASSPHRASE}
systems:
  - id: credit-scoring
    name: Consumer credit scoring
    answers: systems/credit-scoring/answers.yaml
    waivers: systems/credit-scoring/waivers.yaml
    sources:
      - {collector: documents, path: docs/}
      - {collector: mlflow, tracking_uri: "sqlite:///mlflow.db", models: [credit-scorer]}
```

Paths are relative to the folder holding ``aiconform.yaml``. ``sources`` entries are validated by
the named collector's own typed config.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .yamlsafe import safe_load

__all__ = ["safe_load", "EngineConfig", "SigningConfig", "SourceConfig", "SystemConfig", "Workspace", "load_workspace",
           "load_yaml", "format_validation_error"]

CONFIG_NAME = "aiconform.yaml"


class _Cfg(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EngineConfig(_Cfg):
    kind: str = "embedded"
    url: str = "http://127.0.0.1:8181"
    token_env: str | None = None


class SigningConfig(_Cfg):
    key: str | None = None  # PKCS#12 file, or PEM key with `cert`
    cert: str | None = None
    chain: list[str] = Field(default_factory=list)
    passphrase_env: str | None = None
    tsa_url: str | None = None
    test_identity: bool = False  # use the locally generated "not for production" identity


class SourceConfig(BaseModel):
    model_config = ConfigDict(extra="allow")
    collector: str
    name: str | None = None

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class SystemConfig(_Cfg):
    id: str
    name: str = ""
    version: str = ""
    intended_purpose: str = ""
    provider: str = ""
    owner: str = ""
    answers: str | None = None
    waivers: str | None = None
    sources: list[SourceConfig] = Field(default_factory=list)
    thresholds: dict[str, Any] = Field(default_factory=dict)


class Workspace(_Cfg):
    version: int = 1
    engine: EngineConfig = Field(default_factory=EngineConfig)
    policies: list[str] = Field(default_factory=list)
    thresholds: dict[str, Any] = Field(default_factory=dict)
    signing: SigningConfig = Field(default_factory=SigningConfig)
    evidence_validity_days: int = 365
    systems: list[SystemConfig] = Field(default_factory=list)
    root: Path = Path(".")  # set by load_workspace, not read from the file

    def path(self, rel: str) -> Path:
        return (self.root / rel).resolve()

    def system(self, system_id: str | None) -> SystemConfig:
        if system_id is None:
            if len(self.systems) == 1:
                return self.systems[0]
            raise ConfigError("this workspace has several systems; name one",
                              where=str(self.root / CONFIG_NAME),
                              hint="pass --system " + " | ".join(s.id for s in self.systems))
        for s in self.systems:
            if s.id == system_id:
                return s
        raise ConfigError(f"no system {system_id!r} in the workspace", where=str(self.root / CONFIG_NAME),
                          hint="known systems: " + (", ".join(s.id for s in self.systems) or "none"))




class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of each mapping key (for error messages)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    lines = {}
    for k, _ in node.value:
        if isinstance(k.value, str):
            lines[k.value] = k.start_mark.line + 1
    loader.key_lines.setdefault(id(mapping), lines)  # type: ignore[attr-defined]
    return mapping


def load_yaml(path: Path) -> Any:
    """Safe-load a YAML file; syntax errors become ConfigError with file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("file not found", where=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read file ({exc})", where=str(path)) from None
    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ConfigError(f"not valid YAML ({getattr(exc, 'problem', exc)})", where=where) from None


def _key_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line of the first key of ``loc`` found in the YAML text."""
    for part in reversed(loc):
        if isinstance(part, str):
            for i, line in enumerate(text.splitlines(), 1):
                stripped = line.lstrip(" -")
                if stripped.startswith(f"{part}:"):
                    return i
    return None


def format_validation_error(exc: ValidationError, path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        line = _key_line(text, tuple(err["loc"]))
        at = f"{path}:{line}" if line else str(path)
        problems.append(f"{at}: key '{loc}': {err['msg']}")
    return problems


def load_workspace(root_or_file: str | Path = ".") -> Workspace:
    p = Path(root_or_file)
    file = p / CONFIG_NAME if p.is_dir() else p
    if not file.exists():
        raise ConfigError("no workspace configuration found", where=str(file),
                          hint="run `aiconform init` to create a commented aiconform.yaml")
    raw = load_yaml(file)
    if not isinstance(raw, dict):
        raise ConfigError("the top level must be a mapping", where=f"{file}:1")
    try:
        ws = Workspace.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError("invalid workspace configuration", where=str(file),
                          problems=format_validation_error(exc, file),
                          hint="see `aiconform init` for a commented example") from None
    ids = [s.id for s in ws.systems]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"duplicate system ids: {', '.join(dupes)}", where=str(file))
    return ws.model_copy(update={"root": file.parent.resolve()})
