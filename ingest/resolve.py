"""Cross-article identity of actors: which graph node an article's actor is.

Rules (graph_schema/README.md, "Resolution"):
- states by ISO 3166 alpha-3 code (`state:UKR`), set by extraction;
- organizations and groups by normalized name (`organization:nato`), set by extraction;
- people by their normalized full name, with transliteration variants folded
  (Zelenskiy / Zelensky / Zelenskyy → one key), and a surname-only person ("Trump") joined to
  the one known person of that surname; when two known people share it, the surname stays apart.
  A one-word organization that is the surname of exactly one known person ("Stoltenberg
  welcomed…", which the model tagged ORG) is that person: the rest of the corpus is the evidence.
Limits: a surname-only person seen before any full name keeps its own node; two different
people with the same full name are one node.
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


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed. A name with no Latin letters
    (Владимир Путин) keeps its own script rather than folding to nothing."""
    latin = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]+", " ", latin.lower()).strip()
    return folded or re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def person_key(name: str) -> str:
    tokens = []
    for token in fold(name).split():
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

    def _learn(self, node_id: str) -> None:
        tokens = node_id.removeprefix("person:").split()
        if len(tokens) > 1:
            self._by_surname[tokens[-1]].add(node_id)

    def resolve(self, actors: list[Actor]) -> dict[str, str]:
        """Local actor id → graph node id."""
        ids: dict[str, str] = {}
        for actor in actors:  # full names first, so that this article's surnames can join them
            if actor.kind == "person":
                self._learn(person_key(actor.name))
        for actor in actors:
            person = self._known_surname(actor) if actor.kind in ("person", "organization") else None
            if actor.kind != "person" and person is None:
                ids[actor.id] = actor.key or f"{actor.kind}:{fold(actor.name)}"
                continue
            ids[actor.id] = key = person or person_key(actor.name)
            self.stats.raw_people.add("person:" + fold(actor.name))
            self.stats.people.add(key)
        return ids

    def _known_surname(self, actor: Actor) -> str | None:
        """The one known person whose surname is this one-word name, if exactly one."""
        key = person_key(actor.name)
        if len(key.split()) != 1:
            return None
        candidates = self._by_surname.get(key.removeprefix("person:"), set())
        return next(iter(candidates)) if len(candidates) == 1 else None
