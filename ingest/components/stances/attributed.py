"""Stances take their holder from the attribution whose content states them.

The attribution component (components/attributions/) has already decided who said, thought or
wants what, with better speaker resolution than a frame's subject alone (gender, the subject in
focus, title phrases through the article's roles, a letter's signatory, a quote continuing the
previous speaker's). The stance finder reads it three ways:
  holder    a frame's subject that is an attribution's source mention is that attribution's
            speaker ("He urged the government to scrap the tax": the 'he' in focus, not the last
            name); 'I'/'we' in an attribution's content is its speaker;
  speaker   the reporter of a clause is the source of the innermost attribution whose content
            holds it ("Zelenskiy … said Ukraine needed jets": Zelenskiy, for Ukraine);
  position  a third party's stance inside someone's content belongs to the speaker when the
            speaker states it as an obligation: "the EU said the US should back Ukraine's entry
            into the WTO" is the EU's demand that the US back it (the embedded subject is part of
            the position), not a US stance; and to nobody when the speaker only believes, fears or
            hopes it ("he feared Putin intended to level Ukrainian cities" is no Putin stance).
Each stance keeps the attribution that states it (`StanceRef.attribution`): the one whose cue
is the frame word ("Zelenskiy has rejected the demand"), else the innermost one whose content
holds it; none for an action in the journalist's own voice.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extensions import AttributionRef, StanceRef
from ..reference import MentionResolver
from ..syntax import MAX_CLIMB
from .clause_stance import read_clause
from .tables import StanceTables

DEONTIC = ("DEMAND", "OPPOSE")  # a modal clause cue's kinds for 'should', 'must', 'ought' (negated: OPPOSE)


class AttributedResolver(MentionResolver):
    """The mention resolver, told by the doc's attributions who their sources are."""

    def __init__(self, doc: Doc, grammar: dict, title_heads: set[str]):
        super().__init__(doc, grammar, title_heads)
        self.attributions: list[AttributionRef] = doc._.sg_attributions or []
        self.content_at = [-1] * len(doc)  # token -> innermost attribution whose content holds it
        # Longest first, so a shorter (inner) content written later wins: "Johnson said he feared …".
        for n in sorted(range(len(self.attributions)), key=lambda n: -len(self.attributions[n].tokens())):
            for start, end in self.attributions[n].contents:
                self.content_at[start:end] = [n] * (end - start)
        self.cue_at: dict[int, int] = {}  # the cue's head word -> attribution
        self.source_at: dict[int, int] = {}  # the root of a source mention -> attribution
        for n, a in enumerate(self.attributions):
            self.cue_at.setdefault(a.head, n)
            if a.source is not None:
                self.source_at.setdefault(doc[a.source[0]:a.source[1]].root.i, n)

    def resolve(self, tok: Token, depth: int = 0) -> tuple[int | None, str]:
        n = self.source_at.get(tok.i)
        if n is not None and not any(c.dep_ == "conj" for c in tok.children):  # "France and the UK said": both
            a = self.attributions[n]
            if a.speaker is not None:
                return a.speaker, "name" if a.how == "name" else "attribution"
            if tok.lower_ in self.grammar["person_pronouns"]:
                return None, ""  # no person of that gender in reach: not the latest name either
        found = super().resolve(tok, depth)
        n = self.content_at[tok.i]
        if found[1] == "pronoun" and n >= 0 and found[0] == self.attributions[n].speaker and tok.i in self.quote_at:
            return None, ""  # '“… he wants to double down …,” he told': in their own words, speakers say 'I'
        return found

    def speaker(self, tok: Token) -> int | None:
        """'I'/'we' and a role's holder inside quoted or reported words: the attribution's speaker."""
        n = self.content_at[tok.i]
        if n >= 0 and self.attributions[n].speaker is not None:
            return self.attributions[n].speaker
        return super().speaker(tok)

    def reporter(self, tok: Token) -> int | None:
        """The speaker of the attribution whose content holds `tok`."""
        n = self.content_at[tok.i]
        return self.attributions[n].speaker if n >= 0 else None

    def stating(self, tok: Token) -> int | None:
        """The attribution that states the stance whose frame word is `tok`."""
        n = self.cue_at.get(tok.i)
        if n is None and self.content_at[tok.i] >= 0:
            n = self.content_at[tok.i]
        return n


def settle(doc: Doc, tok: Token, found: list[StanceRef], resolver: AttributedResolver, sent: tuple[int, int],
           tables: StanceTables) -> list[StanceRef]:
    """The stances of the frame word `tok` as the attribution whose content holds it has them: a
    third party's stance is the speaker's demand when the speaker says it should happen, and no
    one's when the speaker only believes, fears or wishes it."""
    n = resolver.content_at[tok.i]
    speaker = resolver.attributions[n].speaker if n >= 0 else None
    if speaker is None or not found:
        return found
    if _conjectured(tok, resolver.attributions[n].head, tables.grammar):
        return [s for s in found if s.actor == speaker]
    cue = tables.cues.read(tok)
    if cue is not None and cue.kind in DEONTIC and cue.subject is not None and \
            not _is_speaker(cue.subject, speaker, resolver, tables.grammar):  # "the US should back …"
        return read_clause(doc, tok, cue, resolver, sent, tables)
    return found


def _conjectured(tok: Token, cue_head: int, grammar: dict) -> bool:
    """A 'believe', 'fear' or 'hope' between the frame word and the attribution's cue governs it
    ("he said he feared Putin intended …")."""
    node = tok
    for _ in range(MAX_CLIMB + 1):
        if node.head == node or node.dep_ not in ("ccomp", "xcomp"):  # "he believed … and that he wanted": not under
            break
        node = node.head
        if node.lemma_ in grammar["conjecture_verbs"]:
            return True
        if node.i == cue_head:
            break
    return False


def _is_speaker(subject: Token, speaker: int, resolver: AttributedResolver, grammar: dict) -> bool:
    """'we should back …' is the speaker's own stance, read by the frame."""
    return (subject.lower_ in grammar["first_person"] and subject.pos_ == "PRON") or \
        resolver.resolve(subject)[0] == speaker
