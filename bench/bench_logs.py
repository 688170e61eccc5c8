"""Benchmark: the log collector over a 1 GB JSONL log, beside a plain ``json.loads``-per-line loop.

Generates a realistic, hash-chained inference log (default 1 GiB, in bench/out/, never committed),
then, in the same run, measures each contender in a fresh child process (so one measurement cannot
inherit another's memory), several times, interleaved:

* ``collector``: ``aiconform.evidence_collectors.logs.scan_log`` as ``aiconform collect`` calls it -
  parse, per-field completeness, time gaps, hash-chain links, Art 12 fields, malformed lines and the
  file's sha256; a file this large is scanned in byte ranges by this process and worker processes
  (one per usable CPU, at most ``MAX_PROCESSES``);
* ``collector, 1 process``: the same scan forced into one process (the single-pass path);
* ``json.loads loop``: ``for line in open(f, 'rb'): json.loads(line)`` and nothing else.

Figures: median wall-clock throughput and seconds; median CPU seconds (user + system, the process
and its workers), since on a shared machine wall time depends on what else runs; and peak memory of
the whole process tree, two ways: the sum of the peak RSS of the process and of each worker (an
upper bound: the peaks need not coincide) and the largest sum of the tree's RSS sampled every 20 ms.
The larger of the two is held to the target.

Targets (issue 4): collector >= 100 MB/s, peak memory < 200 MB. Exit 1 if a target is missed.

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
import threading
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
workers = 0
if which.startswith("collector"):
    from aiconform.evidence_collectors.logs import LogsOptions, scan_log, scan_processes
    processes = 1 if which == "collector, 1 process" else None
    workers = scan_processes(path.stat().st_size, processes=processes) - 1
    s = scan_log(path, LogsOptions(path=str(path), profile="rbi", expected_fields=["request_id", "output.score"]),
                 processes=processes)
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
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
# this process's own peak: VmHWM, since ru_maxrss also counts the parent's memory at exec time;
# a worker's peak is only known as RUSAGE_CHILDREN's ru_maxrss (the largest single child's peak,
# which may include this process's RSS when it started the worker), so count it once per worker
with open("/proc/self/status") as fh:
    hwm_kb = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:"))
rss_kb = hwm_kb + workers * kids.ru_maxrss
print(json.dumps({"seconds": dt, "cpu": cpu, "rss_mb": rss_kb / 1024, "workers": workers, **extra}))
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now (0 for processes already gone)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def run_child(which: str, path: Path) -> dict[str, float]:
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, which, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=HERE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{which} failed:\n{err}")
    res: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    res["sampled_mb"] = peak / 1024
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=1024, help="log size in MiB (default 1024 = 1 GiB)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    args = ap.parse_args()
    if args.size_mb <= 0 or args.runs <= 0:
        print("error: --size-mb and --runs must be positive", file=sys.stderr)
        return 2
    path = args.out / f"inference-{args.size_mb}MiB.jsonl"
    size = args.size_mb * 1024 * 1024
    if not path.exists() or path.stat().st_size < size:
        t0 = time.perf_counter()
        n = generate(path, size)
        print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB, {n} records) in "
              f"{time.perf_counter() - t0:.0f}s", file=sys.stderr)
    mb = path.stat().st_size / 1e6
    contenders = ("collector", "collector, 1 process", "json.loads loop")
    results: dict[str, list[dict[str, float]]] = {c: [] for c in contenders}
    run_child("json.loads loop", path)  # warm the page cache once so every contender reads from memory
    for _ in range(args.runs):
        for which in contenders:
            results[which].append(run_child(which, path))
    print(f"\nlog: {path.name}  {mb:.0f} MB  runs: {args.runs}  CPUs usable: {len(os.sched_getaffinity(0))}  "
          f"load average: {os.getloadavg()[0]:.1f}")
    print(f"{'contender':<22} {'workers':>7} {'MB/s':>7} {'seconds':>8} {'CPU s':>7} {'RSS sum MB':>11} "
          f"{'sampled MB':>11}")
    med: dict[str, float] = {}
    for which, rs in results.items():
        secs = statistics.median(r["seconds"] for r in rs)
        cpu = statistics.median(r["cpu"] for r in rs)
        med[which] = mb / secs
        print(f"{which:<22} {int(rs[0]['workers']):>7} {mb / secs:>7.1f} {secs:>8.2f} {cpu:>7.2f} "
              f"{max(r['rss_mb'] for r in rs):>11.1f} {max(r['sampled_mb'] for r in rs):>11.1f}")
    print("(workers: processes besides the one calling scan_log; RSS sum: its peak + each worker's peak, "
          "an upper bound; sampled: largest tree total seen every 20 ms)")
    for which in contenders:
        print(f"  {which} MB/s per run: " + ", ".join(f"{mb / r['seconds']:.1f}" for r in results[which]))
    c = results["collector"][0]
    print(f"\ncollector / json.loads ratio: {med['collector'] / med['json.loads loop']:.2f}x; "
          f"split / 1 process: {med['collector'] / med['collector, 1 process']:.2f}x")
    print(f"collector found: records={c['records']} malformed={c['malformed']} gaps={c['gaps']} "
          f"broken_links={c['broken_links']} sha256={c['sha256']}…")
    same = {json.dumps({k: r[k] for k in ("records", "malformed", "gaps", "broken_links", "sha256")})
            for which in contenders[:2] for r in results[which]}
    if len(same) != 1:
        print("error: the split and the one-process collector disagree", file=sys.stderr)
        return 1
    peak = max(max(r["rss_mb"], r["sampled_mb"]) for r in results["collector"])
    ok = med["collector"] >= TARGET_MBPS and peak < TARGET_RSS_MB
    print(f"targets: >= {TARGET_MBPS:.0f} MB/s and < {TARGET_RSS_MB:.0f} MB peak: "
          f"{med['collector']:.1f} MB/s, {peak:.1f} MB: {'MET' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
