#!/usr/bin/env python3
"""Sanity check: turn a built split's gold .ann files into a prediction JSONL that should score 1.0.

Usage:  python gold_pred.py OUT SPLIT > PRED.jsonl      (OUT as written by build.py)
Each event becomes one attribution: source_span and cue_span = first to last character of the
Source / Cue pieces, content_spans = the Content pieces.
"""
import json
import re
import sys
from pathlib import Path


def main(root, split):
    for ann in sorted((Path(root) / split / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}\.ann$", "", ann.name)
        pieces, events = {}, []
        for line in ann.read_text(encoding="utf-8").split("\n"):
            if m := re.match(r"^(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t", line):
                pieces[m.group(1)] = [list(map(int, p.split())) for p in m.group(2).split(";")]
            elif line.startswith("E"):
                events.append(line.split("\t")[1].split())
        atts = []
        for k, args in enumerate(events, 1):
            roles = {}
            for a in args[1:]:
                role, _, tid = a.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).extend(pieces[tid])
            hull = lambda sp: [sp[0][0], sp[-1][1]] if sp else None
            atts.append({"id": f"q{k}", "source": None, "source_span": hull(roles.get("Source")),
                         "cue_span": hull(roles.get("Cue")), "content_spans": roles.get("Content", [])})
        print(json.dumps({"article": {"source": f"{name}.txt"}, "attributions": atts}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
