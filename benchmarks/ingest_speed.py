"""Ingest speed and graph size: `ingest` into a Neo4j, against bare extraction of the same input.

    .venv/bin/python benchmarks/ingest_speed.py PATH... [--workers N] [--clear]

Uses the configured Neo4j (NEO4J_URI, or the managed local server). It writes to that database:
point it at a scratch one. Prints time, peak memory, node/relationship counts, people merged by
resolution, and the ratio of ingest throughput to bare `extract` throughput. Both runs go through
the one pipeline (ingest/pipeline.py), as the CLI does.
"""

from __future__ import annotations

import argparse
import resource
import time

from app.settings import get_settings
from graph_schema.connection import connect
from graph_schema.cypher import query
from graph_schema.schema import apply_schema
from graph_schema.writer import GraphWriter
from ingest.pipeline import Pipeline, RunSummary
from ingest.sources import read_inputs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--clear", action="store_true", help="delete every node first")
    args = ap.parse_args()
    settings = get_settings()
    pipeline = Pipeline(settings.model, n_process=args.workers)
    pipeline.load()

    t0 = time.perf_counter()
    extracted = sum(1 for _ in pipeline.extract(read_inputs(args.paths), RunSummary(), lambda e: None))
    extract_s = time.perf_counter() - t0

    with connect(settings) as driver:
        writer = GraphWriter(driver, settings.neo4j_database)
        if args.clear:
            writer.clear()
        apply_schema(driver, settings.neo4j_database)
        summary = pipeline.ingest(read_inputs(args.paths), writer, force=True, on_error=lambda e: None)
        counts = writer.counts()
        labels = {r["label"]: r["n"] for r in driver.execute_query(
            query("label_counts"), database_=settings.neo4j_database).records}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"input: {' '.join(args.paths)}")
    print(f"extract only : {extracted} articles in {extract_s:.1f} s ({extracted / extract_s:.2f} articles/s)")
    print(f"ingest       : {summary.describe()}")
    print(f"ingest time  : {summary.seconds:.1f} s; ratio ingest/extract throughput: "
          f"{(summary.articles / summary.seconds) / (extracted / extract_s):.2f}")
    print(f"peak memory of this process: {peak_mb:.0f} MB")
    print(f"graph: {counts['nodes']} nodes, {counts['relationships']} relationships; {labels}")
    print(f"person nodes that would have been duplicates without resolution: {pipeline.resolver.stats.people_merged}")


if __name__ == "__main__":
    main()
