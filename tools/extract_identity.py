#!/usr/bin/env python3
"""Show that a change left extraction as it was: run `stancegraph extract` on the seed article and on
every article a gold file refers to, and write the output (`--out`) or compare it byte for byte with
an earlier run (`--check`).

    python tools/extract_identity.py --out /tmp/before.jsonl          # before the change
    python tools/extract_identity.py --check /tmp/before.jsonl        # after: exit 1 on any difference

JSON Lines records are gathered into one temporary file per corpus file, so the output depends only
on the articles, not on where the temporary folder is.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
NL = b"\n"


def inputs(gold_dirs: list[Path], work: Path) -> list[str]:
    """The seed, the plain files the gold files name, and their JSON Lines records gathered per file."""
    files, records = [CORPUS / "seed" / "paris-security-guarantees.txt"], {}
    for gold in sorted(p for d in gold_dirs for p in d.rglob("*.gold.json")):
        path, _, record = json.loads(gold.read_text())["reference"].partition("#")
        if record:
            records.setdefault(path, set()).add(record)
        else:
            files.append(CORPUS / path)
    for path, wanted in sorted(records.items()):
        lines = [line for line in (CORPUS / path).read_text(encoding="utf-8").splitlines()
                 if line.strip() and json.loads(line)["id"] in wanted]
        target = work / Path(path).name
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(target)
    return [str(f) for f in files]


def extract(paths: list[str], work: Path) -> bytes:
    # This checkout's code, whatever PYTHONPATH says (a relative one would point into `work`).
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "app.cli", "extract", *paths]
    out = subprocess.run(command, capture_output=True, check=True, cwd=work, env=env).stdout
    # Sources are resolved paths (ingest/sources.py): strip the folders' resolved spellings.
    for folder in (work, CORPUS):
        out = out.replace(str(folder.resolve()).encode() + b"/", b"")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", help="gold folder (default: tests/gold)")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path)
    group.add_argument("--check", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sg-identity-"))
    try:
        output = extract(inputs(args.gold or [REPO / "tests" / "gold"], work), work)
    finally:
        shutil.rmtree(work)
    if args.out:
        args.out.write_bytes(output)
        print(f"{output.count(NL)} records, {len(output)} bytes -> {args.out}")
        return 0
    before = args.check.read_bytes()
    if before == output:
        print(f"identical: {output.count(NL)} records, {len(output)} bytes")
        return 0
    for n, (a, b) in enumerate(zip(before.splitlines(), output.splitlines()), 1):
        if a != b:
            print(f"record {n} differs:\n- {a[:300]!r}\n+ {b[:300]!r}")
            break
    print(f"DIFFERENT: {before.count(NL)} records before, {output.count(NL)} now")
    return 1


if __name__ == "__main__":
    sys.exit(main())
