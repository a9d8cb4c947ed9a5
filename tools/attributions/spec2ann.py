#!/usr/bin/env python3
"""Turn the human-written attribution specs (spec/<split>/<name>.spec) into brat .ann files
(ann/<split>/<name>_0000.ann) with character offsets into the built article texts.

Usage:  python spec2ann.py [--corpus DIR] [--show] [NAME ...]     (default: every article)

A spec has one attribution per line, its pieces in text order, separated by " | ":
    [@label] ROLE text | ROLE text | ...
ROLE is S (source), C (cue) or X (content); several X (or C) pieces make one discontinuous span.
"S^" reuses the source T of the previous line, "S=@label" that of the line labelled @label
(PolNeAR shares one Source T between e.g. "X said ..., adding that ...").
A line without S is an Attribution-no-source. In a piece's text, " ... " stands for any text of the
same line of the article; quote marks match straight or curly ones, a space matches any run of
spaces. Lines starting with # and blank lines are ignored.
Each line is found at the first place at or after the previous line's first piece where its pieces
occur in order, each within MAX_GAP characters of the previous one, overlapping no span already
taken; an attribution that cannot be placed is an error. --show prints every attribution's spans.
"""
import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "tests" / "gold" / "attributions"  # the annotations: spec/ (source) and ann/
sys.path.insert(0, str(HERE))
import build                                    # noqa: E402
from check import check_ann                     # noqa: E402

MAX_GAP = 400
ROLE_NAMES = {"S": "Source", "C": "Cue", "X": "Content"}


def piece_regex(s):
    out = []
    for part in re.split(r"( \.\.\. | )", s):
        if part == " ... ":
            out.append(r"[^\n]*?")
        elif part == " ":
            out.append(r"[ \u00a0]+")
        else:
            for ch in part:
                if ch in "“”\"":
                    out.append("[“”\"]")
                elif ch in "‘’'":
                    out.append("[‘’']")
                else:
                    out.append(re.escape(ch))
    return re.compile("".join(out))


def parse_spec(path):
    lines = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        label = None
        if line.startswith("@"):
            label, _, line = line.partition(" ")
        pieces, src_ref = [], None
        for p in line.split(" | "):
            p = p.strip()
            if p == "S^" or p.startswith("S=@"):
                src_ref = p[2:] if p.startswith("S=") else "^"
                continue
            role, _, txt = p.partition(" ")
            if role not in ROLE_NAMES or not txt:
                sys.exit(f"{path}:{n}: bad piece {p!r}")
            pieces.append((role, txt, piece_regex(txt)))
        if not any(r == "C" for r, _, _ in pieces) or not any(r == "X" for r, _, _ in pieces):
            sys.exit(f"{path}:{n}: a line needs a C and an X piece")
        if src_ref and any(r == "S" for r, _, _ in pieces):
            sys.exit(f"{path}:{n}: both a source piece and a source reference")
        lines.append({"n": n, "label": label, "pieces": pieces, "src_ref": src_ref})
    return lines


def place(text, pieces, cursor, taken):
    """First placement of the pieces in order from cursor: [(start, end)] or None."""
    def free(s, e):
        return not any(s < b and a < e for a, b in taken)

    def rec(k, pos, limit):
        rx = pieces[k][2]
        p = pos
        while True:
            m = rx.search(text, p)
            if not m or (limit is not None and m.start() > limit):
                return None
            if m.end() > m.start() and free(m.start(), m.end()):
                if k + 1 == len(pieces):
                    return [(m.start(), m.end())]
                rest = rec(k + 1, m.end(), m.end() + MAX_GAP)
                if rest:
                    return [(m.start(), m.end())] + rest
            p = m.start() + 1
    return rec(0, cursor, None)


def convert(split, name, text, show=False):
    spec = DATA / "spec" / split / f"{name}.spec"
    entries, taken, cursor = [], [], 0
    for line in parse_spec(spec):
        spans = place(text, line["pieces"], cursor, taken)
        if spans is None:
            sys.exit(f"{spec}:{line['n']}: cannot place {[t for _, t, _ in line['pieces']]}")
        cursor = spans[0][0]
        taken += spans
        roles = {}
        for (role, _, _), sp in zip(line["pieces"], spans):
            roles.setdefault(role, []).append(sp)
        entries.append({**line, "roles": roles})
    # brat lines, in spec order (which is text order)
    out, t_no, by_label, prev_src = [], 0, {}, None

    def new_t(typ, spans):
        nonlocal t_no
        t_no += 1
        tid = f"T{t_no}"
        out.append(f"{tid}\t{typ} {';'.join(f'{s} {e}' for s, e in spans)}\t"
                   + " ".join(text[s:e] for s, e in spans))
        return tid
    for e_no, ent in enumerate(entries, 1):
        r = ent["roles"]
        if "S" in r:
            src = new_t("Source", r["S"])
        elif ent["src_ref"] == "^":
            src = prev_src
        elif ent["src_ref"]:
            src = by_label[ent["src_ref"][1:]]
        else:
            src = None
        if ent["src_ref"] and not src:
            sys.exit(f"{spec}:{ent['n']}: source reference to nothing")
        cue = new_t("Cue", r["C"])
        content = new_t("Content", r["X"])
        kind = "Attribution" if src else "Attribution-no-source"
        trig = new_t(kind, r["C"])
        out.append(f"E{e_no}\t{kind}:{trig}" + (f" Source:{src}" if src else "") + f" Cue:{cue} Content:{content}")
        if ent["label"]:
            by_label[ent["label"][1:]] = src
        prev_src = src
        if show:
            sh = lambda k: " … ".join(text[s:e] for s, e in r.get(k, [])) or "-"
            srct = sh("S") if "S" in r else (f"(shared {src})" if src else "-")
            print(f"  E{e_no:<3} S[{srct}] C[{sh('C')}] X[{sh('X')[:110]}]")
    ann = DATA / "ann" / split / f"{name}_{build.ANNOTATOR}.ann"
    ann.parent.mkdir(parents=True, exist_ok=True)
    ann.write_text("\n".join(out) + "\n", encoding="utf-8")
    errors = check_ann(ann, text)
    for e in errors:
        print(f"{ann.name}: {e}", file=sys.stderr)
    n_src = sum(1 for l in out if l.startswith("E") and " Source:" in l)
    print(f"{split}/{ann.name}: {len(entries)} attributions ({n_src} with source, "
          f"{len(entries) - n_src} without){' PROBLEMS' if errors else ''}")
    return not errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*")
    ap.add_argument("--corpus", default=str(build.DEFAULT_CORPUS))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    ok = True
    for split, ref, name in build.ARTICLES:
        if args.names and name not in args.names:
            continue
        ok &= convert(split, name, build.read_article(Path(args.corpus), ref), args.show)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
