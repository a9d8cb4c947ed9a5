"""Memory of the API under large POST /cypher answers: the biggest answer it sends, and its peak RSS.

    python benchmarks/api_cypher_memory.py                 # 200 rows of 1 MB, alone then 4 in parallel

Neo4j is the one the settings name (STANCEGRAPH_* / NEO4J_URI, as for `stancegraph serve`); it must
be running (the graph may be empty: the query builds its own strings). Each round starts a fresh
uvicorn on a free loopback port, so its peak RSS (`VmHWM` in /proc/<pid>/status, Linux) belongs to
that round alone; printed with each answer's status and size, and the ratio of the peak to the
limit `--max-rss-mb` (what a 2-core, shared machine can spare for one API process).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_latency import start_server  # noqa: E402

QUERY = ("WITH reduce(s = 'x', i IN range(1, $doublings) | s + s) AS big "
         "UNWIND range(1, $rows) AS i RETURN i, big")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc: Linux only")


def ask(base: str, rows: int, doublings: int) -> tuple[int, int, float]:
    started = time.perf_counter()
    with httpx.Client(base_url=base, timeout=300) as client:
        response = client.post("/cypher", json={"query": QUERY, "limit": 10_000,
                                                "parameters": {"rows": rows, "doublings": doublings}})
    return response.status_code, len(response.content), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--doublings", type=int, default=20, help="each row's string is 2**N bytes (20: 1 MB)")
    parser.add_argument("--max-rss-mb", type=float, default=400.0)
    args = parser.parse_args()
    rows, doublings = min(args.rows, 10_000), min(args.doublings, 24)
    print(f"{rows} rows of {2 ** doublings / 1e6:.1f} MB ({rows * 2 ** doublings / 1e6:.0f} MB asked for)")
    for parallel in (1, 4):
        process, base = start_server()
        try:
            with ThreadPoolExecutor(parallel) as pool:
                answers = list(pool.map(lambda _: ask(base, rows, doublings), range(parallel)))
            peak = peak_rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
        sizes = ", ".join(f"{status} {size / 1e6:.1f} MB in {seconds:.1f} s" for status, size, seconds in answers)
        print(f"{parallel} in parallel: {sizes}; API peak RSS {peak:.0f} MB "
              f"({peak / args.max_rss_mb:.2f}x the {args.max_rss_mb:.0f} MB limit)")


if __name__ == "__main__":
    main()
