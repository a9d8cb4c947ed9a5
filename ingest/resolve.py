"""Cross-article identity of actors: which graph node an article's actor is.

Rules (graph_schema/README.md, "Resolution"):
- states by ISO 3166 alpha-3 code (`state:UKR`), set by extraction;
- organizations and groups by normalized name (`organization:nato`), set by extraction;
- people by their normalized full name, with transliteration variants folded
  (Zelenskiy / Zelensky / Zelenskyy → one key), and a surname-only person ("Trump") joined to
  the one known person of that surname; when two known people share it, the surname stays apart.
  A given name one letter off a known person's with the same surname is a typo of it
  (Volodomyr / Volodymyr Zelensky); given names within a known person's are that person
  (Tayyip Erdogan / Recep Tayyip Erdogan). An organization whose name is a known person's full name, or
  the surname of exactly one known person ("Stoltenberg welcomed…", which the model tagged ORG),
  is that person: the rest of the corpus is the evidence.
Limits: a surname-only person seen before any full name keeps its own node; two different
people with the same full name are one node; two people whose given names are one letter apart
(six letters or more) and who share a surname are one node.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.records import Actor

# Romanization variants of one name: Zelenskiy/Zelenskyy/Zelensky, Dmitriy/Dmitry, Sergey/Sergei.
_TRANSLIT = [
    (re.compile(r"(iy|yy|ij|yi|ii|ei|ey)$"), "y"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters: Zelenskyy, Shoigu/Shoygu handled by i/y below
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), "y"),
]


def name_form(text: str) -> str:
    """The form a name is keyed by across articles: lower case, accents and punctuation dropped,
    spaces collapsed. Unlike the components' lookup form (components/lexicons.fold) it keeps a
    leading 'the' and possessives, and a name with no Latin letters (Владимир Путин) keeps its own
    script rather than folding to nothing."""
    latin = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]+", " ", latin.lower()).strip()
    return folded or re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def person_key(name: str) -> str:
    tokens = []
    for token in name_form(name).split():
        for pattern, repl in _TRANSLIT:
            token = pattern.sub(repl, token)
        tokens.append(token)
    return "person:" + " ".join(tokens)


@dataclass
class ResolutionStats:
    raw_people: set[str] = field(default_factory=set)  # person keys as extracted, unfolded
    people: set[str] = field(default_factory=set)  # person node ids after resolution

    @property
    def people_merged(self) -> int:
        """Person nodes that would have been duplicates without resolution."""
        return len(self.raw_people) - len(self.people)


class ActorResolver:
    """Maps each article's actors to graph ids, learning the people it has seen."""

    def __init__(self, known_people: Iterable[str] = ()):
        """`known_people`: the ids of the person nodes already in the graph."""
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        for node_id in known_people:
            self._learn(node_id)
        self.stats = ResolutionStats()

    def _learn(self, node_id: str) -> str:
        tokens = node_id.removeprefix("person:").split()
        if len(tokens) > 1:
            self._by_surname[tokens[-1]].add(node_id)
        return node_id

    def resolve(self, actors: list[Actor]) -> dict[str, str]:
        """Local actor id → graph node id."""
        ids: dict[str, str] = {}
        for actor in actors:  # full names first, so that this article's surnames can join them
            if actor.kind == "person" and len(person_key(actor.name).split()) > 1:
                ids[actor.id] = self._known_person(actor) or self._learn(person_key(actor.name))
        for actor in actors:
            if actor.id in ids:
                person = ids[actor.id]
            elif actor.kind in ("person", "organization"):
                person = self._known_person(actor)
            else:
                person = None
            if actor.kind != "person" and person is None:
                ids[actor.id] = actor.key or f"{actor.kind}:{name_form(actor.name)}"
                continue
            ids[actor.id] = key = person or person_key(actor.name)
            self.stats.raw_people.add("person:" + name_form(actor.name))
            self.stats.people.add(key)
        return ids

    def _known_person(self, actor: Actor) -> str | None:
        """The one known person this name denotes: the same full name, or the same surname with a
        given name one letter off (Volodomyr / Volodymyr); for a one-word name, the one person
        with that surname. Organizations too: the model tags some people ORG."""
        key = person_key(actor.name)
        tokens = key.removeprefix("person:").split()
        candidates = self._by_surname.get(tokens[-1], set()) if tokens else set()
        if len(tokens) == 1:
            return next(iter(candidates)) if len(candidates) == 1 else None
        if key in candidates:
            return key
        given = tokens[:-1]
        close = [c for c in candidates if _same_given_names(given, c.removeprefix("person:").split()[:-1])]
        return close[0] if len(close) == 1 else None


def _same_given_names(a: list[str], b: list[str]) -> bool:
    """Given names of one person: one letter off (Volodomyr / Volodymyr), or one set of them
    within the other (Tayyip / Recep Tayyip)."""
    return _one_letter_off(" ".join(a), " ".join(b)) or set(a) <= set(b) or set(b) <= set(a)


def _one_letter_off(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart, for names long enough that this is a typo
    or a transliteration rather than another name (John / Joan stay apart)."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]
