"""`aiconform policy test`: run every ``test_*`` rule with OPA test semantics.

A test passes only when it evaluates to exactly ``true``; undefined or any other value is a FAIL; an
evaluation error is an ERROR. Prints PASS/FAIL/ERROR per test and coverage per file; the exit code is
non-zero on any failure or error. Runs on the embedded OPA evaluator (OPA's own ``topdown``).

Usable as ``python -m aiconform.engine.regotest [PATH ...]``.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .bundle import TEST_RULE_RE, Module, load_bundle
from .errors import AiconformError, PolicyEvalError
from .policy_engine import make_engine

__all__ = ["TestResult", "TestRun", "run_tests", "main"]



@dataclass(frozen=True)
class TestResult:
    package: str
    name: str
    file: str
    line: int
    outcome: str  # PASS | FAIL | ERROR
    detail: str = ""
    duration_ms: float = 0.0


@dataclass
class TestRun:
    results: list[TestResult] = field(default_factory=list)
    covered: dict[str, set[int]] = field(default_factory=dict)
    not_covered: dict[str, set[int]] = field(default_factory=dict)

    @property
    def failed(self) -> list[TestResult]:
        return [r for r in self.results if r.outcome != "PASS"]

    def coverage_by_file(self) -> dict[str, float]:
        out = {}
        for f in sorted(set(self.covered) | set(self.not_covered)):
            cov = self.covered.get(f, set())
            unc = self.not_covered.get(f, set()) - cov
            total = len(cov) + len(unc)
            out[f] = 100.0 * len(cov) / total if total else 100.0
        return out

    def total_coverage(self) -> float:
        cov = sum(len(v) for v in self.covered.values())
        unc = sum(len(self.not_covered.get(f, set()) - self.covered.get(f, set())) for f in self.not_covered)
        return 100.0 * cov / (cov + unc) if cov + unc else 100.0


def _tests_in(module: Module) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for m in TEST_RULE_RE.finditer(module.source):
        name = m.group(1)
        line = module.source.count("\n", 0, m.start()) + 1
        seen.setdefault(name, line)
    return sorted(seen.items(), key=lambda kv: kv[1])


_UNDEFINED = object()


def _judge(value: Any) -> tuple[str, str]:
    if value is _UNDEFINED:
        return "FAIL", "undefined"
    if value is not True:
        return "FAIL", f"evaluated to {value!r}, expected true"
    return "PASS", ""


def _add_coverage(run: TestRun, engine: Any, enabled: bool) -> None:
    cov = getattr(engine, "last_coverage", None) if enabled else None
    for f, data in (cov or {}).get("files", {}).items():
        run.covered.setdefault(f, set()).update(_lines(data.get("covered", [])))
        run.not_covered.setdefault(f, set()).update(_lines(data.get("not_covered", [])))


def _lines(ranges: list[dict[str, Any]]) -> set[int]:
    out: set[int] = set()
    for r in ranges or []:
        out.update(range(r["start"]["row"], r["end"]["row"] + 1))
    return out


def run_tests(paths: list[Path] | None = None, *, include_builtin: bool | None = None, pattern: str | None = None,
              coverage: bool = True) -> TestRun:
    """Run the tests of the built-in pack (default) or of ``paths`` (folders with Rego + tests).

    Folders given in ``paths`` are loaded beside the built-in library (so org packs can import
    ``data.lib``); tests are only run from the named folders when paths are given.
    """
    paths = [Path(p).resolve() for p in (paths or [])]
    builtin = include_builtin if include_builtin is not None else True
    bundle = load_bundle(paths, include_builtin=builtin, include_tests=True)
    engine = make_engine("embedded")
    try:
        engine.load(bundle)
        run = TestRun()
        selected = [m for m in bundle.test_modules() if not paths or any(m.file.is_relative_to(p) for p in paths)]
        rx = re.compile(pattern) if pattern else None
        wanted: dict[str, list[tuple[str, int, Module]]] = {}
        for m in selected:
            for name, line in _tests_in(m):
                if rx and not rx.search(f"{m.package}.{name}"):
                    continue
                wanted.setdefault(m.package, []).append((name, line, m))
        # Each distinct query is compiled once against every module, so evaluate all test packages in one
        # query; only a package whose evaluation raises falls back to one query per test (to name it).
        packages = sorted(wanted)
        values: dict[str, Any] = {}
        if packages:
            t0 = time.perf_counter()
            try:
                q = "; ".join(f"p{i} := data.{pkg}" for i, pkg in enumerate(packages))
                res = engine.query(q, None, coverage=coverage)  # type: ignore[call-arg]
                row = res[0] if res else {}
                values = {pkg: row.get(f"p{i}", {}) for i, pkg in enumerate(packages)}
                _add_coverage(run, engine, coverage)
            except PolicyEvalError:
                values = {}
            per_test_ms = (time.perf_counter() - t0) * 1000 / max(1, sum(len(v) for v in wanted.values()))
        for pkg in packages:
            if pkg in values:
                doc = values[pkg] if isinstance(values[pkg], dict) else {}
                for name, line, m in wanted[pkg]:
                    v = doc.get(name, _UNDEFINED)
                    outcome, detail = _judge(v)
                    run.results.append(TestResult(pkg, name, str(m.file), line, outcome, detail, per_test_ms))
                continue
            for name, line, m in wanted[pkg]:
                t0 = time.perf_counter()
                try:
                    res = engine.query(f"x := data.{pkg}.{name}", None, coverage=coverage)  # type: ignore[call-arg]
                    outcome, detail = _judge(res[0].get("x") if res else _UNDEFINED)
                    _add_coverage(run, engine, coverage)
                except PolicyEvalError as exc:
                    outcome, detail = "ERROR", str(exc)
                run.results.append(TestResult(pkg, name, str(m.file), line, outcome, detail,
                                              (time.perf_counter() - t0) * 1000))
        # Only policy files (not tests) of the selected folders count for coverage
        for d in (run.covered, run.not_covered):
            for f in list(d):
                if f.endswith("_test.rego") or (paths and not any(Path(f).is_relative_to(p) for p in paths)):
                    del d[f]
        return run
    finally:
        engine.close()


def _display(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def report(run: TestRun, out: TextIO | None = None, *, verbose: bool = True, show_coverage: bool = True) -> None:
    out = out or sys.stdout
    for r in run.results:
        if verbose or r.outcome != "PASS":
            line = f"{r.outcome:5} {r.package}.{r.name} ({_display(r.file)}:{r.line}, {r.duration_ms:.1f} ms)"
            if r.detail:
                line += f"\n      {r.detail}"
            print(line, file=out)
    if show_coverage and (run.covered or run.not_covered):
        print("\ncoverage:", file=out)
        for f, pct in run.coverage_by_file().items():
            print(f"  {pct:5.1f}%  {_display(f)}", file=out)
        print(f"  {run.total_coverage():5.1f}%  total", file=out)
    p = sum(1 for r in run.results if r.outcome == "PASS")
    fl = sum(1 for r in run.results if r.outcome == "FAIL")
    er = sum(1 for r in run.results if r.outcome == "ERROR")
    print(f"\nrego: {p} passed, {fl} failed, {er} errors", file=out)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="aiconform policy test")
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("-k", dest="pattern")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    try:
        run = run_tests(args.paths or None, pattern=args.pattern)
    except AiconformError as exc:
        print(f"error: {exc.render()}", file=sys.stderr)
        return 2
    report(run, verbose=not args.quiet)
    if not run.results:
        print("no tests found", file=sys.stderr)
        return 1
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
