"""The stance finder's tables in the shape its functions read them, built once per initialize."""

from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons
from ..lexicons import AnaphoricNoun, Frame, Gazetteer
from .cues import ClauseReader


@dataclass(frozen=True)
class StanceTables:
    frames: dict[tuple[str, str], Frame]  # (lemma, coarse POS) -> frame
    kinds: dict[str, dict]  # stance kind -> polarity, negated kind, codes (kinds.json)
    grammar: dict
    gazetteer: Gazetteer
    title_heads: set[str]
    anaphoric_nouns: dict[str, AnaphoricNoun]  # 'the demand', 'the bids': what they point back to
    actor_nouns: frozenset[str]  # 'the allies', 'both countries': who, never what
    cues: ClauseReader

    @classmethod
    def shape(cls, tables: dict) -> StanceTables:
        """From the raw tables the stance finder is initialized with."""
        kinds = lexicons.stance_kinds(tables["kinds"])
        grammar = lexicons.grammar(tables["grammar"])
        anaphora = lexicons.anaphora(tables["anaphora"])
        return cls(frames=lexicons.frames(tables["stance_frames"], kinds), kinds=kinds, grammar=grammar,
                   gazetteer=lexicons.gazetteer(tables["countries"], tables["actors"]),
                   title_heads=lexicons.title_heads(lexicons.titles(tables["titles"])),
                   anaphoric_nouns=anaphora["nouns"], actor_nouns=anaphora["actor_nouns"],
                   cues=ClauseReader(lexicons.clause_cues(tables["clause_cues"]), grammar["negations"]))
