"""Benchmark: the log collector over a 1 GB JSONL log, beside a plain ``json.loads``-per-line loop.

Generates a realistic, hash-chained inference log (default 1 GiB, in bench/out/, never committed),
then, in the same run, measures for each contender the median wall-clock throughput over several runs
and the peak RSS of a fresh child process (so one measurement cannot inherit another's memory):

* ``collector``: ``aiconform.evidence_collectors.logs.scan_log`` - parse, per-field completeness,
  time gaps, hash-chain links, Art 12 fields, and the file's sha256, in one streamed pass;
* ``json.loads loop``: ``for line in open(f, 'rb'): json.loads(line)`` and nothing else.

Targets (issue 4): collector >= 100 MB/s, peak RSS < 200 MB. Exit 1 if a target is missed.

    .venv/bin/python bench/bench_logs.py [--size-mb 1024] [--runs 3] [--out bench/out]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MBPS = 100.0
TARGET_RSS_MB = 200.0


def generate(path: Path, size_bytes: int, seed: int = 7) -> int:
    """Write a hash-chained JSONL inference log of about ``size_bytes``; returns the record count."""
    rnd = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    t = 1_767_225_600.0  # 2026-01-01T00:00:00Z
    prev = "0" * 64
    n = 0
    written = 0
    buf: list[str] = []
    with open(tmp, "w", encoding="utf-8") as fh:
        while written < size_bytes:
            t += rnd.expovariate(1 / 0.8)
            if rnd.random() < 0.00002:
                t += 7200  # an occasional outage: a gap in time
            ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int((t % 1) * 1e6):06d}Z"
            rec = {
                "timestamp": ts,
                "request_id": f"req-{n:010d}",
                "model_version": "credit-scorer/3",
                "session_start": ts,
                "session_end": ts,
                "reference_database": "watchlist-2026-01" if rnd.random() < 0.99 else None,
                "input_data": {"income": rnd.randint(10_000, 200_000), "age": rnd.randint(18, 90),
                               "loan_amount": rnd.randint(1_000, 50_000), "term_months": rnd.choice([12, 24, 36, 60]),
                               "region": rnd.choice(["north", "south", "east", "west"])},
                "output": {"score": round(rnd.random(), 4), "decision": rnd.choice(["approve", "refer", "deny"])},
                "latency_ms": round(rnd.uniform(3, 90), 2),
                "verified_by": rnd.choice(["analyst-17", "analyst-4", ""]),
                "prev_hash": prev,
            }
            line = json.dumps(rec, separators=(",", ":"))
            h = hashlib.sha256(line.encode()).hexdigest()
            rec["hash"] = h
            prev = h
            if rnd.random() < 0.00001:
                s = "{not json at all\n"
            else:
                s = json.dumps(rec, separators=(",", ":")) + "\n"
            buf.append(s)
            written += len(s)
            n += 1
            if len(buf) >= 20000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))
    os.replace(tmp, path)
    return n


_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
which, path = sys.argv[1], Path(sys.argv[2])
t0 = time.perf_counter()
if which == "collector":
    from aiconform.evidence_collectors.logs import LogsOptions, scan_log
    s = scan_log(path, LogsOptions(path=str(path), profile="rbi", expected_fields=["request_id", "output.score"]))
    extra = {"records": s.record_count, "malformed": s.malformed_count, "gaps": s.gap_count,
             "broken_links": s.broken_links_count, "sha256": s.sha256[:16]}
else:
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            try:
                json.loads(line)
            except ValueError:
                pass
            n += 1
    extra = {"lines": n}
dt = time.perf_counter() - t0
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "rss_mb": rss_kb / 1024, **extra}))
"""


def run_child(which: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD, which, str(path)], capture_output=True, text=True,
                         check=False, cwd=HERE)
    if out.returncode != 0:
        raise SystemExit(f"{which} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1024, help="log size in MiB (default 1024 = 1 GiB)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--keep", action="store_true", help="keep the generated log")
    args = ap.parse_args()
    path = args.out / f"inference-{args.size_mb}MiB.jsonl"
    size = args.size_mb * 1024 * 1024
    if not path.exists() or path.stat().st_size < size:
        t0 = time.perf_counter()
        n = generate(path, size)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB, {n} records) in "
              f"{time.perf_counter() - t0:.0f}s", file=sys.stderr)
    mb = path.stat().st_size / 1e6
    results: dict[str, list[dict[str, float]]] = {"collector": [], "json.loads loop": []}
    run_child("json.loads loop", path)  # warm the page cache once so every contender reads from memory
    for _ in range(args.runs):
        for which in ("collector", "json.loads loop"):
            results[which].append(run_child(which, path))
    print(f"\nlog: {path.name}  {mb:.0f} MB  runs: {args.runs}  (median throughput, peak RSS of the process)")
    print(f"{'contender':<18} {'MB/s':>8} {'seconds':>8} {'peak RSS MB':>12}")
    med: dict[str, float] = {}
    for which, rs in results.items():
        secs = statistics.median(r["seconds"] for r in rs)
        rss = max(r["rss_mb"] for r in rs)
        med[which] = mb / secs
        print(f"{which:<18} {mb / secs:>8.1f} {secs:>8.2f} {rss:>12.1f}")
    c = results["collector"][0]
    print(f"\ncollector / json.loads ratio: {med['collector'] / med['json.loads loop']:.2f}x")
    print(f"collector found: records={c['records']} malformed={c['malformed']} gaps={c['gaps']} "
          f"broken_links={c['broken_links']} sha256={c['sha256']}…")
    rss_c = max(r["rss_mb"] for r in results["collector"])
    ok = med["collector"] >= TARGET_MBPS and rss_c < TARGET_RSS_MB
    print(f"targets: >= {TARGET_MBPS:.0f} MB/s and < {TARGET_RSS_MB:.0f} MB peak RSS: {'MET' if ok else 'MISSED'}")
    if not args.keep:
        pass  # the file is reused by later runs; bench/out is git-ignored and never committed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
