#!/usr/bin/env python3
"""Sanity checks for the hand-annotated gold files of tests/gold and tests/gold/heldout.

Usage: python tools/gold_check.py [CORPUS_DIR] [--only NAME ...]   (default ../shared/corpus)
Checks every *.gold.json there, or with --only just the named files (stems, without .gold.json).
Checks: valid JSON; the `reference` resolves to an article text; every evidence is a verbatim
substring of the text (a '...' in evidence is an elision: each part must occur); every stance
actor / role person / role `of` names a gold actor; no not_actor folds to an actor name; every
required actor has a name occurring in the text; keywords are single folded words; kinds come
from the shared vocabulary; polarity is -1, 0 or 1. Exits non-zero on any problem.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

KINDS = {"SUPPORT", "OPPOSE", "REJECT", "DEMAND", "REQUEST", "PLEDGE", "PROPOSE", "ACCEPT", "PRAISE",
         "CRITICIZE", "WARN", "THREATEN", "UNDECIDED"}


def norm(text):  # same folding as score.py
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return re.sub(r"^the ", "", text)


def article_text(corpus, ref):
    if "#" in ref:
        path, rid = ref.split("#", 1)
        for line in (corpus / path).read_text().splitlines():
            if line.strip() and json.loads(line)["id"] == rid:
                return json.loads(line)["text"]
        raise KeyError(ref)
    return (corpus / ref).read_bytes().decode("utf-8", "replace")


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only, args = set(args[i + 1:]), args[:i]
    repo = Path(__file__).resolve().parents[1]
    corpus = Path(args[0]) if args else repo.parent / "shared" / "corpus"
    problems, keys, warnings = [], {}, []
    gold = repo / "tests" / "gold"
    files = sorted(list(gold.glob("*.gold.json")) + list((gold / "heldout").glob("*.gold.json")))
    if only is not None:
        files = [f for f in files if f.name[:-len(".gold.json")] in only]
    for f in files:
        def bad(msg):
            problems.append(f"{f.name}: {msg}")
        g = json.loads(f.read_text())
        if g["article"] in keys:
            bad(f"article key {g['article']} also used by {keys[g['article']]}")
        keys[g["article"]] = f.name
        try:
            text = article_text(corpus, g["reference"])
        except (KeyError, OSError) as e:
            bad(f"reference {g['reference']} does not resolve ({e})")
            continue
        expected_key = g["reference"].split("#", 1)[1] if "#" in g["reference"] else Path(g["reference"]).name
        if g["article"] != expected_key:
            bad(f"article {g['article']} != key of reference {expected_key}")
        names = {}
        for i, a in enumerate(g["actors"]):
            assert a["kind"] in {"person", "state", "organization", "group"}, a
            for n in a["names"]:
                if norm(n) in names and names[norm(n)] != i:
                    bad(f"name {n!r} in two actors")
                names[norm(n)] = i
            if not a.get("optional") and not any(n.lower() in text.lower() for n in a["names"]):
                bad(f"required actor {a['names'][0]!r}: no name occurs in the text")
        for n in g.get("not_actors", []):
            if norm(n) in names:
                bad(f"not_actor {n!r} is also an actor name")
        for r in g.get("roles", []):
            for who in [r["person"]] + ([r["of"]] if r.get("of") else []):
                if norm(who) not in names:
                    bad(f"role names unknown actor {who!r}")
            if not r["title"]:
                bad(f"role {r['person']}: empty title")
            for k in r["title"]:
                if len(norm(k).split()) != 1:
                    bad(f"role title keyword {k!r} is not one word")
        for s in g["stances"]:
            tag = f"stance {s['actor'][0]} {s['polarity']} {s['position']}"
            if not s.get("optional") and not any(norm(a) in names for a in s["actor"]):
                bad(f"{tag}: no actor alternative is a gold actor")
            for a in s["actor"]:
                if norm(a) not in names and not s.get("optional"):
                    bad(f"{tag}: actor alternative {a!r} is not a gold actor")
            if s["polarity"] not in (-1, 0, 1):
                bad(f"{tag}: polarity")
            for k in s.get("kind", []):
                if k not in KINDS:
                    bad(f"{tag}: kind {k}")
            if not s.get("kind"):
                bad(f"{tag}: empty kind list")
            if not s.get("evidence"):
                bad(f"{tag}: no evidence")
            if not s["position"]:
                bad(f"{tag}: no keyword group")
            ev_toks = norm(s.get("evidence", "")).split()
            for grp in s["position"]:
                if grp and not any(t.startswith(norm(k)) for k in grp for t in ev_toks):
                    warnings.append(f"{f.name}: {tag}: no keyword of group {grp} starts a word of the evidence")
                if any(not norm(k) for k in grp):
                    bad(f"{tag}: keyword folds to nothing")
                if not grp:
                    bad(f"{tag}: empty keyword group")
                for k in grp:
                    if len(norm(k).split()) != 1:
                        bad(f"{tag}: keyword {k!r} is not one word")
            for part in s["evidence"].split(" ... ") if s["evidence"] not in text else [s["evidence"]]:
                if part not in text:
                    bad(f"{tag}: evidence not in text: {part[:80]!r}")
        req = sum(1 for s in g["stances"] if not s.get("optional"))
        opt = len(g["stances"]) - req
        print(f"{f.parent.name + '/' + f.name:56} stances req={req:2d} opt={opt:2d}  roles req={sum(1 for r in g['roles'] if not r.get('optional')):2d}"
              f" opt={sum(1 for r in g['roles'] if r.get('optional')):d}  actors req={sum(1 for a in g['actors'] if not a.get('optional')):2d}"
              f" opt={sum(1 for a in g['actors'] if a.get('optional')):d}  not_actors={len(g.get('not_actors', []))}")
    for w in warnings:
        print("warning:", w)
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
