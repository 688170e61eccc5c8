"""A real OPA server (``opa run --server``) through opa-python-client. Filled in by issue #2 work."""

from __future__ import annotations

from typing import Any

from ..bundle import PolicyBundle
from ..errors import EngineError

__all__ = ["OpaServerEngine"]


class OpaServerEngine:
    name = "opa-server"

    def __init__(self, url: str = "http://127.0.0.1:8181", **_: Any) -> None:
        self.url = url

    def load(self, bundle: PolicyBundle) -> None:
        raise EngineError("the opa-server engine is not implemented yet", where=self.url)

    def query(self, query: str, input: Any | None = None) -> list[dict[str, Any]]:
        raise EngineError("not implemented", where=self.url)

    def document(self, path: str, input: Any | None = None) -> Any:
        raise EngineError("not implemented", where=self.url)

    def opa_version(self) -> str:
        return "unknown"

    def close(self) -> None:
        pass
