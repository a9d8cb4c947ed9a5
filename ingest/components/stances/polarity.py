"""Polarity and modality of a stance.

Polarity comes from the frame's kind, flipped by negation; 'whether'-clauses make it undecided.
Modality is conditional ("once a ceasefire …", "in the event of …") or hypothetical ("would");
'reported' (someone else's speech verb governs the clause) is decided with the speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicons import Frame
from ..positions import is_condition
from .tables import StanceTables


def polarity_of(tok: Token, clause_head: Token, root: Token, frame: Frame,
             tables: StanceTables) -> tuple[str, int, str]:
    """(kind, polarity, modality) of the frame word `tok` over the content `root`."""
    if clause_head.dep_ in ("ccomp", "pcomp", "pobj", "xcomp") and \
            any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause_head.children):
        return "UNDECIDED", 0, "hypothetical"  # "no indication of whether it would accept"
    # "will not approve", "is not ready to", "not going to send", "pledged not to send"
    nodes = {tok, clause_head} | ({root} if root.dep_ == "xcomp" and root.head == tok else set())
    negations = sum(1 for node in nodes if any(negates(c, tables.grammar) for c in node.children))
    base = frame.infinitive_kind if frame.infinitive_kind and root.dep_ == "xcomp" and root.head == tok \
        else frame.kind
    kind = tables.kinds[base]["negated"] if negations % 2 else base
    return kind, tables.kinds[kind]["polarity"], "asserted"


def negates(child: Token, grammar: dict) -> bool:
    """'not', 'never', and 'no' before a nominal frame ('had no intention of attacking')."""
    return child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in grammar["negations"]) \
        or (child.dep_ == "det" and child.lower_ == "no")


def modality_of(tok: Token, clause_head: Token, root: Token, grammar: dict) -> str:
    nodes = {tok, clause_head, root}
    if any(is_condition(c, grammar) for node in nodes for c in node.children) or \
            any(is_condition(t, grammar) for t in root.subtree if t.i - root.i < 30):
        return "conditional"
    if any(c.dep_ == "aux" and c.lower_ in grammar["hypothetical_aux"] for node in nodes for c in node.children):
        return "hypothetical"
    return "asserted"
