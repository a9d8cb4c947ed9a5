#!/usr/bin/env python3
"""Write ingest/patterns/registry.json, the canonical actors, from their sources. Run from the
repository root when a source changes (tools/README.md):

    python tools/build_registry.py [--factbook ../shared/gazetteer/leaders-factbook.tsv]

Sources:
- ingest/patterns/countries.json (states' names, capitals, demonyms; from mledoze/countries, ODbL);
- pycountry (ISO 3166 codes and names, from Debian iso-codes, LGPL-2.1);
- the Factbook table (heads of state and government in 2025, nationality adjectives; public domain);
- tools/sources/*.jsonl and ambiguous.txt (hand-curated: organizations, institution patterns, state
  forms, people).

Every form is indexed by `ingest.names.alias_key`. When entries claim one key, the claim of the
strongest source wins (a curated name over a gazetteer name over a demonym over a capital over a
surname), so "Brussels" is the EU's and not Belgium's; a tie between entries makes the key
ambiguous (Johnson: Boris or Mike). A tie between two names of full standing is a build error unless
tools/sources/ambiguous.txt lists it: an accidental collision is caught here, not in the graph.
The output is sorted, so rebuilding from the same sources gives the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from ingest.names import alias_key, ascii_fold, name_key  # noqa: E402

SOURCES = REPO / "tools" / "sources"
PATTERNS = REPO / "ingest" / "patterns"
FACTBOOK = REPO.parent / "shared" / "gazetteer" / "leaders-factbook.tsv"
GAZETTEER = REPO.parent / "shared" / "gazetteer" / "countries.json"
FACTBOOK_SOURCE = "factbook-2025"

# Strength of a claim on a key, by the field and source it comes from (see the module docstring).
CURATED, STATE_NAME, DERIVED, CAPITAL, SURNAME = 4, 3, 2, 1, 0
SOVEREIGN = 0.5  # added to a sovereign state's claims: "American" is the US's, not the Northern Marianas'.
# Ties expected, which need no declaration: a demonym, capital or surname of two entries (Congolese,
# Kingston, Miliband).
TIES_EXPECTED = {"demonyms", "surnames"}

# Words of a Factbook title before a name ("Sultan and Prime Minister Sir HASSANAL Bolkiah").
TITLE_WORDS = set("""president prime minister premier chancellor king queen sultan emir amir prince princess grand
duke pope supreme leader chairman chairwoman chair general chief executive taoiseach governor governor-general vice
co-vice first state council of the and sir dame captain captains regent administrator high commissioner mayor
lieutenant lieutenant-governor colonel col. sovereign commander-in-chief secretary foreign political affairs for
transitional interim acting deputy crown co-prince co-chiefs overall taliban presidential national safeguard
homeland cnsp armed forces sudanese federal head government""".split())
MONARCHS = {"king", "queen", "sultan", "emir", "amir", "prince", "pope", "emperor", "grand duke"}
PARTICLES = {"al", "bin", "bint", "ibn", "de", "da", "di", "do", "dos", "das", "van", "von", "der", "den", "la", "le", "du"}
PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|yevich)$", re.IGNORECASE)
ROMAN = re.compile(r"^[IVXL]+$")
MONTHS = {m: i for i, m in enumerate("January February March April May June July August September October "
                                      "November December".split(), 1)}


def slugify(name: str) -> str:
    """A person's id: 'Sébastien Lecornu' -> 'sebastien-lecornu'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")


def read_jsonl(name: str) -> list[dict]:
    rows = [json.loads(line) for line in (SOURCES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if "_comment" not in row]


class Builder:
    def __init__(self):
        self.entries: dict[str, dict] = {}
        self.claims: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)  # key -> (strength, id, field, form)

    def entry(self, entry_id: str, **fields) -> dict:
        row = self.entries.setdefault(entry_id, {"id": entry_id, "aliases": set()})
        for field, value in fields.items():
            if value is not None:
                row.setdefault(field, value)
        return row

    def add(self, entry_id: str, field: str, forms, strength: int):
        row = self.entries[entry_id]
        for form in forms:
            form = form.strip()
            if form and alias_key(form):
                row.setdefault(field, set()).add(form)
                self.claims[alias_key(form)].append((strength, entry_id, field, form))

    def resolve(self, declared: set[str]) -> dict[str, list[str]]:
        """Drop every claim but the strongest on each key; return the keys left to several entries."""
        ambiguous, errors = {}, []
        for key, claims in sorted(self.claims.items()):
            top = max(strength for strength, *_ in claims)
            winners = sorted({entry_id for strength, entry_id, _, _ in claims if strength == top})
            for strength, entry_id, field, form in claims:
                if entry_id not in winners:
                    self.entries[entry_id][field].discard(form)
            if len(winners) > 1:
                ambiguous[key] = winners
                fields = {field for strength, _, field, _ in claims if strength == top}
                if top >= STATE_NAME and not fields <= TIES_EXPECTED and key not in declared:
                    errors.append(f"{key!r}: {winners} (declare it in tools/sources/ambiguous.txt, or fix a source)")
        if errors:
            sys.exit("ambiguous forms:\n  " + "\n  ".join(errors))
        return ambiguous


def state_id(iso3: str) -> str:
    return f"state-{iso3.lower()}"


def ref(of: str | None) -> str | None:
    """A source's `of`: a state's ISO3, or already a registry id."""
    return state_id(of) if of and re.fullmatch(r"[A-Z]{3}", of) else of


def add_states(b: Builder, states: dict, adjectives: dict[str, str], sovereign: set[str]):
    for iso3, st in states.items():
        country = pycountry.countries.get(alpha_3=iso3)
        sid = state_id(iso3)
        bonus = SOVEREIGN if iso3 in sovereign else 0
        b.entry(sid, kind="state", name=st["name"], iso3=iso3, iso2=country.alpha_2 if country else None)
        # pycountry's inverted names ("Korea, Republic of", "Taiwan, Province of China") are never
        # written in news; the rest add official names the gazetteer spells differently.
        iso_names = [getattr(country, f, None) for f in ("name", "official_name", "common_name")] if country else []
        b.add(sid, "aliases", st["names"] + [n for n in iso_names if n and "," not in n], STATE_NAME + bonus)
        b.add(sid, "demonyms", st["demonyms"] + ([adjectives[iso3]] if iso3 in adjectives else []), DERIVED + bonus)
        b.add(sid, "metonyms", st["capitals"], CAPITAL + bonus)
    for row in read_jsonl("states.jsonl"):
        b.add(state_id(row["iso3"]), "aliases", row.get("aliases", ()), CURATED)
        b.add(state_id(row["iso3"]), "metonyms", row.get("metonyms", ()), CURATED)


def add_organizations(b: Builder, states: dict, adjectives: dict[str, str], english: dict[str, list[str]]):
    orgs = read_jsonl("organizations.jsonl")
    by_type = {(row["of"], row["type"]): row["id"] for row in orgs if "type" in row}
    for row in orgs:
        b.entry(row["id"], kind=row["kind"], name=row["name"], of=ref(row.get("of")))
        b.add(row["id"], "aliases", row["aliases"], CURATED)
        b.add(row["id"], "metonyms", row.get("metonyms", ()), CURATED)
    patterns = read_jsonl("institutions.jsonl")
    listed = next(row["states"] for row in patterns if "states" in row)
    for pattern in (row for row in patterns if "type" in row):
        for iso3 in listed:
            forms = institution_forms(pattern["forms"], [states[iso3]["name"], *english.get(iso3, ())], adjectives.get(iso3))
            if pattern.get("target") == "state":
                b.add(state_id(iso3), "metonyms", forms, DERIVED)
                continue
            org_id = by_type.get((iso3, pattern["type"]), f"org-{iso3.lower()}-{pattern['type']}")
            b.entry(org_id, kind="organization", name=forms[0], of=state_id(iso3))
            b.add(org_id, "aliases", forms, DERIVED)


def institution_forms(templates: list[str], names: list[str], adjective: str | None) -> list[str]:
    names = [n for n in dict.fromkeys(names) if not n.startswith("the ")]
    forms = []
    for template in templates:
        if "{adj}" in template:
            forms += [template.format(adj=adjective)] if adjective else []
        else:
            forms += [template.format(state=n) for n in names]
    return forms


def add_people(b: Builder, leaders: list[dict]):
    """Curated people first; a Factbook leader whose full name folds like one of a person's names is
    that person, otherwise a new one."""
    by_key: dict[str, str] = {}
    surnames: dict[str, list[str]] = defaultdict(list)  # added last, once every given name is known
    holders: dict[tuple[str, str], str] = {}  # (surname key, state) of a curated role held now -> person
    for row in read_jsonl("people.jsonl"):
        pid = slugify(row["name"])
        if pid in b.entries:
            sys.exit(f"two entries with id {pid}: give one a fuller name")
        names = [row["name"], *row.get("aliases", ())]
        surname = row.get("surname", row["name"].split()[-1] if len(row["name"].split()) > 1 else None)
        b.entry(pid, kind="person", name=row["name"], roles=[curated_role(r) for r in row["roles"]])
        b.add(pid, "aliases", names, CURATED)
        surnames[pid] += [surname] if surname else []
        by_key.update(dict.fromkeys((name_key(n) for n in names), pid))
        holders.update({(name_key(surname or row["name"]), r[1] and ref(r[1])): pid for r in row["roles"] if r[3] is None})
    for leader in leaders:
        pid = next((by_key[name_key(n)] for n in leader["names"] if name_key(n) in by_key), None)
        # Spelled apart by the Factbook (Kasym-Zhomart / Kassym-Jomart Tokayev): the same surname
        # holding a role in the same state now is the same person.
        pid = pid or next((holders[(name_key(s), leader["role"]["of"])] for s in leader["surnames"]
                           if (name_key(s), leader["role"]["of"]) in holders), None)
        if pid is None:
            pid = slugify(leader["names"][0])
            b.entry(pid, kind="person", name=leader["names"][0], roles=[])
            by_key.update(dict.fromkeys((name_key(n) for n in leader["names"]), pid))
        b.add(pid, "aliases", leader["names"], DERIVED)
        surnames[pid] += leader["surnames"]
        merge_role(b.entries[pid]["roles"], leader["role"])
    # A surname that is someone's given name (Shawn Christian / Christian Lindner) names nobody alone.
    given = {name_key(e["name"].split()[0]) for e in b.entries.values() if e["kind"] == "person"}
    for pid, forms in surnames.items():
        b.add(pid, "surnames", [s for s in forms if name_key(s) not in given], SURNAME)


def curated_role(row: list) -> dict:
    title, of, start, end = row
    return {"title": title, "of": ref(of), "start": str(start), "end": None if end is None else str(end),
            "source": "curated"}


def merge_role(roles: list[dict], new: dict):
    """The Factbook's dated role replaces a curated one of the same title, state and start year."""
    for i, old in enumerate(roles):
        if (old["title"], old["of"]) == (new["title"], new["of"]) and old["start"][:4] == (new["start"] or "")[:4]:
            roles[i] = new
            return
    if new not in roles:
        roles.append(new)


def factbook(path: Path, states: dict) -> tuple[dict[str, str], list[dict]]:
    """Nationality adjectives by ISO3, and one record per leader a row names (roles dated)."""
    index, capitals = {}, {}
    for iso3, st in states.items():
        for n in st["names"]:
            index.setdefault(name_key(n), iso3)
        for n in st["capitals"]:
            capitals.setdefault(name_key(n), iso3)
    adjectives, leaders, unmatched = {}, [], []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            # Rows named "none" or "The Dominican" are known by their capital.
            iso3 = country_of(row["country_short_name"], index) or capitals.get(name_key(row["capital"]))
            if iso3 is None:
                unmatched.append(row["country_short_name"])
                continue
            adjective = re.split(r"[/,(]", row["nationality_adjective"])[0].strip()
            if adjective:
                adjectives.setdefault(iso3, adjective)
            for column, office in (("chief_of_state", "head of state"), ("head_of_government", "head of government")):
                leaders += parse_leaders(row[column], office, iso3, index)
    # An adjective of two states ("Korean") names neither.
    shared = {a for a in adjectives.values() if list(adjectives.values()).count(a) > 1}
    adjectives = {iso3: a for iso3, a in adjectives.items() if a not in shared}
    print(f"factbook rows without a state (skipped): {', '.join(sorted(filter(None, unmatched)))}", file=sys.stderr)
    return adjectives, leaders


def country_of(name: str, index: dict[str, str]) -> str | None:
    """The Factbook's short names: "Korea, South", "Gambia, The", "Turkey (Turkiye)"."""
    aside = re.findall(r"\((.*?)\)", name)
    name = re.sub(r"\(.*?\)", "", name).strip()
    if not name:
        return None
    head, _, tail = name.partition(", ")
    for candidate in (name, f"{tail} {head}", head, *aside):
        if name_key(candidate) in index:
            return index[name_key(candidate)]
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def parse_leaders(cell: str, office: str, iso3: str, index: dict[str, str]) -> list[dict]:
    """'President Vladimir Vladimirovich PUTIN (since 7 May 2012)' -> Vladimir Putin, president of RUS.
    Only the first clause counts: what follows ';' or 'represented by' is a governor or a note."""
    clause = re.split(r";|,? represented by", cell)[0]
    since = re.search(r"since (?:(\d{1,2}) )?(?:(%s) )?(\d{4})" % "|".join(MONTHS), clause)
    start = None
    if since:
        day, month, year = since.groups()
        start = "-".join([year] + ([f"{MONTHS[month]:02d}"] if month else []) + ([f"{int(day):02d}"] if day and month else []))
    tokens = re.sub(r"\(.*?\)|\[.*?\]", " ", clause).replace(",", " ").split()
    first = next((i for i, t in enumerate(tokens) if re.search(r"[A-Z]{2,}", t) and t.upper() != "CNSP"), None)
    if first is None:
        return []
    begin = first
    while begin > 0 and tokens[begin - 1][0].isupper() and tokens[begin - 1].lower() not in TITLE_WORDS:
        begin -= 1
    end = first
    while end < len(tokens) and (tokens[end][0].isupper() or tokens[end] in PARTICLES or tokens[end] == "and"):
        end += 1
    title_words = [t for t in tokens[:begin] if t.lower() not in ("sir", "dame", "overall", "general", "col.")]
    title, of = canonical_title(" ".join(title_words), iso3, index)
    people = []
    # "Captains Regent Matteo ROSSI and Lorenzo BUGLI": two people share the office.
    for name_tokens in split_on_and(tokens[begin:end]):
        names, surnames = person_names(name_tokens, title)
        for t in (title.split(" and ") if title else [office]):
            people.append({"names": names, "surnames": surnames,
                           "role": {"title": t, "of": state_id(of), "start": start, "end": None,
                                    "source": FACTBOOK_SOURCE}})
    return people


def split_on_and(tokens: list[str]) -> list[list[str]]:
    groups = [[]]
    for t in tokens:
        if t == "and":
            groups.append([])
        else:
            groups[-1].append(t)
    return [g for g in groups if any(re.search(r"[A-Z]{2,}", t) for t in g)]


def canonical_title(title: str, iso3: str, index: dict[str, str]) -> tuple[str, str]:
    """Lower case; 'President of China' for Hong Kong is the president of China."""
    title = title.lower().strip()
    of_state = re.fullmatch(r"(.+?) of (.+)", title)
    if of_state and name_key(of_state.group(2)) in index:
        return of_state.group(1), index[name_key(of_state.group(2))]
    return title, iso3


def recase(token: str) -> str:
    """PUTIN -> Putin, al-BURHAN -> al-Burhan, TUIMALEALI'IFANO -> Tuimaleali'ifano."""
    return re.sub(r"[A-Z][A-Z'’]+", lambda m: m.group(0).capitalize(), token)


def person_names(tokens: list[str], title: str) -> tuple[list[str], list[str]]:
    """All the forms of a Factbook name, the usual one first ('Vladimir Putin', then with the
    patronymic and initials), and its surname (the words in capitals) if it is safe alone."""
    # A numeral after a name is regnal (CHARLES III); first, it is a name (XI Jinping).
    words = [t if i and ROMAN.fullmatch(t) else recase(t) for i, t in enumerate(tokens)]
    caps = [w for w, t in zip(words, tokens) if re.search(r"[A-Z]{2,}", t) and w != t]
    if any(ROMAN.fullmatch(w) for w in words) or title in MONARCHS:
        # Regnal names: "Charles III" is "King Charles", never "Charles" alone.
        regnal = [w for w in words if not ROMAN.fullmatch(w)]
        names = [" ".join(words)] + ([f"{title.title()} {' '.join(words)}", f"{title.title()} {' '.join(regnal)}"]
                                     if title in MONARCHS else [])
        return names, []
    usual = [w for w in words if not PATRONYMIC.search(w) and not re.fullmatch(r"[A-Z]\.", w)]
    surname = re.sub(r"^.*-(?=[A-Z][a-z])", "", " ".join(caps)) if caps else ""  # Hoseini-Khamenei -> Khamenei
    forms = [" ".join(usual), " ".join(words)]
    if len(usual) > 2 and caps == usual[-1:]:
        forms.append(f"{usual[0]} {usual[-1]}")  # Joao Manuel Goncalves Lourenco -> Joao Lourenco
    # Short surnames (Xi, Li, Lee) are words or common names when alone.
    return list(dict.fromkeys(forms)), [surname] if len(surname) >= 4 and surname != forms[0] else []


def write(b: Builder, ambiguous: dict) -> dict:
    entries = []
    for entry_id, row in sorted(b.entries.items()):
        out = {k: (sorted(v) if isinstance(v, set) else v) for k, v in row.items() if v not in (None, set(), [])}
        if "roles" in out:
            out["roles"] = sorted(out["roles"], key=lambda r: (r["start"] or "", r["title"], r["of"] or ""))
        out.setdefault("aliases", [])
        entries.append(out)
    return {"_source": "tools/build_registry.py from ingest/patterns/countries.json (mledoze/countries, ODbL 1.0), "
                       "pycountry (ISO 3166 from Debian iso-codes, LGPL-2.1), the CIA World Factbook 2025 "
                       "(public domain) and tools/sources/ (hand-curated). Do not edit: rebuild.",
            "_keys": "ambiguous: index key (ingest.names.alias_key) -> the entries it may name; lookups "
                     "need a kind hint or context for these",
            "ambiguous": ambiguous, "entries": entries}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factbook", type=Path, default=FACTBOOK)
    parser.add_argument("--countries", type=Path, default=GAZETTEER, help="the gazetteer, for which states are sovereign")
    args = parser.parse_args()
    states = json.loads((PATTERNS / "countries.json").read_text(encoding="utf-8"))["states"]
    # The everyday English names (US, Britain) that institution patterns are made with; the
    # gazetteer's names also hold endonyms (Koninkrijk België), never written in English news.
    english = {iso3: fix.get("names", []) for iso3, fix in
               json.loads((PATTERNS / "countries_extra.json").read_text(encoding="utf-8"))["states"].items()}
    sovereign = {c["cca3"] for c in json.loads(args.countries.read_text(encoding="utf-8")) if c.get("independent")}
    adjectives, leaders = factbook(args.factbook, states)
    b = Builder()
    add_states(b, states, adjectives, sovereign)
    add_organizations(b, states, adjectives, english)
    add_people(b, leaders)
    declared = {alias_key(line) for line in (SOURCES / "ambiguous.txt").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")}
    ambiguous = b.resolve(declared)
    data = write(b, ambiguous)
    (PATTERNS / "registry.json").write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                            encoding="utf-8")
    kinds = defaultdict(int)
    for e in data["entries"]:
        kinds[e["kind"]] += 1
    print(f"registry.json: {dict(sorted(kinds.items()))}, {len(ambiguous)} ambiguous keys", file=sys.stderr)


if __name__ == "__main__":
    main()
