#!/usr/bin/env python3
"""Reproducibly draw the 13 articles of the stancegraph gold dev set.

Procedure (seed 20261130, one random.Random instance used for every draw, in this order):
  1. 5 records from guardian-nato-2022.jsonl: rng.choice over the records (in file order)
  2. 5 files from ukraine-2022-2024/*.txt: rng.choice over the sorted file names
  3. 3 files from bbc-2004-2005/politics/*.txt: rng.choice over the sorted file names
A drawn article is rejected (and we draw again) when it
  - was already chosen,
  - has fewer than 150 words or more than 900 words (whitespace-separated tokens of the text),
  - (ukraine, bbc) has a file name equal to the file name of an article already chosen
    (score.py pairs plain files by file name only).
Usage: python tests/gold/draw.py [CORPUS_DIR]   (default /work/shared/corpus)
Prints one reference per line: `<group>\t<reference>\t<article key>\t<words>`.
"""
import json
import random
import sys
from pathlib import Path

SEED = 20261130
MIN_WORDS, MAX_WORDS = 150, 900


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus")
    rng = random.Random(SEED)
    chosen, keys, rejected = [], set(), []

    def draw(group, pool, n, key_of, text_of, ref_of):
        got = 0
        while got < n:
            item = rng.choice(pool)
            key, words = key_of(item), len(text_of(item).split())
            if key in keys:
                rejected.append((group, ref_of(item), "duplicate key/file name"))
                continue
            if not MIN_WORDS <= words <= MAX_WORDS:
                rejected.append((group, ref_of(item), f"{words} words"))
                continue
            keys.add(key)
            chosen.append((group, ref_of(item), key, words))
            got += 1

    records = [json.loads(l) for l in (corpus / "guardian-nato-2022.jsonl").read_text().splitlines() if l.strip()]
    draw("guardian", records, 5, lambda r: r["id"], lambda r: r["text"],
         lambda r: f"guardian-nato-2022.jsonl#{r['id']}")
    ukr = sorted((corpus / "ukraine-2022-2024").glob("*.txt"))
    draw("ukraine", ukr, 5, lambda p: p.name, lambda p: p.read_text(errors="replace"),
         lambda p: str(p.relative_to(corpus)))
    bbc = sorted((corpus / "bbc-2004-2005" / "politics").glob("*.txt"))
    draw("bbc", bbc, 3, lambda p: p.name, lambda p: p.read_text(errors="replace"),
         lambda p: str(p.relative_to(corpus)))

    for c in chosen:
        print("\t".join(map(str, c)))
    for r in rejected:
        print("# rejected:", *r, sep="\t", file=sys.stderr)


if __name__ == "__main__":
    main()
