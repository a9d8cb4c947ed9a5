#!/usr/bin/env python3
"""Assemble the non-US attribution gold set as a PolNeAR-shaped folder.

Usage:  python build.py OUT [--corpus DIR]

Writes, for every article of ARTICLES below,
    OUT/<split>/text/<name>.txt              the article text, from the corpus
    OUT/<split>/attributions/<name>_0000.ann  the gold annotation, copied from ann/<split>/
so that ../shared/eval/score_attributions.py --polnear OUT --split <split> reads it.

Texts: a JSON Lines reference `X.jsonl#ID` gives the `text` field of the record whose `id` is ID;
a plain file gives its bytes decoded as UTF-8 (invalid bytes replaced by U+FFFD) and written back
as UTF-8, otherwise unchanged (no newline translation, no stripping). The texts are not kept in
this folder (copyright); the .ann files are, and their offsets are into exactly these texts.
Before copying, every .ann is checked against its text (check.py); a mismatch stops the build.
"""
import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "tests" / "gold" / "attributions"  # the annotations: spec/ (source) and ann/
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ANNOTATOR = "0000"

# (split, corpus reference, article name in the PolNeAR-shaped folder)
ARTICLES = [
    ("dev", "guardian-nato-2022.jsonl#guardian-225", "guardian-225"),
    ("dev", "guardian-nato-2022.jsonl#guardian-021", "guardian-021"),
    ("dev", "ukraine-2022-2024/20220215T233000Z_PL_en_9b4b8f9520.txt", "20220215T233000Z_PL_en_9b4b8f9520"),
    ("dev", "ukraine-2022-2024/20220212T201500Z_PL_en_6001743bb8.txt", "20220212T201500Z_PL_en_6001743bb8"),
    ("dev", "bbc-2004-2005/politics/218.txt", "bbc-politics-218"),
    ("dev", "bbc-2004-2005/business/217.txt", "bbc-business-217"),
    ("test", "guardian-nato-2022.jsonl#guardian-069", "guardian-069"),
    ("test", "bbc-2004-2005/politics/078.txt", "bbc-politics-078"),
]


def read_article(corpus, ref, _cache={}):
    """The article text of one corpus reference (see the module docstring)."""
    path, _, rec_id = ref.partition("#")
    full = corpus / path
    if rec_id:
        if full not in _cache:
            records = {}
            for n, line in enumerate(full.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    rec = json.loads(line)
                    records.setdefault(rec["id"], rec)
            _cache[full] = records
        try:
            return _cache[full][rec_id]["text"]
        except KeyError:
            sys.exit(f"build.py: no record with id {rec_id!r} in {full}")
    return full.read_bytes().decode("utf-8", errors="replace")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output folder (created; existing files of the set are overwritten)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus root (default: %(default)s)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from check import check_ann                      # same folder

    corpus, out = Path(args.corpus), Path(args.out)
    names = [name for _, _, name in ARTICLES]
    if len(set(names)) != len(names):
        sys.exit("build.py: duplicate article names in ARTICLES")
    problems = 0
    for split, ref, name in ARTICLES:
        text = read_article(corpus, ref)
        ann = DATA / "ann" / split / f"{name}_{ANNOTATOR}.ann"
        if not ann.exists():
            sys.exit(f"build.py: missing annotation {ann}")
        errors = check_ann(ann, text)
        if errors:
            problems += len(errors)
            for e in errors:
                print(f"{ann.name}: {e}", file=sys.stderr)
            continue
        (out / split / "text").mkdir(parents=True, exist_ok=True)
        (out / split / "attributions").mkdir(parents=True, exist_ok=True)
        # newline="" : write the text's own line ends, untranslated
        with open(out / split / "text" / f"{name}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        (out / split / "attributions" / ann.name).write_bytes(ann.read_bytes())
    if problems:
        sys.exit(f"build.py: {problems} annotation problem(s); nothing written for those articles")
    print(f"build.py: {len(ARTICLES)} articles written under {out}")


if __name__ == "__main__":
    main()
