"""The embedded evaluator spread over several OPA engines, for one system's evaluation (opt-in).

OPA compiles a bundle on one thread, and the compile (about 0.5 s of CPU for the built-in pack) is the
longest single step of a ``gate`` run; the findings query is the second. Both scale with the Rego that
is loaded, and the requirement packages barely depend on each other. So the packages can be partitioned
into *shards* (``AICONFORM_ENGINE_SHARDS``), each compiled by its own engine on its own thread, with the
shared library (``lib.*`` and the ``aiconform.main`` entry point) in every shard; the findings query runs
on every shard at once and the findings are concatenated (the pipeline sorts them, so the report does not
depend on the shard count: a test compares the JSON results byte for byte).

Partitioning is conservative. Packages that refer to one another (an ``import data.aiact.art23``, an
inline ``data.aiact.art18.x``, a reference to a whole namespace like ``data.aiact``) stay in the same
shard; references are found in the code with comments and string contents blanked, so prose does not
link packages. Sharding is off (one engine) when a shared module refers to a requirement package, when a
module refers to ``data`` as a whole, when the entry point is not the built-in one, or when one shard is
asked for (the default: see :func:`auto_shards`). A shard that does not compile is never trusted to
explain why: the whole bundle is then compiled on one engine and *its* result (error, or success) stands.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from typing import Any

from ..bundle import Module, PolicyBundle
from ..errors import PolicyError, UsageError
from .embedded import ENTRYPOINT, OPA_VERSION, EmbeddedEngine

__all__ = ["ShardedEngine", "partition", "auto_shards", "MAX_SHARDS"]

MAX_SHARDS = 8  # each shard compiles the shared library again (~10 % of the pack): more stops paying
_COMMON = ("lib", "aiconform.main")
_CLASSIFICATION = "aiact.classification"
# the root document `data` (a reserved name in Rego, so never a local variable), then a dotted path, then
# optionally `[` (a dynamic key below that path); `x.data` is a field of something else
_DATA_REF = re.compile(r"(?<![\w.])data\b((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(\[)?")


def auto_shards() -> int:
    """Shards for one evaluation: ``AICONFORM_ENGINE_SHARDS`` when set, else 1.

    One engine is the default because it measured faster on the 2-core machine we benchmark on
    (bench/bench_gate.py prints both): the Python side of a gate keeps one core busy while the policies
    compile, and two Go engines cost ~0.2-0.3 s more CPU than one (the library compiled twice, two heaps
    to collect). Machines with more cores may gain; the bench says whether yours does."""
    raw = os.environ.get("AICONFORM_ENGINE_SHARDS", "").strip()
    if not raw:
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"AICONFORM_ENGINE_SHARDS must be a whole number >= 1, not {raw!r}",
                         hint="unset it (or set 1) to evaluate on a single engine")
    return min(int(raw), MAX_SHARDS)


def _is_common(package: str) -> bool:
    return any(package == c or package.startswith(c + ".") for c in _COMMON)


def _code_only(source: str) -> str:
    """The source with comments and the contents of string literals blanked ("..." with escapes, raw
    `...`), so that prose mentioning data does not count as a reference. Template strings (``$"…{expr}…"``)
    are kept whole: their ``{…}`` parts are code."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        template = bool(out) and out[-1] == "$"
        if c == "#":
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif c == '"':
            j = i + 1
            while j < n and source[j] != '"' and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1] if template else '""')
            i = j + 1
        elif c == "`":
            j = source.find("`", i + 1)
            out.append(source[i:(n if j < 0 else j + 1)] if template else "``")
            i = n if j < 0 else j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _refs(source: str) -> list[tuple[str, ...]]:
    """Every ``data…`` reference in the code; a trailing ``[`` is kept as a final ``"["`` step."""
    out = []
    for m in _DATA_REF.finditer(_code_only(source)):
        path = tuple(p for p in m.group(1).split(".") if p)
        out.append(path + ("[",) if m.group(2) else path)
    return out


class _Unions:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _touched(ref: tuple[str, ...], packages: Sequence[str]) -> list[str] | None:
    """Packages a reference may read: those it names a prefix of (``data.aiact`` -> every aiact.*) and the
    one it reaches into (``data.aiact.art23.x`` -> aiact.art23). None: it may read anything."""
    path = [p for p in ref if p != "["]
    if not path:
        return None  # `data` or `data[x]`: the whole tree
    dotted = ".".join(path)
    hit = [p for p in packages if p == dotted or p.startswith(dotted + ".")]
    inside = [p for p in packages if dotted.startswith(p + ".")]
    if inside:
        hit.append(max(inside, key=len))
    return hit


def partition(modules: Sequence[Module], n: int) -> list[list[Module]] | None:
    """The non-shared modules split into at most ``n`` groups that never refer across groups, balanced by
    source size; None when sharding would not be safe or would not help (see the module docstring)."""
    if n <= 1:
        return None
    policy = [m for m in modules if not m.is_test]
    mains = [m for m in policy if m.package == "aiconform.main"]
    if len(mains) != 1 or not mains[0].path.startswith("builtin/"):
        return None  # the fan-out below knows the built-in entry point only
    packages = sorted({m.package for m in policy if not _is_common(m.package)})
    if len(packages) < 2:
        return None
    unions = _Unions(packages)
    for m in policy:
        common = _is_common(m.package)
        if common and m is mains[0]:
            continue  # the entry point reads every shard's findings by design; we fan it out
        for ref in _refs(m.source):
            if ref[:1] and _is_common(ref[0]) or (ref[:2] and _is_common(".".join(ref[:2]))):
                continue  # the shared library is in every shard
            touched = _touched(ref, packages)
            if touched is None or (common and touched):
                return None  # reads anything, or shared code reading one shard's package
            for p in touched:
                if not common:
                    unions.union(m.package, p)
    size: dict[str, int] = {}
    for m in policy:
        if not _is_common(m.package):
            root = unions.find(m.package)
            size[root] = size.get(root, 0) + len(m.source)
    if len(size) < 2:
        return None
    bins: list[list[str]] = [[] for _ in range(min(n, len(size)))]
    load = [0] * len(bins)
    for root in sorted(size, key=lambda r: (-size[r], r)):  # largest first, to the lightest bin
        i = load.index(min(load))
        bins[i].append(root)
        load[i] += size[root]
    shard_of = {root: i for i, roots in enumerate(bins) for root in roots}
    out: list[list[Module]] = [[] for _ in bins]
    for m in policy:
        if not _is_common(m.package):
            out[shard_of[unions.find(m.package)]].append(m)
    return out


class ShardedEngine:
    """Same answers as :class:`EmbeddedEngine` on the entry point, from one engine per shard."""

    name = "embedded"  # the same evaluator: reports do not depend on how it was spread over CPUs

    def __init__(self, shards: int | None = None, **_: Any) -> None:
        self.wanted = shards if shards is not None else auto_shards()
        self.bundle: PolicyBundle | None = None
        self.engines: list[EmbeddedEngine] = []
        self._classifier = 0  # index of the shard holding aiact.classification
        self._checked = False

    def load(self, bundle: PolicyBundle, *, background: bool = False) -> None:
        self.bundle = bundle
        groups = partition(bundle.modules, self.wanted)
        if groups is None:
            self._start([bundle], background)
            return
        common = [m for m in bundle.modules if _is_common(m.package) and not m.is_test]
        subs = [PolicyBundle(modules=[*common, *g], data=bundle.data, digest=bundle.digest, roots=bundle.roots)
                for g in groups]
        self._classifier = next((i for i, g in enumerate(groups) if any(m.package == _CLASSIFICATION for m in g)), 0)
        self._start(subs, background)

    def _start(self, bundles: list[PolicyBundle], background: bool) -> None:
        self.engines = [EmbeddedEngine() for _ in bundles]
        for eng, b in zip(self.engines, bundles, strict=True):
            eng.load(b, background=True)  # one compile thread per shard
        if not background:
            self._ready()

    def _ready(self) -> None:
        """Wait for every shard; when one does not compile, let the whole bundle on one engine decide."""
        if self._checked:
            return
        failed = False
        for eng in self.engines:
            try:
                eng._wait()
            except PolicyError:
                failed = True
        self._checked = True
        if failed and self.bundle is not None:
            for eng in self.engines:
                eng.close()
            whole = EmbeddedEngine()
            self.engines, self._classifier = [whole], 0
            whole.load(self.bundle)  # raises the bundle's own compile error, if it has one

    @property
    def shard_count(self) -> int:
        return len(self.engines)

    def query(self, query: str, input: Any | None = None, *, coverage: bool = False) -> list[dict[str, Any]]:
        self._ready()
        if len(self.engines) == 1:
            return self.engines[0].query(query, input, coverage=coverage)
        raise PolicyError("a sharded engine answers the entry point only", where=query,
                          hint="evaluate ad-hoc queries with AICONFORM_ENGINE_SHARDS=1")

    def document(self, path: str, input: Any | None = None, *, coverage: bool = False) -> Any:
        self._ready()
        if len(self.engines) == 1 or coverage:
            if coverage and len(self.engines) > 1:
                raise PolicyError("coverage needs a single engine", where=f"data.{path}",
                                  hint="measure coverage with AICONFORM_ENGINE_SHARDS=1")
            return self.engines[0].document(path, input, coverage=coverage)
        phase = input.get("phase") if isinstance(input, dict) else None
        if path != ENTRYPOINT or phase not in ("evaluate", "compile"):
            # classification (and any other document) lives in one shard; the library is in all of them
            return self.engines[self._classifier].document(path, input)
        results: list[Any] = [None] * len(self.engines)
        errors: list[BaseException | None] = [None] * len(self.engines)

        def run(i: int) -> None:
            try:
                results[i] = self.engines[i].document(path, input)
            except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread below
                errors[i] = exc

        threads = [threading.Thread(target=run, args=(i,), name=f"opa-shard-{i}") for i in range(1, len(self.engines))]
        for t in threads:
            t.start()
        run(0)
        for t in threads:
            t.join()
        for exc in errors:
            if exc is not None:
                raise exc
        if phase == "compile":
            return results[0]
        return {"findings": [f for r in results for f in r["findings"]]}

    @property
    def last_coverage(self) -> dict[str, Any] | None:
        return self.engines[0].last_coverage if len(self.engines) == 1 else None

    def opa_version(self) -> str:
        return OPA_VERSION

    def close(self) -> None:
        for eng in self.engines:
            eng.close()
