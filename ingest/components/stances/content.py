"""What a frame is about: its content root (the complement clause, infinitive, object or
prepositional object), and the target when an actor object stands next to other content
("asked Trump for guarantees")."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import Frame
from ..syntax import RELATIVE_TAGS
from .tables import StanceTables

REFLEXIVE = ("self", "selves")


def content_of(tok: Token, frame: Frame, mention: dict[int, int],
            tables: StanceTables) -> tuple[Token | None, Token | None, set[int]]:
    """(content root, target token, token indices to leave out of the content)."""
    children = list(tok.children)
    if frame.pos == "ADP":
        return pobj(tok), None, set()
    if frame.pos == "NOUN":
        for child in children:
            if child.dep_ in ("acl", "ccomp", "relcl", "xcomp") and any(c.dep_ in ("aux", "mark") for c in child.children):
                return child, None, set()
            if child.dep_ == "prep" and child.lower_ in ("for", "to", "of", "against", "on", "over"):
                return pobj(child), None, set()
        return None, None, set()
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "guarantees long sought by Kyiv"
        return tok.head, None, {t.i for t in tok.subtree}
    relativized = _relativized(tok)
    if relativized is not None:
        return relativized, None, {t.i for t in tok.subtree}
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive:
        return passive[0], None, set()
    grammar = tables.grammar
    # "Labour has committed itself to childcare": a reflexive object is the holder again.
    objects = [c for c in children if c.dep_ in ("dobj", "dative", "oprd") and not c.lower_.endswith(REFLEXIVE)]
    # "supports Finland and Sweden joining Nato": a gerund right after the object is its predicate.
    clause = next((c for c in children if c.dep_ in ("xcomp", "ccomp")
                   and not (objects and gerund(tok, objects[0]) == [c])), None) or \
        (None if objects else _subject_gerund(tok))
    prep_heads = [c for c in children if c.dep_ == "prep" and c.i > tok.i and
                  (c.lower_ in frame.requires or c.lower_ in grammar["content_preps"])]
    preps = [p for p in map(pobj, prep_heads) if p is not None]
    # An actor object is the target when the content is elsewhere: "urged Ankara to drop its
    # veto", "asked Trump for guarantees", "accused Kyiv of …" (but "support Ukraine to the end").
    other = clause or next((pobj(c) for c in prep_heads if c.lower_ in grammar["target_preps"]
                            and pobj(c) is not None and pobj(c).i not in mention), None)
    for obj in objects + preps:
        if _names_actor(obj, mention, tables) and other is not None and other != obj:
            return other, obj, set()
    if frame.pos == "ADJ" and clause is None:
        return (preps[0] if preps else None), None, set()
    return clause or (objects[0] if objects else None) or (preps[0] if preps else None), None, set()


def _relativized(tok: Token) -> Token | None:
    """The noun a relative clause's frame is about: 'the rocket systems for which Kyiv has been
    appealing', 'the tanks Poland requested', 'a UN court, something the US opposes' (the noun
    'something' stands for). None when the relative pronoun is the subject ('Kyiv, which
    opposes …': the head is the holder) or the frame has its own object or clause."""
    if tok.dep_ != "relcl":
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in RELATIVE_TAGS:
        return None
    args = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")] + \
        [g for c in tok.children if c.dep_ == "prep" and c.i < tok.i for g in c.children if g.dep_ == "pobj"]
    if any(a.tag_ not in RELATIVE_TAGS for a in args):
        return None
    noun = tok.head
    if noun.pos_ == "PRON":  # "…, something the US opposes": the main clause's argument before it
        root = noun.sent.root
        noun = next((t for t in reversed(noun.doc[noun.sent.start:noun.i]) if t.dep_ in ("dobj", "pobj", "attr")
                     and t.pos_ in ("NOUN", "PROPN") and root in (t.head, t.head.head)), None)
    return noun


def _names_actor(tok: Token, mention: dict[int, int], tables: StanceTables) -> bool:
    """A name, 'both countries', 'the allies', 'them': who, not what."""
    return tok.i in mention or (tok.pos_ == "NOUN" and tok.lemma_.lower() in tables.actor_nouns) or \
        (tok.pos_ == "PRON" and tok.lower_ in tables.grammar["object_pronouns"])


def _subject_gerund(tok: Token) -> Token | None:
    """'would not approve Sweden and Finland joining Nato': the parser reads the object as the
    subject of a gerund clause hung on the verb; right after the verb, that clause is the object."""
    nxt = tok.i + 1 + sum(1 for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1)
    return next((c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.left_edge.i == nxt
                 and any(g.dep_ == "nsubj" for g in c.children)), None)


def gerund(tok: Token, root: Token) -> list[Token]:
    """'supports Sweden and Finland joining Nato': the parser hangs the gerund on the verb."""
    return [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and c.i == root.right_edge.i + 1
            and not any(g.dep_ == "nsubj" for g in c.children)]


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
