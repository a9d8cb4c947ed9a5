"""Parse-tree facts that more than one component module relies on."""

from __future__ import annotations

from spacy.tokens import Token

POSSESSIVE_MARKERS = {"'s", "’s", "'", "’"}  # the possessive clitic, as the tokenizer splits it off
RELATIVE_TAGS = ("WDT", "WP")  # 'which', 'that', 'who' heading a relative clause
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MAX_CLIMB = 4  # links along a verb chain between a frame and its holder, speaker or inner frame


def after_possessive(tok: Token) -> bool:
    """The word right after a possessive clitic: 'Chile and Peru’s plans'."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is not None and before.dep_ == "case" and before.lower_ in POSSESSIVE_MARKERS
