from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from ..bundle import PolicyBundle
from ..errors import UsageError

__all__ = ["PolicyEngine", "make_engine"]


@runtime_checkable
class PolicyEngine(Protocol):
    """What the pipeline needs from a Rego evaluator."""

    name: str

    def load(self, bundle: PolicyBundle) -> None:
        """Compile all modules of ``bundle`` and set its data. Raises PolicyError naming file:line."""

    def query(self, query: str, input: Any | None = None) -> list[dict[str, Any]]:
        """Evaluate a Rego query; one dict of variable bindings per result."""

    def document(self, path: str, input: Any | None = None) -> Any:
        """Value of ``data.<path>``; raises PolicyEvalError if undefined."""

    def opa_version(self) -> str: ...

    def close(self) -> None: ...


def make_engine(kind: str = "embedded", **options: Any) -> PolicyEngine:
    if kind == "embedded":
        shards = options.pop("shards", 1)
        if shards is None:  # as AICONFORM_ENGINE_SHARDS says (1 when unset)
            from .sharded import auto_shards

            shards = auto_shards()
        if shards > 1:
            from .sharded import ShardedEngine

            return ShardedEngine(shards=shards, **options)
        from .embedded import EmbeddedEngine

        return EmbeddedEngine(**options)
    if kind in ("opa-server", "opa_server"):
        from .opa_server import OpaServerEngine

        return OpaServerEngine(**options)
    raise UsageError(f"unknown policy engine {kind!r}", hint="use 'embedded' or 'opa-server'")
