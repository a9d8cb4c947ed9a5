#!/usr/bin/env python3
"""Reproducibly draw the articles of the stancegraph gold dev set (tests/gold, tests/gold/heldout).

Two rounds, each with one random.Random(seed) used for every draw of the round, groups in order:
  round 1, seed 20261130: guardian 5, ukraine 5, bbc-politics 3
  round 2, seed 20261203: guardian 5, ukraine 5, bbc-politics 5, bbc-business 5, reuters 5, bbc-tech 5
           (bbc-tech: a topic no extraction pattern was written for); every third article of the
           round is kept aside in tests/gold/heldout, scored only at the end of a session.
guardian: records of guardian-nato-2022.jsonl; reuters: records of reuters-21578.jsonl; the others:
the sorted *.txt files of their folder. A draw is rejected, and the next one taken, when its key
(record id, or file name: score.py pairs plain files by file name alone) was chosen before in any
round, or when the text has fewer than 150 or more than 900 whitespace-separated words.

Usage: python tools/gold_draw.py [CORPUS_DIR]   (default ../shared/corpus)
Prints `<round>\t<group>\t<reference>\t<article key>\t<words>\t<dev|heldout>`; rejected draws on stderr.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

MIN_WORDS, MAX_WORDS = 150, 900
ROUNDS = [
    (20261130, [("guardian", 5), ("ukraine", 5), ("bbc-politics", 3)], None),
    (20261203, [("guardian", 5), ("ukraine", 5), ("bbc-politics", 5), ("bbc-business", 5), ("reuters", 5),
                ("bbc-tech", 5)], 3),
]


def pools(corpus: Path) -> dict:
    """group -> (items, key, text, reference)."""
    def records(name):
        rows = [json.loads(line) for line in (corpus / name).read_text().splitlines() if line.strip()]
        return rows, lambda r: r["id"], lambda r: r["text"], lambda r: f"{name}#{r['id']}"

    def files(folder):
        return (sorted((corpus / folder).glob("*.txt")), lambda p: p.name, lambda p: p.read_text(errors="replace"),
                lambda p: str(p.relative_to(corpus)))

    return {"guardian": records("guardian-nato-2022.jsonl"), "reuters": records("reuters-21578.jsonl"),
            "ukraine": files("ukraine-2022-2024"), "bbc-politics": files("bbc-2004-2005/politics"),
            "bbc-business": files("bbc-2004-2005/business"), "bbc-tech": files("bbc-2004-2005/tech")}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    groups, keys = pools(corpus), set()
    for number, (seed, plan, heldout_every) in enumerate(ROUNDS, 1):
        rng, drawn = random.Random(seed), 0
        for group, n in plan:
            items, key_of, text_of, ref_of = groups[group]
            got = 0
            while got < n:
                item = rng.choice(items)
                key, words = key_of(item), len(text_of(item).split())
                if key in keys or not MIN_WORDS <= words <= MAX_WORDS:
                    print(f"# rejected\t{number}\t{group}\t{ref_of(item)}\t{words} words", file=sys.stderr)
                    continue
                keys.add(key)
                got += 1
                drawn += 1
                split = "heldout" if heldout_every and drawn % heldout_every == 0 else "dev"
                print(f"{number}\t{group}\t{ref_of(item)}\t{key}\t{words}\t{split}")


if __name__ == "__main__":
    main()
