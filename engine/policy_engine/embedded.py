"""OPA's own evaluator, in-process (opa-golib-python-bindings, OPA 1.20.2).

Modules are registered under their absolute file path, so compile errors name ``file:line``.
"""

from __future__ import annotations

import re
import threading
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
        self._compiling: threading.Thread | None = None
        self._compile_error: PolicyError | None = None

    def _policy_error(self, exc: Exception, what: str) -> PolicyError:
        msg = getattr(exc, "message", str(exc))
        m = _LOC_RE.search(msg)
        where = f"{m.group('file')}:{m.group('line')}" if m else what
        first = msg.replace("1 error occurred: ", "").strip()
        return PolicyError(f"policy does not compile: {first}", where=where,
                           hint="fix the Rego at that line; `aiconform policy test` re-checks it")

    def load(self, bundle: PolicyBundle, *, background: bool = False) -> None:
        """Add every module and the data, then compile them with the entry-point query.

        With ``background=True`` the whole of it (parsing each module as it is added, then the compile:
        Go work without the GIL) runs on a thread while the caller goes on (e.g. importing the pipeline
        and collecting evidence); the first query waits for it and raises its error, if any.
        """
        self.bundle = bundle
        if background:
            self._compiling = threading.Thread(target=self._load_bg, args=(bundle,), name="opa-compile",
                                               daemon=True)
            self._compiling.start()
        else:
            self._add(bundle)
            self._compile()

    def _add(self, bundle: PolicyBundle) -> None:
        # Adding a module parses it, outside the bridge's lock (only the registration takes it): two
        # threads parse the pack in about half the time. Errors are reported for the first failing
        # module in bundle order, whichever thread met it.
        mods = bundle.modules
        errors: list[tuple[int, PolicyError] | None] = [None, None]

        def add(part: int) -> None:
            for i in range(part, len(mods), 2):
                try:
                    self._engine.add_policy(str(mods[i].file), mods[i].source)
                except self._b.OpaError as exc:
                    errors[part] = (i, self._policy_error(exc, str(mods[i].file)))
                    return

        helper = threading.Thread(target=add, args=(1,), name="opa-parse") if len(mods) > 8 else None
        if helper is not None:
            helper.start()
            add(0)
            helper.join()
        else:
            for part in (0, 1):
                add(part)
        failed = sorted((e for e in errors if e is not None), key=lambda e: e[0])
        if failed:
            raise failed[0][1]
        if bundle.data:
            try:
                self._engine.add_data(bundle.data)
            except self._b.OpaError as exc:
                raise PolicyError(f"policy data cannot be loaded: {exc}", where="data") from None

    def _compile(self) -> None:
        # Compile every module now, with the one entry-point query that later evaluations reuse (OPA
        # compiles all modules once per distinct query), so compile errors surface with file:line.
        try:
            self._engine.eval_document(ENTRYPOINT, {"phase": "compile"})
        except self._b.OpaUndefinedError:
            pass  # a bundle without the built-in library (e.g. a test folder alone) has no entry point
        except self._b.OpaError as exc:
            raise self._policy_error(exc, "bundle") from None

    def _load_bg(self, bundle: PolicyBundle) -> None:
        try:
            self._add(bundle)
            self._compile()
        except PolicyError as exc:
            self._compile_error = exc

    def _wait(self) -> None:
        t = self._compiling
        if t is not None:
            t.join()
            self._compiling = None
        if self._compile_error is not None:
            exc, self._compile_error = self._compile_error, None
            raise exc

    def query(self, query: str, input: Any | None = None, *, coverage: bool = False) -> list[dict[str, Any]]:
        self._wait()
        try:
            return self._engine.eval_query(query, input, coverage=coverage)
        except self._b.OpaError as exc:
            m = _LOC_RE.search(exc.message)
            raise PolicyEvalError(f"evaluation failed: {exc.message.strip()}",
                                  where=f"{m.group('file')}:{m.group('line')}" if m else query) from None

    def document(self, path: str, input: Any | None = None, *, coverage: bool = False) -> Any:
        self._wait()
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
        try:
            self._wait()
        except PolicyError:
            pass
        self._engine.close()
