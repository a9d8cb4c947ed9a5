"""Who holds a stance: the subject of the frame (through 'to'-infinitives, coordination and
noun-phrase attachments), the agent of a passive, or the possessor of a nominal frame."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import Frame
from ..syntax import MAX_CLIMB, after_possessive
from .tables import StanceTables

CLIMB_DEPS = {"xcomp", "conj", "acl", "pobj", "prep", "advcl", "dobj", "pcomp", "acomp"}


def holders_of(tok: Token, frame: Frame, mention: dict[int, int], tables: StanceTables) -> list[Token]:
    if frame.pos == "NOUN":
        return _nominal_holders(tok, mention, tables)
    for child in tok.children:  # passive: "security guarantees long sought by Kyiv"
        if child.dep_ == "agent":
            return [g for g in child.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        return []  # "once a ceasefire is agreed": agreed by nobody named
    node = tok
    for _ in range(MAX_CLIMB):
        # Above the frame a passive subject controls too: "Turkey was reported to be considering …"
        subject_deps = ("nsubj",) if node == tok else ("nsubj", "nsubjpass")
        subjects = [c for c in node.children if c.dep_ in subject_deps]
        if subjects:
            return coordinated(subjects)
        if node.dep_ not in CLIMB_DEPS or node.head == node:
            break
        came_by_complement = node.dep_ in ("xcomp", "pcomp")
        node = node.head if node.head.dep_ != "prep" or node.dep_ != "pcomp" else node.head.head
        objects = [c for c in node.children if c.dep_ == "dobj"]
        if came_by_complement and objects:  # object control: "accused Kyiv of refusing to …"
            return coordinated(objects)
    return []


def _nominal_holders(tok: Token, mention: dict[int, int], tables: StanceTables) -> list[Token]:
    """'Russia's demand', 'the Turkish objection', 'pleas from Ukraine', 'Ankara raised objections',
    'the US came out in support of …', 'Finland and Sweden's plans' (possessor parsed apart)."""
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in mention):
            return coordinated([child], possessors=True)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return [g for g in child.children if g.dep_ == "pobj"]
    if after_possessive(tok.left_edge):
        possessor = tok.doc[tok.left_edge.i - 1].head
        while possessor.dep_ == "conj":  # "Finland and Sweden’s": both possess
            possessor = possessor.head
        return coordinated([possessor], possessors=True)
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in tables.grammar["stance_preps"] else \
        tok.head if tok.dep_ == "dobj" and (tok.head.lemma_.lower(), "VERB") not in tables.frames else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        return coordinated([c for c in verb.children if c.dep_ == "nsubj"])
    return []


def coordinated(subjects: list[Token], possessors: bool = False) -> list[Token]:
    """Subjects with their conjuncts ('France and the UK'); a conjunct the parser attached
    as nmod with its own 'and' ("Trump's administration and Ukraine's allies") counts too."""
    out, stack = [], list(subjects)
    while stack:
        tok = stack.pop()
        if tok.pos_ in ("AUX", "VERB"):  # "he’s asked": the clitic took the subject slot
            stack.extend(c for c in tok.children if c.dep_ == "nsubj")
            continue
        if not possessors and any(c.dep_ == "case" for c in tok.children):
            continue  # "… and Ukraine’s allies" misparsed: a possessor is not a subject
        out.append(tok)
        for child in tok.children:
            if child.dep_ == "conj" or (child.dep_ == "nmod" and any(c.dep_ == "cc" for c in child.children)):
                stack.append(child)
    return sorted(out, key=lambda t: t.i)
