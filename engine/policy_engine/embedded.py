"""OPA's own evaluator, in-process (opa-golib-python-bindings, OPA 1.20.2).

Modules are registered under their absolute file path, so compile errors name ``file:line``.
"""

from __future__ import annotations

import re
from typing import Any

from ..bundle import PolicyBundle
from ..errors import EngineError, PolicyError, PolicyEvalError

__all__ = ["EmbeddedEngine", "ENTRYPOINT", "OPA_VERSION"]

ENTRYPOINT = "aiconform.main.out"
OPA_VERSION = "1.20.2"  # the OPA release bundled in opa-golib-python-bindings 0.4.4
_LOC_RE = re.compile(r"(?P<file>/[^\s:]+\.rego):(?P<line>\d+)")


def _import_bindings() -> Any:
    try:
        import opa_bindings
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EngineError(
            "the embedded OPA evaluator is not installed (opa-golib-python-bindings)",
            hint="run `make .venv`, or `pip install --no-deps --ignore-requires-python "
            "--require-hashes -r requirements-engine.txt`, or choose --engine opa-server",
        ) from exc
    return opa_bindings


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, **_: Any) -> None:
        self._b = _import_bindings()
        self._engine = self._b.OpaEngine()
        self._engine.print_handler = lambda msg, loc: None  # prints never reach stdout
        self.bundle: PolicyBundle | None = None

    def _policy_error(self, exc: Exception, what: str) -> PolicyError:
        msg = getattr(exc, "message", str(exc))
        m = _LOC_RE.search(msg)
        where = f"{m.group('file')}:{m.group('line')}" if m else what
        first = msg.replace("1 error occurred: ", "").strip()
        return PolicyError(f"policy does not compile: {first}", where=where,
                           hint="fix the Rego at that line; `aiconform policy test` re-checks it")

    def load(self, bundle: PolicyBundle) -> None:
        for m in bundle.modules:
            try:
                self._engine.add_policy(str(m.file), m.source)
            except self._b.OpaError as exc:
                raise self._policy_error(exc, str(m.file)) from None
        if bundle.data:
            try:
                self._engine.add_data(bundle.data)
            except self._b.OpaError as exc:
                raise PolicyError(f"policy data cannot be loaded: {exc}", where="data") from None
        # Compile every module now, with the one entry-point query that later evaluations reuse (OPA
        # compiles all modules once per distinct query), so compile errors surface at load with file:line.
        try:
            self._engine.eval_document(ENTRYPOINT, {"phase": "compile"})
        except self._b.OpaUndefinedError:
            pass  # a bundle without the built-in library (e.g. a test folder alone) has no entry point
        except self._b.OpaError as exc:
            raise self._policy_error(exc, "bundle") from None
        self.bundle = bundle

    def query(self, query: str, input: Any | None = None, *, coverage: bool = False) -> list[dict[str, Any]]:
        try:
            return self._engine.eval_query(query, input, coverage=coverage)
        except self._b.OpaError as exc:
            m = _LOC_RE.search(exc.message)
            raise PolicyEvalError(f"evaluation failed: {exc.message.strip()}",
                                  where=f"{m.group('file')}:{m.group('line')}" if m else query) from None

    def document(self, path: str, input: Any | None = None, *, coverage: bool = False) -> Any:
        try:
            return self._engine.eval_document(path, input, coverage=coverage)
        except self._b.OpaUndefinedError:
            raise PolicyEvalError(f"data.{path} is undefined", where=f"data.{path}") from None
        except self._b.OpaError as exc:
            m = _LOC_RE.search(exc.message)
            raise PolicyEvalError(f"evaluation failed: {exc.message.strip()}",
                                  where=f"{m.group('file')}:{m.group('line')}" if m else f"data.{path}") from None

    @property
    def last_coverage(self) -> dict[str, Any] | None:
        return self._engine.last_coverage

    def opa_version(self) -> str:
        return OPA_VERSION

    def close(self) -> None:
        self._engine.close()
