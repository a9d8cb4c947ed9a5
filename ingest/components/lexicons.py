"""The data files in ingest/patterns/, read once per process and shared by every component.

Components receive these tables in their constructors; nothing here is re-read per document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def fold(text: str) -> str:
    """Lookup form of a name: accents and case folded, punctuation to spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("'s", "").replace("’s", "")).strip()
    return re.sub(r"^the ", "", text)


def _json(name: str) -> dict:
    return json.loads((PATTERNS / name).read_text(encoding="utf-8"))


def _jsonl(name: str) -> list[dict]:
    rows = []
    for line in (PATTERNS / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "_comment" not in row:
                rows.append(row)
    return rows


@dataclass(frozen=True)
class Referent:
    """What a surface form may name: a state, an institution standing for one, or a group."""

    key: str
    kind: str  # state | organization | group
    name: str
    iso3: str | None = None
    place: bool = False  # also a location: an actor only in an actor's syntactic slot
    via: str = "name"  # name | capital | demonym | institution


@dataclass(frozen=True)
class Gazetteer:
    by_form: dict[str, Referent]  # folded surface form -> referent
    ruler_patterns: list[dict]  # for spaCy's entity_ruler: institutions and groups the model misses


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_form: dict[str, Referent] = {}
    states = _json("countries.json")["states"]
    for iso3, st in states.items():
        key, name = f"state:{iso3}", st["name"]
        # Later kinds never overwrite earlier ones: a country's own name beats another's capital.
        for forms, via, place in ((st["names"], "name", False), (st["demonyms"], "demonym", False),
                                  (st["capitals"], "capital", True)):
            for form in forms:
                by_form.setdefault(fold(form), Referent(key, "state", name, iso3, place, via))
    patterns = []
    # Capitals are added to the entity ruler because the model misses some ("sought by Kyiv");
    # whether one names its state or a place is decided later, from its syntactic slot.
    skip = set(_json("countries.json")["not_ruler_patterns"])
    for iso3, st in states.items():
        for capital in st["capitals"]:
            if capital not in skip:
                patterns.append({"label": "GPE", "pattern": [{"ORTH": w} for w in capital.split()], "id": f"state:{iso3}"})
    for row in _jsonl("actors.jsonl"):
        iso3 = row["key"].split(":", 1)[1] if row["kind"] == "state" else None
        name = states[iso3]["name"] if iso3 else row["name"]
        ref = Referent(row["key"], row["kind"], name, iso3, row.get("place", False), "institution")
        for form in row["names"]:
            by_form[fold(form)] = ref  # institutions win over gazetteer forms ("Brussels")
            words = form.split()
            # One-word names are matched in their exact case ("UN" not "un", "Labour" not "labour
            # market"), longer names in any case.
            attr = "ORTH" if len(words) == 1 else "LOWER"
            pattern = [{attr: w if attr == "ORTH" else w.lower()} for w in words]
            patterns.append({"label": "ORG", "pattern": pattern, "id": row["key"]})
    return Gazetteer(by_form, patterns)


@lru_cache(maxsize=1)
def not_actors() -> frozenset[str]:
    return frozenset(fold(n) for n in _json("not_actors.json")["names"])


@dataclass(frozen=True)
class Frame:
    lemma: str
    pos: str  # VERB | NOUN | ADJ | ADP
    kind: str
    cameo: str
    requires: tuple[str, ...]
    confidence: float
    infinitive_kind: str | None = None  # the kind when the content is a to-infinitive ("seek to join")


@lru_cache(maxsize=1)
def frames() -> dict[tuple[str, str], Frame]:
    """Stance frames keyed by (lemma, coarse POS)."""
    kinds = stance_kinds()
    out = {}
    for row in _jsonl("stance_frames.jsonl"):
        pos = row["pos"]
        out[(row["lemma"], pos)] = Frame(row["lemma"], pos, row["kind"], row.get("cameo") or kinds[row["kind"]]["cameo"],
                                         tuple(row.get("requires", ())), row.get("confidence", 0.8),
                                         row.get("infinitive_kind"))
    return out


@lru_cache(maxsize=1)
def stance_kinds() -> dict[str, dict]:
    return {k: v for k, v in _json("kinds.json").items() if not k.startswith("_")}


@dataclass(frozen=True)
class AnaphoricNoun:
    kinds: frozenset[str]  # stance kinds it may point back to; empty: any
    about: frozenset[str]  # position-key words that identify its antecedent ("bid" -> "join")


@lru_cache(maxsize=1)
def anaphora() -> dict:
    """anaphora.json: {"nouns": lemma -> AnaphoricNoun, "actor_nouns": set of lemmas}."""
    data = _json("anaphora.json")
    nouns = {lemma: AnaphoricNoun(frozenset(row["kinds"]), frozenset(row.get("about", ())))
             for lemma, row in data["nouns"].items()}
    return {"nouns": nouns, "actor_nouns": frozenset(data["actor_nouns"])}


@lru_cache(maxsize=1)
def titles() -> dict:
    data = _json("titles.json")
    seqs = {}
    for title in data["represents"]:
        seqs[tuple(re.split(r"[\s-]+", title))] = True
    for title in data["relations"]:
        seqs[tuple(re.split(r"[\s-]+", title))] = False
    counterparts = {tuple(title.split()) for title in data["counterparts"]}
    for title in counterparts:
        seqs[title] = True
    return {"sequences": seqs, "longest": max(map(len, seqs)), "modifiers": set(data["modifiers"]),
            "counterparts": counterparts,
            "honorifics": set(data["honorifics"]),
            "agent_verbs": set(data["agent_verbs"])}


@lru_cache(maxsize=1)
def grammar() -> dict:
    data = _json("grammar.json")
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def boilerplate() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _json("boilerplate.json")["patterns"]), re.IGNORECASE)


@lru_cache(maxsize=1)
def clause_cues() -> dict:
    """Modal auxiliaries -> kind, and the evaluative and policy word lists, of clause_cues.json."""
    data = _json("clause_cues.json")
    return {"modals": data["modals"], "positive": frozenset(data["positive"]),
            "negative": frozenset(data["negative"]), "improbable": frozenset(data["improbable"]),
            "policy_verbs": frozenset(data["policy_verbs"])}
