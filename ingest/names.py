"""Who a surface form names: the canonical actor registry, the place gazetteer and the not-actor nouns.

Three data files in ingest/patterns/, each generated or curated as tools/README.md says:
- registry.json: actors (states, organizations, groups, people) with every form that names them;
- places.json: cities and subdivisions, which are places and never actors by themselves;
- not_actor_nouns.json: weapons, documents, events, time words and media that NER tags as actors.

`name_key` is the one folding every lookup shares. It is pure and the build tools use it too, so
the keys in the data files are the keys the lookups compute.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.components.lexicons import fold

PATTERNS = Path(__file__).resolve().parent / "patterns"

# Letters NFKD does not decompose, and Polish ż (= Russian ж, "zh"), which it would make a plain z.
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ż": "zh", "Ż": "Zh", "þ": "th",
                          "’": "'", "ʼ": "'", "‘": "'", "`": "'", "ʹ": "'"})

# Romanizations of one Cyrillic name in English, Polish, German and Ukrainian usage, reduced to one
# spelling. Order matters: Polish digraphs first (cz → ch before ch → h), endings before doubles.
_TRANSLIT = [
    (re.compile(r"rz"), "zh"),  # Polish rz = ż
    (re.compile(r"sz"), "sh"),
    (re.compile(r"cz"), "ch"),
    (re.compile(r"w"), "v"),  # Ławrow / Lavrov, Wołodymyr / Volodymyr, -ow / -ov, -ew / -ev
    (re.compile(r"[kc]h"), "h"),  # Kharkiv / Harkiv / Charkiw (Polish ch = kh)
    (re.compile(r"j"), "y"),  # Szojgu / Shoygu, Zelenskyj, Jurij / Yuriy
    (re.compile(r"x"), "ks"),  # Olexandr / Oleksandr
    (re.compile(r"(?<=[bdfgklmnprstvz])ie(?=[a-z])"), "e"),  # Polish Pieskow / Peskov, Miedwiediew
    (re.compile(r"(?<=[bcdfghklmnprstvz])i(?=[aou])"), "y"),  # Zaporizhzhia / Zaporizhzhya
    (re.compile(r"(?<=[aeou])i"), "y"),  # Shoigu / Shoygu, Mykhailo / Mychajło, Sergei / Sergey
    (re.compile(r"s(ky|ki|kyy|kyi|kiy|kii|kiy)\b"), "sky"),  # Zelenski / Zelenskiy / Zelenskyy
    (re.compile(r"(iy|ii|yi|yy)\b"), "y"),  # Dmitriy / Dmitrij / Dmitry, Serhii / Serhiy
    (re.compile(r"([a-z])\1"), r"\1"),  # Zelenskyy
    (re.compile(r"(zh|sh)\1"), r"\1"),  # Zaporizhzhia / Zaporizhia
]


def ascii_fold(text: str) -> str:
    """The text in ASCII letters: accents dropped, ł → l, ż → zh, other scripts dropped."""
    return unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()


def name_key(text: str) -> str:
    """The folded form that names compare by: case, accents, punctuation, possessive 's and a
    leading 'the' dropped, and transliteration variants reduced (Zełenski = Zelenskiy = Zelensky,
    Ławrow = Lavrov, Charków = Kharkov). A name with no Latin letters keeps its own script.

    Typos are not folded (Dymtro stays apart from Dmytro): that is the resolver's evidence to weigh."""
    latin = ascii_fold(text).lower()
    latin = re.sub(r"'s\b", "", latin).replace("+", " plus ")  # Opec+ = Opec plus
    latin = re.sub(r"['.]", "", latin)  # U.S. = US, Donets'k = Donetsk
    latin = re.sub(r"[^a-z0-9]+", " ", latin).strip()
    if not re.search(r"[a-z]", latin):
        return latin or re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()
    latin = re.sub(r"^the ", "", latin)
    for pattern, repl in _TRANSLIT:
        latin = pattern.sub(repl, latin)
    return latin


def is_acronym(form: str) -> bool:
    """One word with no lower-case letter (NATO, U.S., G7, WHO): it names an actor only as written,
    never folded, or 'who' and 'us' would be organizations."""
    return " " not in form.strip() and not any(c.islower() for c in form) and any(c.isalpha() for c in form)


def alias_key(form: str) -> str:
    """The index key of a registry form: the form itself for an acronym, else its name_key."""
    return form.strip() if is_acronym(form) else name_key(form)


@dataclass(frozen=True)
class Role:
    title: str  # canonical, lower case: "president", "foreign minister"
    of: str | None  # the registry id of what the role is in: "state-rus", "org-nato"
    start: str | None  # ISO date or year
    end: str | None  # None: held at the source's date
    source: str  # "factbook-2025" or "curated": a prior, not evidence from an article


@dataclass(frozen=True)
class RegistryEntry:
    id: str
    kind: str  # person | state | organization | group
    name: str
    aliases: tuple[str, ...]  # forms that name the actor itself
    metonyms: tuple[str, ...] = ()  # places and buildings standing for it: Kremlin, Moscow, Brussels
    demonyms: tuple[str, ...] = ()  # states: Russian, Russians
    surnames: tuple[str, ...] = ()  # people: a weaker, often ambiguous form
    iso3: str | None = None
    iso2: str | None = None
    of: str | None = None  # a national organization's state, as a registry id
    roles: tuple[Role, ...] = ()

    def forms(self) -> dict[str, str]:
        """Every form of the entry -> how it names the entry (alias | metonym | demonym | surname)."""
        out: dict[str, str] = {}
        for via, forms in (("surname", self.surnames), ("demonym", self.demonyms), ("metonym", self.metonyms),
                           ("alias", self.aliases)):
            out.update(dict.fromkeys(forms, via))
        return out


@dataclass(frozen=True)
class Match:
    entry: RegistryEntry
    via: str  # alias | metonym | demonym | surname
    exact: bool  # the surface form is listed as written; False: it matched folded


@dataclass(frozen=True)
class Place:
    iso3: str  # the country the place is in
    capital: bool  # a capital: also a metonym of its state ("Moscow said")


class Registry:
    """Lookups over the three data files. Build one with `registry()` (loaded once) or from dicts."""

    def __init__(self, actors: dict, places: dict, nouns: dict):
        self.entries = {row["id"]: _entry(row) for row in actors["entries"]}
        self.ambiguous = {key: tuple(ids) for key, ids in actors["ambiguous"].items()}
        # form as written, and its alias_key -> (id, via); ambiguous forms are in neither.
        self._exact: dict[str, tuple[str, str]] = {}
        self._folded: dict[str, tuple[str, str]] = {}
        for entry in self.entries.values():
            for form, via in entry.forms().items():
                key = alias_key(form)
                if key not in self.ambiguous:
                    self._exact[form] = self._folded[key] = (entry.id, via)
        self._places = places["places"]
        self._capitals = frozenset(places["capitals"])
        self._nouns = {fold(form): category for category, forms in nouns["categories"].items() for form in forms}
        self._noun_heads = {fold(head): category for category, heads in nouns["heads"].items() for head in heads}
        self._noun_patterns = [(re.compile(p), category) for category, ps in nouns["patterns"].items() for p in ps]

    def match(self, surface_form: str, kind_hint: str | None = None) -> Match | None:
        """The entry a surface form names: the form as listed, else folded (name_key). A folded key
        that several entries share is ambiguous: `kind_hint` (person | state | organization | group)
        picks among them, and without one, or with several of that kind, nothing is returned. A form
        written all in lower case matches only as listed ("labour market" is not Labour)."""
        form = surface_form.strip()
        if form in self._exact:
            entry_id, via = self._exact[form]
            return Match(self.entries[entry_id], via, True)
        if form == form.lower():
            return None
        key = alias_key(form)
        if key in self._folded:
            entry_id, via = self._folded[key]
            return Match(self.entries[entry_id], via, False)
        fitting = [i for i in self.ambiguous.get(key, ()) if self.entries[i].kind == kind_hint]
        if len(fitting) == 1:
            entry = self.entries[fitting[0]]
            return Match(entry, next(v for f, v in entry.forms().items() if alias_key(f) == key), False)
        return None

    def lookup(self, surface_form: str, kind_hint: str | None = None) -> RegistryEntry | None:
        found = self.match(surface_form, kind_hint)
        return found.entry if found else None

    def place(self, form: str) -> Place | None:
        key = name_key(form)
        return Place(self._places[key], key in self._capitals) if key in self._places else None

    def is_place(self, form: str) -> str | None:
        """The ISO 3166 alpha-3 code of the country of the place this form names, if it is one."""
        found = self.place(form)
        return found.iso3 if found else None

    def is_not_actor_noun(self, form: str) -> str | None:
        """The category (weapon | document | event | time | media) of a name that is never an actor
        ("Leopard 2", "White Paper", "GMT", "Reuters"), else None. A registry actor is never one."""
        if self.lookup(form) is not None:
            return None
        folded = fold(form)
        if folded in self._nouns:
            return self._nouns[folded]
        words = folded.split()
        # "Leopard 2 tanks", "the Minsk agreements": a listed name before, or a listed head noun after.
        if len(words) > 1 and " ".join(words[:-1]) in self._nouns:
            return self._nouns[" ".join(words[:-1])]
        if len(words) > 1 and words[-1] in self._noun_heads:
            return self._noun_heads[words[-1]]
        return next((category for pattern, category in self._noun_patterns if pattern.fullmatch(folded)), None)


def _entry(row: dict) -> RegistryEntry:
    roles = tuple(Role(r["title"], r.get("of"), r.get("start"), r.get("end"), r["source"]) for r in row.get("roles", ()))
    return RegistryEntry(row["id"], row["kind"], row["name"], tuple(row["aliases"]), tuple(row.get("metonyms", ())),
                         tuple(row.get("demonyms", ())), tuple(row.get("surnames", ())), row.get("iso3"),
                         row.get("iso2"), row.get("of"), roles)


def load(patterns: Path = PATTERNS) -> Registry:
    read = lambda name: json.loads((patterns / name).read_text(encoding="utf-8"))  # noqa: E731
    return Registry(read("registry.json"), read("places.json"), read("not_actor_nouns.json"))


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of ingest/patterns/, loaded once per process."""
    return load()
