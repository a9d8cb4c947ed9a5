"""The stance a clause cue makes (cues.py): a clause with no frame word carries a position by its
modal or an evaluative predicate ("X said Britain should …", "X said the plan was a mistake"). It
is a stance only of whoever is reported or quoted saying it; in the journalist's own voice it may
be a body's pledge (manifesto.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..extensions import StanceRef
from ..positions import label_and_key
from .anaphora import is_anaphor
from .cues import ClauseCue
from .manifesto import manifesto
from .polarity import modality_of, negates
from .speaker import own_side, represents, speaker_of
from .tables import StanceTables

if TYPE_CHECKING:  # attributed.py reads clauses with it
    from .attributed import AttributedResolver


def read_clause(doc: Doc, tok: Token, cue: ClauseCue, resolver: AttributedResolver, sent: tuple[int, int],
                tables: StanceTables) -> list[StanceRef]:
    grammar = tables.grammar
    holder = speaker_of(tok, resolver, grammar)
    if holder is None:
        return manifesto(doc, tok, cue, resolver, sent, tables)
    exclude: set[int] = set()
    # "they will be turned away": a passive subject undergoes the act, it promises nothing
    if cue.subject is not None and cue.subject.dep_ != "nsubjpass" and own_side(cue.subject, holder, resolver, grammar):
        exclude = {t.i for t in cue.subject.subtree}  # "her party would boost …" -> "boost …"
    elif cue.own_side:
        return []  # "X said Russia would …" is a prediction, not a promise
    # The polarity already says "not": "Kyiv must not be forced into …" is -1 on "forced into …".
    exclude |= {c.i for c in tok.children if negates(c, grammar)}
    label, key = label_and_key(cue.content, tables.gazetteer, grammar, exclude)
    if not key or is_anaphor(cue.content[0], tables):
        return []
    modality = modality_of(tok, tok, cue.content[0], grammar)
    return [StanceRef(actor=holder, kind=cue.kind, polarity=cue.polarity, label=label, key=key, sent=sent,
                      confidence=0.55, modality=modality, on_behalf_of=represents(doc, holder, None),
                      cameo=tables.kinds[cue.kind]["cameo"], plover=tables.kinds[cue.kind]["plover"],
                      frame_token=tok.i)]
