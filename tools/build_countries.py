"""Write ingest/patterns/countries.json (states and their surface forms) from the mledoze/countries
gazetteer.

Run from the repository root when the gazetteer changes:

    python tools/build_countries.py ../shared/gazetteer/countries.json

The product reads only the generated file, never the gazetteer (ODbL 1.0, attribution in
countries.json's "_source"). Hand corrections (common English names, short codes, old spellings)
live in countries_extra.json and are merged here, so regenerating never loses them.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

PATTERNS = Path(__file__).resolve().parent.parent / "ingest" / "patterns"


def _usable(name: str) -> bool:
    # Two-letter codes ("IT", "NO", "AM") are ordinary words when written in capitals;
    # only the codes listed in countries_extra.json are kept. Non-Latin scripts never match
    # English text; accented Latin names ("Côte d'Ivoire") are folded at lookup time.
    latin = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    return bool(name) and len(latin) >= len(name) * 0.8 and not (len(name) <= 3 and name.isupper())


def build(gazetteer: Path) -> dict:
    extra = json.loads((PATTERNS / "countries_extra.json").read_text())
    states = {}
    # UN members first: where two entries share a demonym or capital ("French", "American"),
    # the lookup keeps the first, so the sovereign state wins over its territories.
    countries = sorted(json.loads(gazetteer.read_text()), key=lambda c: not c.get("unMember"))
    for c in countries:
        iso3 = c["cca3"]
        fix = extra["states"].get(iso3, {})
        names = [c["name"]["common"], c["name"]["official"], *c.get("altSpellings", [])]
        capitals = [cap.replace(" D.C.", "").replace(", D.C.", "") for cap in c.get("capital", [])]
        eng = c.get("demonyms", {}).get("eng", {})
        states[iso3] = {
            "name": fix.get("name", c["name"]["common"]),
            "names": sorted({n for n in names if _usable(n)} | set(fix.get("names", []))),
            "capitals": sorted({n for n in capitals if _usable(n)} | set(fix.get("capitals", []))),
            "demonyms": sorted({d for d in eng.values() if d} | set(fix.get("demonyms", []))),
        }
    return {"_source": "mledoze/countries (ODbL 1.0) + countries_extra.json",
            "not_ruler_patterns": extra["not_ruler_patterns"], "states": states}


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/gazetteer/countries.json")
    (PATTERNS / "countries.json").write_text(json.dumps(build(src), ensure_ascii=False, indent=1) + "\n")
