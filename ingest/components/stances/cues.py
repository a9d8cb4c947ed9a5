"""Clause cues: a reported or quoted clause that carries a position with no stance verb.

  modal       "Mr Howard said Britain should take its fair share"   -> DEMAND +1 (any subject)
              "she said her party would boost maternity pay"        -> PLEDGE +1 (speaker's own side)
  evaluation  "he said the plans were not racist"                   -> +1 on the plans
              "it is absolutely vital that we continue to support …" -> +1 on the extraposed clause
              "Biden was right to warn about …"                     -> +1 on the infinitive
  improbable  "the UK is unlikely to supply jets"                   -> REJECT the infinitive

`read` only looks at the clause; who holds it (the speaker of the governing speech verb or of
the quote) and whether a PLEDGE's subject is the speaker's side are clause_stance.py's business.
Negation of the clause or of the evaluative word flips the polarity. The cue words are data
(patterns/clause_cues.json).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

CUE_CLAUSE_DEPS = {"ROOT", "ccomp", "conj"}  # where a clause that may carry a cue hangs
EXPLETIVES = {"it", "this", "that", "there"}
NEGATED_KIND = {"DEMAND": "OPPOSE", "PLEDGE": "REJECT", "SUPPORT": "CRITICIZE", "CRITICIZE": "SUPPORT"}


@dataclass(frozen=True)
class ClauseCue:
    kind: str
    polarity: int
    content: list[Token]  # roots of the content phrase
    subject: Token | None  # the clause's subject, left out of the label when it is the holder's side
    own_side: bool  # True: a stance only if the subject is the holder's own side (a promise)


class ClauseReader:
    def __init__(self, cues: dict, negations: set[str]):
        self.modals, self.negations = cues["modals"], negations
        self.positive, self.negative, self.improbable = cues["positive"], cues["negative"], cues["improbable"]
        self.policy_verbs = cues["policy_verbs"]

    def read(self, tok: Token) -> ClauseCue | None:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in CUE_CLAUSE_DEPS:
            return None
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None and tok.dep_ == "ccomp":  # "warned the UK is unlikely to …": UK parsed as object
            subject = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
        if tok.lemma_ == "be":
            predicate = next((c for c in tok.children if c.dep_ in ("acomp", "attr")), None)
            return self._evaluation(tok, predicate, subject) if predicate is not None else None
        modal = next((self.modals[c.lower_] for c in tok.children
                      if c.dep_ == "aux" and c.lower_ in self.modals), None)
        if modal is None or tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return None  # a bare conjunct shares its first verb's modal, read there
        flipped = self._negated(tok)
        kind = NEGATED_KIND[modal] if flipped else modal
        return ClauseCue(kind, -1 if flipped else 1, [tok], subject, own_side=modal == "PLEDGE")

    def _evaluation(self, copula: Token, predicate: Token, subject: Token | None) -> ClauseCue | None:
        lemma = predicate.lemma_.lower()
        if lemma in self.improbable:
            content, kind = self._infinitive_of(predicate), "REJECT"
            if content is None:
                return None
            polarity = 1 if self._negated(copula) ^ self._negated(predicate) else -1
            return ClauseCue(kind if polarity < 0 else "SUPPORT", polarity, [content], subject, own_side=True)
        if lemma in self.positive:
            polarity = 1
        elif lemma in self.negative:
            polarity = -1
        else:
            return None
        if self._negated(copula) ^ self._negated(predicate):
            polarity = -polarity
        infinitive = self._infinitive_of(predicate)
        extraposed = next((c for c in (*copula.children, *predicate.children) if c.dep_ in ("ccomp", "xcomp")), None)
        if infinitive is not None:  # "Biden was right to warn about …"
            content = [infinitive]
        elif subject is not None and subject.lower_ in EXPLETIVES:
            if extraposed is None:
                return None  # "it was misdirected": what 'it' is lies outside the clause
            content = [extraposed]
        elif subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            content = [subject]
        else:
            return None
        return ClauseCue("SUPPORT" if polarity > 0 else "CRITICIZE", polarity, content, None, own_side=False)

    @staticmethod
    def _infinitive_of(predicate: Token) -> Token | None:
        return next((c for c in predicate.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)

    def _negated(self, tok: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in self.negations) for c in tok.children)
