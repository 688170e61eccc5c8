"""Safe YAML parsing on libyaml's C parser, importable without pydantic (the policy bundle loader uses it
before anything heavy is imported)."""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["safe_load", "SafeLoader"]

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` on libyaml's C parser when present (the same safe subset, ~10x faster)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a SafeLoader
