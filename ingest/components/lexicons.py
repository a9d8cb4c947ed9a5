"""The data tables of ingest/patterns/: reading them, and shaping them for the components.

A table is one data file, named by its stem ("grammar" is grammar.json, "stance_frames" is
stance_frames.jsonl), in its raw form: the file's JSON object, or a JSON Lines file's rows. Each
component keeps the raw tables it was initialized with (see tables.py) and shapes them once with the
functions below; nothing here is cached or read per document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PATTERNS = Path(__file__).resolve().parent.parent / "patterns"


def fold(text: str) -> str:
    """Lookup form of a name: accents and case folded, punctuation to spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("'s", "").replace("’s", "")).strip()
    return re.sub(r"^the ", "", text)


# -- reading ----------------------------------------------------------------------------------

def read_patterns(names: Iterable[str], folder: Path = PATTERNS) -> dict[str, dict | list[dict]]:
    """The named tables from the data files in `folder`; JSON Lines rows with a "_comment" are notes;
    a two-column TSV is a mapping of its first column to its second ('#' lines are notes)."""
    tables = {}
    for name in names:
        jsonl, tsv = folder / f"{name}.jsonl", folder / f"{name}.tsv"
        if tsv.exists():
            rows = (line.split("\t", 1) for line in tsv.read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#"))
            tables[name] = {key: value for key, value in rows}
        elif jsonl.exists():
            rows = (json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip())
            tables[name] = [row for row in rows if "_comment" not in row]
        else:
            tables[name] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return tables


# -- gazetteer ------------------------------------------------------------------------------------

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


def gazetteer(countries: dict, actors: list[dict]) -> Gazetteer:
    """States and their names, capitals and demonyms (countries.json), then the institutions and
    groups of actors.jsonl."""
    by_form: dict[str, Referent] = {}
    states = countries["states"]
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
    skip = set(countries["not_ruler_patterns"])
    for iso3, st in states.items():
        for capital in st["capitals"]:
            if capital not in skip:
                patterns.append({"label": "GPE", "pattern": [{"ORTH": w} for w in capital.split()], "id": f"state:{iso3}"})
    for row in actors:
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


def not_actors(data: dict) -> frozenset[str]:
    return frozenset(fold(n) for n in data["names"])


# -- stance frames --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    lemma: str
    pos: str  # VERB | NOUN | ADJ | ADP
    kind: str
    cameo: str
    requires: tuple[str, ...]
    confidence: float
    infinitive_kind: str | None = None  # the kind when the content is a to-infinitive ("seek to join")


def frames(rows: list[dict], kinds: dict[str, dict]) -> dict[tuple[str, str], Frame]:
    """Stance frames keyed by (lemma, coarse POS); `kinds` as shaped by `stance_kinds`."""
    out = {}
    for row in rows:
        pos = row["pos"]
        out[(row["lemma"], pos)] = Frame(row["lemma"], pos, row["kind"], row.get("cameo") or kinds[row["kind"]]["cameo"],
                                         tuple(row.get("requires", ())), row.get("confidence", 0.8),
                                         row.get("infinitive_kind"))
    return out


def stance_verbs(rows: list[dict]) -> set[str]:
    """Lemmas of the verbal frames."""
    return {row["lemma"] for row in rows if row["pos"] == "VERB"}


def stance_kinds(data: dict) -> dict[str, dict]:
    return {k: v for k, v in data.items() if not k.startswith("_")}


@dataclass(frozen=True)
class AnaphoricNoun:
    kinds: frozenset[str]  # stance kinds it may point back to; empty: any
    about: frozenset[str]  # position-key words that identify its antecedent ("bid" -> "join")


def anaphora(data: dict) -> dict:
    """{"nouns": lemma -> AnaphoricNoun, "actor_nouns": set of lemmas}."""
    nouns = {lemma: AnaphoricNoun(frozenset(row["kinds"]), frozenset(row.get("about", ())))
             for lemma, row in data["nouns"].items()}
    return {"nouns": nouns, "actor_nouns": frozenset(data["actor_nouns"])}


def clause_cues(data: dict) -> dict:
    """Modal auxiliaries -> kind, and the evaluative and policy word lists."""
    return {"modals": data["modals"], "positive": frozenset(data["positive"]),
            "negative": frozenset(data["negative"]), "improbable": frozenset(data["improbable"]),
            "policy_verbs": frozenset(data["policy_verbs"])}


# -- titles, grammar, boilerplate -----------------------------------------------------------------

def titles(data: dict) -> dict:
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


def title_words(shaped: dict) -> set[str]:
    """Every word of a title, and honorifics: stripped from PERSON entities ('President Trump',
    'Mr Trump' -> 'Trump'); `shaped` is what `titles` returns."""
    return {w for seq in shaped["sequences"] for w in seq} | shaped["modifiers"] | shaped["honorifics"]


def title_heads(shaped: dict) -> set[str]:
    """Last words of representing titles: 'the Ukrainian president' is a role description."""
    return {seq[-1] for seq, represents in shaped["sequences"].items() if represents}


def grammar(data: dict) -> dict:
    return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items() if not k.startswith("_")}


def boilerplate(data: dict) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE)
