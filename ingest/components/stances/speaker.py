"""Who reports a stance, and whom a person speaks for: a person reporting for the state he
represents is credited, with on_behalf_of set ("Merz signaled that Germany is ready …")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..reference import MentionResolver
from ..syntax import MAX_CLIMB

if TYPE_CHECKING:  # attributed.py reads clauses, which ask for their speaker here
    from .attributed import AttributedResolver


def speaker_of(clause_head: Token, resolver: AttributedResolver, grammar: dict) -> int | None:
    """The source of the attribution whose content holds the stance's clause ('Merz said …',
    '…, say the Tories', 'according to X'), when the attribution component resolved it; else the
    subject of a speech verb that governs the clause, else the speaker of the quote it is in."""
    speaker = resolver.reporter(clause_head)
    if speaker is not None:
        return speaker
    node = clause_head
    for _ in range(MAX_CLIMB):
        if node.dep_ not in ("ccomp", "conj") or node.head == node:
            break
        node = node.head
        if node.lemma_ in grammar["speech_verbs"]:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            return resolver.resolve(subject)[0] if subject is not None else None
    return resolver.speaker(clause_head)


def represents(doc: Doc, person: int, state: int | None) -> int | None:
    """The state/organization a person speaks for by role (restricted to `state` if given)."""
    actors = doc._.sg_actors
    if actors[person].kind != "person":
        return None
    for role in doc._.sg_roles:
        if role.person == person and role.represents and role.of is not None \
                and actors[role.of].kind != "person" and (state is None or role.of == state):
            return role.of
    return None


def own_side(subject: Token, holder: int, resolver: MentionResolver, grammar: dict) -> bool:
    """The speaker, the body the speaker represents, 'we', 'they', or 'his party'."""
    lower = subject.lower_
    if (lower in grammar["first_person"] and subject.pos_ == "PRON") or lower == "they":  # not "the US"
        return True
    if any(c.dep_ == "poss" and c.pos_ == "PRON" and resolver.resolve(c)[0] in (holder, None)
           for c in subject.children) and subject.lemma_.lower() in grammar["own_side_nouns"]:
        return True
    actor, _ = resolver.resolve(subject)
    return actor is not None and actor in (holder, represents(resolver.doc, holder, None))
