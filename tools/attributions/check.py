#!/usr/bin/env python3
"""Check the gold .ann files of this set against their article texts.

Usage:  python check.py [--corpus DIR]        every article of build.ARTICLES
        python check.py ANN TXT               one .ann file against one text file

For each text-bound annotation `T<n>\\t<Type> START END[;START END...]\\t<text>`:
  * the type is Source, Cue, Content, Attribution or Attribution-no-source;
  * 0 <= start < end <= len(text), pieces in order and disjoint, none containing a line break;
  * the text field equals the pieces' texts joined by one space (brat's convention);
  * no piece starts or ends with white space.
For each event `E<n>\\tAttribution[-no-source]:T.. Source:T.. Cue:T.. Content:T.. [Content2:T..]`:
  * every T id it names exists and has the role's type (Content2 etc. are Content);
  * the trigger has the event's type and the cue's span; exactly one Cue, at least one Content;
    one Source for Attribution, none for Attribution-no-source.
Across events: no token in two attributions (PolNeAR is univocal) -- spans of different events
must not overlap, except a Source T shared by several events (", adding that ...").
Exit status 1 if anything is wrong.
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "tests" / "gold" / "attributions"  # the annotations: spec/ (source) and ann/
T_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
E_RE = re.compile(r"^(E\d+)\t(\S.*)$")
T_TYPES = {"Source", "Cue", "Content", "Attribution", "Attribution-no-source"}


def check_ann(ann_path, text):
    """A list of problems (strings) of one .ann file against its text; empty if all is well."""
    errors, T, events = [], {}, []
    for n, line in enumerate(Path(ann_path).read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        if m := T_RE.match(line):
            tid, typ, spans, field = m.groups()
            pieces = [tuple(map(int, p.split())) for p in spans.split(";")]
            if tid in T:
                errors.append(f"line {n}: duplicate id {tid}")
            if typ not in T_TYPES:
                errors.append(f"line {n}: {tid}: unknown type {typ}")
            prev_end = -1
            for s, e in pieces:
                if not (0 <= s < e <= len(text)):
                    errors.append(f"line {n}: {tid}: span {s} {e} outside the text (length {len(text)})")
                    continue
                if s < prev_end:
                    errors.append(f"line {n}: {tid}: pieces out of order or overlapping")
                prev_end = e
                piece = text[s:e]
                if "\n" in piece or "\r" in piece:
                    errors.append(f"line {n}: {tid}: piece {s} {e} contains a line break")
                if piece != piece.strip():
                    errors.append(f"line {n}: {tid}: piece {s} {e} starts or ends with white space")
            actual = " ".join(text[s:e] for s, e in pieces)
            if actual != field:
                errors.append(f"line {n}: {tid}: text field {field!r} != text at offsets {actual!r}")
            T[tid] = (typ, pieces)
        elif m := E_RE.match(line):
            events.append((n, m.group(1), m.group(2).split()))
        else:
            errors.append(f"line {n}: not a T or E line: {line[:60]!r}")
    seen_e, owner = set(), {}
    for n, eid, args in events:
        if eid in seen_e:
            errors.append(f"line {n}: duplicate id {eid}")
        seen_e.add(eid)
        roles = {}
        for k, arg in enumerate(args):
            role, sep, tid = arg.partition(":")
            if not sep or tid not in T:
                errors.append(f"line {n}: {eid}: argument {arg!r} names no existing T")
                continue
            role = "Trigger" if k == 0 else role.rstrip("0123456789")
            roles.setdefault(role, []).append((arg.partition(":")[0], tid))
        trig = roles.get("Trigger", [])
        if not trig:
            continue
        kind, trig_id = trig[0]
        if kind not in ("Attribution", "Attribution-no-source"):
            errors.append(f"line {n}: {eid}: event type {kind!r}")
        if T[trig_id][0] != kind:
            errors.append(f"line {n}: {eid}: trigger {trig_id} is a {T[trig_id][0]}, not {kind}")
        for role in ("Source", "Cue", "Content"):
            for _, tid in roles.get(role, []):
                if T[tid][0] != role:
                    errors.append(f"line {n}: {eid}: {role}:{tid} is a {T[tid][0]}")
        cues, contents, sources = roles.get("Cue", []), roles.get("Content", []), roles.get("Source", [])
        if len(cues) != 1:
            errors.append(f"line {n}: {eid}: {len(cues)} cues")
        elif T[cues[0][1]][1] != T[trig_id][1]:
            errors.append(f"line {n}: {eid}: trigger span differs from the cue span")
        if not contents:
            errors.append(f"line {n}: {eid}: no content")
        if kind == "Attribution" and len(sources) != 1:
            errors.append(f"line {n}: {eid}: Attribution with {len(sources)} sources")
        if kind == "Attribution-no-source" and sources:
            errors.append(f"line {n}: {eid}: Attribution-no-source with a source")
        for role, items in roles.items():
            if role == "Trigger":
                continue
            for _, tid in items:
                for s, e in T[tid][1]:
                    for i in range(s, e):
                        if i in owner and owner[i] != (eid, tid) and not (role == "Source" and owner[i][1] == tid):
                            errors.append(f"line {n}: {eid}: {tid} overlaps {owner[i][1]} of {owner[i][0]}"
                                          f" at {i} (not univocal)")
                            break
                        owner.setdefault(i, (eid, tid))
    used = {tid for _, _, args in events for a in args for tid in [a.partition(":")[2]]}
    for tid in T:
        if tid not in used:
            errors.append(f"{tid}: not used by any event")
    return errors


def main(argv):
    if len(argv) == 2 and not argv[0].startswith("-"):
        text = Path(argv[1]).read_bytes().decode("utf-8")
        errors = check_ann(argv[0], text)
        for e in errors:
            print(e)
        print(f"{argv[0]}: {'OK' if not errors else f'{len(errors)} problem(s)'}")
        return 1 if errors else 0
    import argparse
    sys.path.insert(0, str(HERE))
    import build
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(build.DEFAULT_CORPUS))
    args = ap.parse_args(argv)
    bad = 0
    for split, ref, name in build.ARTICLES:
        ann = DATA / "ann" / split / f"{name}_{build.ANNOTATOR}.ann"
        if not ann.exists():
            print(f"{split}/{ann.name}: MISSING")
            bad += 1
            continue
        errors = check_ann(ann, build.read_article(Path(args.corpus), ref))
        for e in errors:
            print(f"{split}/{ann.name}: {e}")
        n_e = sum(1 for l in ann.read_text(encoding="utf-8").split("\n") if l.startswith("E"))
        print(f"{split}/{ann.name}: {n_e} events, {'OK' if not errors else f'{len(errors)} problem(s)'}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
