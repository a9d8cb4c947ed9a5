"""What anaphoric content points back to: 'rejected the demand' (the latest earlier demand,
anaphora.json), 'ratify them' (the noun phrase 'them' stands for)."""

from __future__ import annotations

from spacy.tokens import Token

from ..extensions import StanceRef
from .tables import StanceTables

PRONOUN_NUMBER = {"it": "singular", "this": "singular", "that": "singular",
                  "them": "plural", "these": "plural", "those": "plural"}
NP_SLOTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"}  # where an antecedent stands


def is_anaphor(root: Token, tables: StanceTables) -> bool:
    """A pronoun, or a definite anaphoric noun with no content of its own ('the demand')."""
    if root.pos_ == "PRON":
        return True
    return (root.lemma_.lower() in tables.anaphoric_nouns
            and any(c.dep_ in ("det", "poss") and c.lower_ in tables.grammar["anaphoric_dets"] for c in root.children)
            and not any(c.dep_ in ("prep", "acl", "relcl", "ccomp", "compound", "amod") for c in root.children))


def antecedent(root: Token, previous: list[StanceRef], tables: StanceTables) -> StanceRef | None:
    """'Zelenskiy has repeatedly rejected the demand': the latest earlier proposition the noun can
    stand for: one of its kinds, or about what it is about ('the bids' -> joining)."""
    lemma = root.lemma_.lower()
    noun = tables.anaphoric_nouns[lemma]
    for stance in reversed(previous):
        words = set(stance.key.split())
        if lemma in words or noun.about & words or not noun.kinds or stance.kind in noun.kinds:
            return stance
    return None


def pronoun_antecedent(pronoun: Token, avoid: set[int], tables: StanceTables) -> Token | None:
    """The latest noun phrase before `pronoun`, in its sentence or the one before, that agrees in
    number and names no actor by a common noun ('them' in 'urged all allies to ratify them' is not
    the allies). A name of an actor counts: 'support them' may mean Sweden and Finland."""
    number = PRONOUN_NUMBER.get(pronoun.lower_)
    if number is None:
        return None
    doc = pronoun.doc
    first = doc[max(pronoun.sent.start - 1, 0)].sent.start
    for tok in reversed(doc[first:pronoun.i]):
        if tok.i in avoid or tok.dep_ not in NP_SLOTS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in tables.actor_nouns:
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
        if plural == (number == "plural"):
            return tok
    return None
