"""Ingest speed and graph size: `ingest` into a Neo4j, against bare extraction of the same input.

    .venv/bin/python benchmarks/ingest_speed.py PATH... [--workers N]

Uses the configured Neo4j (NEO4J_URI, or the managed local server). It writes to that database:
point it at a scratch one. Prints time, peak memory, node/relationship counts, people merged by
resolution, and the ratio of ingest throughput to bare `extract` throughput.
"""

from __future__ import annotations

import argparse
import resource
import time

from app.db import connect
from app.settings import get_settings
from graph_schema.apply import apply_schema
from ingest.run import IngestProgress, RunSummary, extract_paths, ingest_paths
from ingest.writer import GraphWriter


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--clear", action="store_true", help="delete every node first")
    args = ap.parse_args()
    settings = get_settings()

    t0 = time.perf_counter()
    extracted = sum(1 for _ in extract_paths(args.paths, settings.model, RunSummary(), lambda e: None,
                                             n_process=args.workers))
    extract_s = time.perf_counter() - t0

    with connect(settings) as driver:
        if args.clear:
            with driver.session(database=settings.neo4j_database) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        apply_schema(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database)
        with IngestProgress(quiet=True) as progress:
            summary = ingest_paths(args.paths, writer, settings.model, workers=args.workers, force=True,
                                   on_error=lambda e: None, progress=progress)
        counts = writer.counts()
        labels = {r["label"]: r["n"] for r in driver.execute_query(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n", database_=settings.neo4j_database).records}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"input: {' '.join(args.paths)}")
    print(f"extract only : {extracted} articles in {extract_s:.1f} s ({extracted / extract_s:.2f} articles/s)")
    print(f"ingest       : {summary.describe()}")
    print(f"ingest time  : {summary.seconds:.1f} s; ratio ingest/extract throughput: "
          f"{(summary.articles / summary.seconds) / (extracted / extract_s):.2f}")
    print(f"peak memory of this process: {peak_mb:.0f} MB")
    print(f"graph: {counts['nodes']} nodes, {counts['relationships']} relationships; {labels}")
    print(f"person nodes that would have been duplicates without resolution: {writer.resolver.stats.people_merged}")


if __name__ == "__main__":
    main()
