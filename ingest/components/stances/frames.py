"""Which word is a stance frame (stance_frames.jsonl): its lemma and part of speech, and the
dependents the frame requires ('call for', 'come out against')."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import Frame
from ..syntax import MAX_CLIMB, RELATIVE_TAGS, after_possessive

POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "ADP": "ADP"}
PREDICATE_DEPS = {"attr", "acomp", "prep", "oprd", "xcomp", "ccomp"}  # what else a copula may predicate


def frame_of(tok: Token, frames: dict[tuple[str, str], Frame]) -> Frame | None:
    pos = POS.get(tok.pos_)
    if pos == "VERB" and after_possessive(tok):
        pos = "NOUN"  # "Chile and Peru’s plans to join": the tagger read 'plans' as a verb
    frame = frames.get((tok.lemma_.lower(), pos)) if pos else None
    if frame is not None and pos == "ADP" and not _predicate_of_be(tok):
        return None
    if frame is None or not frame.requires:
        return frame
    for child in tok.children:
        if child.dep_ in frame.requires or (child.dep_ in ("prt", "prep") and child.lower_ in frame.requires):
            return frame
    return None


def _predicate_of_be(tok: Token) -> bool:
    """'Britain is firmly against the plan', but not 'fought against Russia' nor 'is in Kyiv
    for talks' (the preposition is one of several things the copula says). A relative 'who is
    against …' is left out: the parser often hangs it on the wrong noun."""
    head = tok.head
    return tok.dep_ == "prep" and head.lemma_ == "be" \
        and any(c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS for c in head.children) \
        and not any(c.dep_ in PREDICATE_DEPS for c in head.children if c != tok)


def frames_below(tok: Token, frames: dict[tuple[str, str], Frame]) -> bool:
    """'would like to see', 'will continue to support': a frame in the verb chain reads it."""
    node = tok
    for _ in range(MAX_CLIMB):
        node = next((c for c in node.children if c.dep_ == "xcomp"), None)
        if node is None:
            return False
        if frame_of(node, frames) is not None:
            return True
    return False
