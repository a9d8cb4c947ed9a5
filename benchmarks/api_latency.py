"""Latency of GET /actors/{id}/positions over HTTP, next to the same Cypher run bare through the driver.

    python benchmarks/api_latency.py                      # starts uvicorn on a free loopback port
    python benchmarks/api_latency.py --base-url http://127.0.0.1:8000 --requests 2000

Neo4j is the one the settings name (STANCEGRAPH_* / NEO4J_URI, as for `stancegraph serve`); it must
be running and hold a graph. The ids asked for are the most-connected actors (most statements).
Both sides use `--concurrency` threads (16 by default) and the same number of requests; the bare
side runs the route's unit of work (the actor lookup and `api_actor_positions` in one managed read
transaction) through one shared driver. Prints p50 / p99 / mean / throughput and the ratios:
the API's overhead is HTTP, JSON, validation and the threadpool. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlparse

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.settings import get_settings  # noqa: E402
from graph_schema.connection import connect  # noqa: E402
from graph_schema.cypher import query  # noqa: E402

MAX_REQUESTS = 20_000
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def summarize(name: str, latencies: list[float], wall: float) -> dict[str, float]:
    ms = [x * 1000 for x in latencies]
    stats = {"p50": percentile(ms, 50), "p99": percentile(ms, 99), "mean": statistics.fmean(ms),
             "rps": len(ms) / wall}
    print(f"{name:<8} n={len(ms):>6}  p50 {stats['p50']:8.2f} ms  p99 {stats['p99']:8.2f} ms  "
          f"mean {stats['mean']:8.2f} ms  {stats['rps']:8.1f} req/s")
    return stats


def run_concurrently(work, ids: list[str], requests: int, concurrency: int) -> tuple[list[float], float]:
    """`work(actor_id)` `requests` times over `concurrency` threads; per-call latencies and wall time."""
    latencies: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        started = time.perf_counter()
        work(ids[i % len(ids)])
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(one, i) for i in range(requests)]:
            future.result()
    return latencies, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.api.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=REPO, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit("the API did not become healthy within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running API on loopback (default: start uvicorn here)")
    parser.add_argument("--requests", type=int, default=2_000, help=f"requests per side (at most {MAX_REQUESTS})")
    parser.add_argument("--concurrency", type=int, default=16, help="client threads")
    parser.add_argument("--actors", type=int, default=10, help="how many of the most-connected actors to ask for")
    parser.add_argument("--warmup", type=int, default=100, help="untimed requests per side first")
    args = parser.parse_args()
    requests = max(1, min(args.requests, MAX_REQUESTS))
    concurrency = max(1, min(args.concurrency, 64))
    if args.base_url and urlparse(args.base_url).hostname not in LOOPBACK:
        raise SystemExit("--base-url must be a loopback address (127.0.0.1, localhost, ::1)")

    settings = get_settings()
    driver = connect(settings, start_local=False)
    database = settings.neo4j_database
    ids = [r["id"] for r in driver.execute_query(query("actors_most_connected"), n=args.actors, database_=database).records]
    if not ids:
        raise SystemExit(f"no actors in {settings.bolt_uri} ({database}): ingest something first")
    print(f"Neo4j {settings.bolt_uri} db={database}; actors: {', '.join(ids)}")
    print(f"{requests} requests per side, {concurrency} threads")

    process = None
    base = args.base_url.rstrip("/") if args.base_url else None
    if base is None:
        process, base = start_server()
    try:
        local = threading.local()

        def http(actor_id: str) -> None:
            client = getattr(local, "client", None)
            if client is None:
                client = local.client = httpx.Client(base_url=base, timeout=30)
            response = client.get(f"/actors/{quote(actor_id, safe='')}/positions")
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code}: {response.text[:200]}")

        ref, positions = query("api_actor_ref"), query("api_actor_positions")
        params = {"since": None, "until": None, "polarity": None, "limit": 50, "offset": 0}

        def work(tx, actor_id):
            tx.run(ref, id=actor_id).single()
            return tx.run(positions, id=actor_id, **params).single().data()

        def bare(actor_id: str) -> None:
            with driver.session(database=database, default_access_mode="READ") as session:
                session.execute_read(work, actor_id)

        for work_fn in (http, bare):
            run_concurrently(work_fn, ids, min(args.warmup, requests), concurrency)
        api = summarize("api", *run_concurrently(http, ids, requests, concurrency))
        driver_stats = summarize("driver", *run_concurrently(bare, ids, requests, concurrency))
        print(f"ratio api/driver: p50 {api['p50'] / driver_stats['p50']:.2f}x  "
              f"p99 {api['p99'] / driver_stats['p99']:.2f}x  "
              f"throughput {driver_stats['rps'] / api['rps']:.2f}x lower")
    finally:
        driver.close()
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
