#!/usr/bin/env python3
"""Score the attribution layer on PolNeAR (train or dev; never test).

    PYTHONPATH=. .venv/bin/python tools/score_polnear.py --split dev [--verbose] [--rebuild]

Reads `<polnear>/<split>/text/*.txt` as the CLI does (`ingest.sources.read_inputs`), runs the
stancegraph pipeline, writes an extract-format JSONL with `attributions` (--out, default
/tmp/polnear-<split>.jsonl) and runs ../shared/eval/score_attributions.py on it; then prints a
breakdown by cue class (of the gold cue's lemma). The model and the components before ours are run
once per split and their Docs cached with DocBin under /tmp/polnear-cache/ (--rebuild to redo), so
an iteration on the attribution rules only re-runs the attribution component.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from ingest.extract import extract_doc
from ingest.nlp import load_pipeline
from ingest.records import Article
from ingest.sources import read_inputs

REPO = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared") if Path("/work/shared").exists() else REPO.parent / "shared"
POLNEAR = SHARED / "peer" / "polnear"
SCORER = SHARED / "eval" / "score_attributions.py"
CACHE = Path("/tmp/polnear-cache")
OURS = "stancegraph_attributions"


def articles(split: str) -> list[Article]:
    folder = POLNEAR / split / "text"
    return [a for a in read_inputs([str(folder)]) if isinstance(a, Article)]


def cached_docs(nlp, split: str, arts: list[Article], rebuild: bool = False):
    """The Docs of `arts` after every component before ours, parsed once and kept in a DocBin."""
    path = CACHE / f"{split}.spacy"
    if path.exists() and not rebuild:
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(arts) and all(d.text == a.text for d, a in zip(docs, arts)):
            return docs
    CACHE.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    disabled = [OURS] if OURS in nlp.pipe_names else []
    with nlp.select_pipes(disable=disabled):
        docs = list(nlp.pipe((a.text for a in arts), batch_size=32))
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    print(f"parsed {len(docs)} {split} articles in {time.perf_counter() - t0:.0f} s -> {path}", file=sys.stderr)
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_attributions", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CLASS_NAMES = {"reporting": "reporting verbs", "stance": "stance verbs", "thought": "thought/intention",
               "evidence": "evidence (poll shows)"}


def cue_class(doc, spans, cues: dict) -> str:
    """The class of a gold cue, from the lemmas of its words in context: the attribution lexicon's
    class of its last cue verb, else according-to, colon, a nominal cue, a sourceless 'seems'/'is
    expected', or 'other' (outside the lexicon)."""
    toks = [t for s, e in spans if (span := doc.char_span(s, e, alignment_mode="expand")) is not None for t in span]
    words = [t.lower_ for t in toks]
    if "according" in words or words[:1] == ["per"]:
        return "according-to"
    if words and all(t.is_punct for t in toks) and ":" in words:
        return "colon"
    lemmas = [cues["form_lemmas"].get(t.lower_) or t.lemma_.lower() for t in toks]
    for t, lemma in reversed(list(zip(toks, lemmas))):
        if t.pos_ in ("VERB", "AUX") and lemma in cues["lemma_class"]:
            return CLASS_NAMES[cues["lemma_class"][lemma]]
    for t, lemma in reversed(list(zip(toks, lemmas))):
        if lemma in cues["sourceless"] or lemma in cues["passive_sourceless"] and t.tag_ == "VBN":
            return "sourceless (seems, is expected)"
        if t.pos_ == "NOUN" and lemma in cues["nominal_cues"]:
            return "nominal (her claim that)"
        if lemma in cues["lemma_class"]:
            return CLASS_NAMES[cues["lemma_class"][lemma]]
    return "other (outside the lexicon)" if toks else "(no cue)"


def breakdown(split: str, pred_path: Path, docs, arts, cues: dict) -> None:
    """Recall of gold attributions by the class of their cue: paired, paired with an overlapping
    source, and the content tokens found (and the precision of the paired predictions' content)."""
    sc = load_scorer()
    split_dir = POLNEAR / split
    copies = sc.annotation_copies(split_dir)
    records = sc.load_predictions(pred_path, collections.defaultdict(list))
    stats = collections.defaultdict(collections.Counter)
    for doc, art in zip(docs, arts):
        name = Path(art.source).name[:-4]
        if name not in copies:
            continue
        text = art.text
        gold, _ = sc.parse_ann(split_dir / "attributions" / copies[name][0])
        pred = sc.clean_attributions(records[name], len(text), name, []) if name in records else []
        pairs = {id(g): p for p, g in _pairs(sc, sc.Tokens(text), gold, pred)}
        for g in gold:
            st = stats[cue_class(doc, g["cue"], cues)]
            st["gold"] += 1
            st["gold_content"] += len(g["ctok"])
            p = pairs.get(id(g))
            if p is None:
                continue
            st["paired"] += 1
            st["src_ovl"] += bool(p["srctok"] and g["srctok"] and p["srctok"] & g["srctok"])
            st["content_shared"] += len(p["ctok"] & g["ctok"])
            st["pred_content"] += len(p["ctok"])
    total = sum(s["gold"] for s in stats.values())
    print(f"\nBy gold cue class ({split}): recall of attributions, of sources (overlap), of content tokens")
    print(f"{'class':32} {'gold':>5} {'share':>6} {'paired':>7} {'src-ovl R':>9} {'content R':>9} {'content P':>9}")
    for cls, st in sorted(stats.items(), key=lambda kv: -kv[1]["gold"]):
        g = st["gold"]
        print(f"{cls:32} {g:5d} {g / total:6.1%} {st['paired'] / g:7.1%} {st['src_ovl'] / g:9.1%} "
              f"{st['content_shared'] / max(st['gold_content'], 1):9.1%} "
              f"{st['content_shared'] / max(st['pred_content'], 1):9.1%}")


def _pairs(sc, tokens, gold, pred):
    """The scorer's one-to-one pairs (same rules as score_article)."""
    for a in gold + pred:
        a["ctok"] = tokens.of(a["content"], words_only=True)
        a["cuetok"] = tokens.of(a["cue"])
        a["srctok"] = tokens.source(a["source"]) if a["source"] else None
        a["key"] = tuple(sorted(a["content"] + a["cue"] + a["source"]))
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            both = p["ctok"] and g["ctok"]
            ov = len(p["ctok"] & g["ctok"]) if both else len(p["cuetok"] & g["cuetok"])
            if ov:
                cands.append((-ov, g["key"], p["key"], j, i))
    used_p, used_g = set(), set()
    for *_, j, i in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            yield pred[i], gold[j]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "dev"], required=True)
    ap.add_argument("--out", default=None)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--rebuild", action="store_true", help="re-parse the split (after a change before our component)")
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--no-breakdown", action="store_true")
    args = ap.parse_args()

    nlp = load_pipeline()
    arts = articles(args.split)
    docs = cached_docs(nlp, args.split, arts, args.rebuild)
    if args.parse_only:
        return
    ours = nlp.get_pipe(OURS)
    out = Path(args.out or f"/tmp/polnear-{args.split}.jsonl")
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for doc, art in zip(docs, arts):
            doc = ours(doc)
            f.write(json.dumps(extract_doc(doc, art).to_json(), ensure_ascii=False) + "\n")
    print(f"attributions of {len(docs)} articles in {time.perf_counter() - t0:.1f} s -> {out}", file=sys.stderr)
    cmd = [sys.executable, str(SCORER), "--split", args.split, "--pred", str(out)] + (["--verbose"] if args.verbose else [])
    subprocess.run(cmd, check=True)
    if not args.no_breakdown:
        breakdown(args.split, out, docs, arts, ours.cues)


if __name__ == "__main__":
    main()
