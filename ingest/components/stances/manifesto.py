"""The journalist's own voice: 'The Lib Dems would abolish tuition fees' reports a party's pledge."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extensions import StanceRef
from ..positions import label_and_key
from ..reference import MentionResolver
from .cues import ClauseCue
from .polarity import modality_of
from .speaker import represents
from .tables import StanceTables


def manifesto(doc: Doc, tok: Token, cue: ClauseCue, resolver: MentionResolver, sent: tuple[int, int],
              tables: StanceTables) -> list[StanceRef]:
    """A 'will'/'would' clause is a pledge only for a body (not a person) named as the subject of a
    main clause with a policy verb ('Russia will attack' is a prediction, 'it would cost' nobody's
    promise, 'would have provided' a counterfactual)."""
    if not cue.own_side or cue.polarity < 0 or tok.dep_ != "ROOT" or cue.subject is None \
            or tok.lemma_.lower() not in tables.cues.policy_verbs or tok.tag_ == "VBN":
        return []
    holder, how = resolver.resolve(cue.subject)
    if holder is None or how not in ("name", "proxy") or doc._.sg_actors[holder].kind == "person":
        return []  # "Anton would spend 45 days in captivity" narrates; parties and states pledge
    label, key = label_and_key(cue.content, tables.gazetteer, tables.grammar, {t.i for t in cue.subject.subtree})
    if not key:
        return []
    return [StanceRef(actor=holder, kind="PLEDGE", polarity=1, label=label, key=key, sent=sent, confidence=0.5,
                      modality=modality_of(tok, tok, tok, tables.grammar), on_behalf_of=represents(doc, holder, None),
                      cameo=tables.kinds["PLEDGE"]["cameo"], plover=tables.kinds["PLEDGE"]["plover"],
                      frame_token=tok.i)]
