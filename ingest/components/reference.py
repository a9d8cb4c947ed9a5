"""Who a token refers to: a named mention, a proxy ("Trump's administration"), a role
description ("the Ukrainian president"), a collective noun ("the government", "the alliance"),
a pronoun, or the speaker of the quote it sits in.

Pronouns follow salience: 'he'/'she' is the latest person named as a subject in its sentence or
the one before (else the latest person named), 'it' the latest state or organization subject,
'they' the latest coordinated subject or group.

One `MentionResolver` is built per Doc (after actors and roles) and answers in O(log n) per token,
so stance extraction stays linear in the document length.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from .syntax import RELATIVE_TAGS, SUBJECT_DEPS

PRONOUN_WINDOW = 120  # tokens: a pronoun further than this from any person stays unresolved


class MentionResolver:
    def __init__(self, doc: Doc, grammar: dict, title_heads: set[str]):
        self.doc, self.grammar, self.title_heads = doc, grammar, title_heads
        self.mention: dict[int, int] = doc._.sg_mention or {}
        actors = doc._.sg_actors or []
        persons, others, subjects = [], [], []
        for idx, actor in enumerate(actors):
            for start, end in actor.mentions:
                (persons if actor.kind == "person" else others).append((start, idx))
                if actor.kind == "person" and doc[start:end].root.dep_ in SUBJECT_DEPS:
                    subjects.append((start, idx))
        self.persons, self.others, self.subject_persons = sorted(persons), sorted(others), sorted(subjects)
        self.roles = doc._.sg_roles or []
        self.quote_at: dict[int, int] = {}
        for qi, quote in enumerate(doc._.sg_quotes or []):
            for i in range(quote.start, quote.end):
                self.quote_at[i] = qi

    def speaker(self, tok: Token) -> int | None:
        qi = self.quote_at.get(tok.i)
        return None if qi is None else self.doc._.sg_quotes[qi].speaker

    def resolve(self, tok: Token, depth: int = 0) -> tuple[int | None, str]:
        """(actor index or None, how): how is name | proxy | description | pronoun | speaker."""
        if tok.i in self.mention:
            return self.mention[tok.i], "name"
        lower, g = tok.lower_, self.grammar
        if lower in g["first_person"]:
            return self.speaker(tok), "speaker"
        if lower in g["person_pronouns"]:
            return self._person_pronoun(tok, depth), "pronoun"
        if lower in g["thing_pronouns"]:
            return self._sentence_subject(tok, depth), "pronoun"
        if lower in g["plural_pronouns"]:
            found = self._plural_antecedent(tok, depth)
            return (found[0] if found else None), "pronoun"
        if tok.tag_ in RELATIVE_TAGS and tok.head.dep_ == "relcl" and depth < 2:
            return self.resolve(tok.head.head, depth + 1)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None, ""
        modifier = self._modifier_actor(tok)
        if tok.lemma_.lower() in g["proxy_nouns"] and modifier is not None:
            return modifier, "proxy"
        if tok.lemma_.lower() in self.title_heads and tok.tag_ in ("NN", "NNP"):  # not "the leaders"
            return self._role_holder(tok, modifier), "description"
        collective = g["collective_nouns"].get(tok.lemma_.lower())
        if collective is not None and modifier is None and tok.dep_ in SUBJECT_DEPS + ("poss", "pobj") and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return self._collective(tok, collective), "description"
        return None, ""

    def resolve_all(self, tok: Token) -> list[tuple[int, str]]:
        """Every actor `tok` refers to: 'they' may be several ("France and Germany … they")."""
        if tok.lower_ in self.grammar["plural_pronouns"] and tok.i not in self.mention:
            return [(idx, "pronoun") for idx in self._plural_antecedent(tok, 0)]
        idx, how = self.resolve(tok)
        return [] if idx is None else [(idx, how)]

    def _plural_antecedent(self, tok: Token, depth: int) -> list[int]:
        """'they': the latest subject in this sentence or the one before that is coordinated
        actors, a group or organization, or a plural proxy ("Russian officials")."""
        if depth >= 2:
            return []
        actors = self.doc._.sg_actors
        first = self.doc[max(tok.sent.start - 1, 0)].sent.start
        for cand in reversed(self.doc[first:tok.i]):
            if cand.dep_ not in SUBJECT_DEPS or cand.pos_ == "PRON":
                continue
            conjuncts = [cand] + [c for c in cand.children if c.dep_ == "conj"]
            found = [idx for idx in (self.resolve(c, depth + 1)[0] for c in conjuncts) if idx is not None]
            if len(conjuncts) > 1 and found:
                return list(dict.fromkeys(found))
            if found and (actors[found[0]].kind in ("group", "organization") or cand.tag_ == "NNS"):
                return found[:1]
        return []

    def _collective(self, tok: Token, kind: str) -> int | None:
        """'the government', 'ministers': the state the article's office-holders represent (else its
        most-named state); 'the alliance', 'the bloc': the latest group named before."""
        actors = self.doc._.sg_actors
        if kind == "group":
            pos = bisect_left(self.others, (tok.i, -1))
            return next((idx for _, idx in reversed(self.others[:pos]) if actors[idx].kind == "group"), None)
        tally: dict[int, int] = {}
        for role in self.roles:
            if role.represents and role.of is not None and actors[role.of].kind == "state":
                tally[role.of] = tally.get(role.of, 0) + 1
        if not tally:
            tally = {idx: len(a.mentions) for idx, a in enumerate(actors) if a.kind == "state"}
        return max(tally, key=tally.get) if tally else None

    def _modifier_actor(self, tok: Token) -> int | None:
        """The actor named inside a noun phrase: possessor, national adjective, or 'of X'."""
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.mention:
                return self.mention[child.i]
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.i in self.mention:
                        return self.mention[pobj.i]
        return None

    def _role_holder(self, tok: Token, of: int | None) -> int | None:
        head = tok.lemma_.lower()
        holders = {r.person for r in self.roles
                   if r.title.lower().split()[-1] == head and (of is None or r.of == of)}
        if len(holders) == 1:
            return holders.pop()
        # "The president strongly stands behind ..." inside a quote: the speaker vouches for it.
        return self.speaker(tok) if holders else None

    def _sentence_subject(self, tok: Token, depth: int) -> int | None:
        """'it' is an actor only as a subject's state or organization before it, in its sentence
        ('the Kremlin has given little indication of whether it would accept') or, as a subject
        itself, in the one before (an 'it' is mostly an event)."""
        first = tok.sent.start if tok.dep_ not in SUBJECT_DEPS else self.doc[max(tok.sent.start - 1, 0)].sent.start
        for cand in reversed(self.doc[first:tok.i]):
            if cand.dep_ in SUBJECT_DEPS and cand.lower_ not in self.grammar["thing_pronouns"] and depth < 2:
                idx, _ = self.resolve(cand, depth + 1)  # "Russia’s defence ministry … as it accused"
                if idx is not None and self.doc._.sg_actors[idx].kind != "person":
                    return idx
        return None

    def _person_pronoun(self, tok: Token, depth: int) -> int | None:
        # "X said he ..." : the pronoun is the speaker of the governing speech verb.
        head = tok.head
        for _ in range(4):
            if head.lemma_ in self.grammar["speech_verbs"]:
                for child in head.children:
                    if child.dep_ == "nsubj" and child != tok and depth < 2:
                        found, _ = self.resolve(child, depth + 1)
                        if found is not None and self.doc._.sg_actors[found].kind == "person":
                            return found
            if head.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "aux", "nsubj") or head.head == head:
                break
            head = head.head
        first = self.doc[max(tok.sent.start - 1, 0)].sent.start
        salient = self._latest(self.subject_persons, tok.i)
        if salient is not None and any(first <= start < tok.i for start, idx in self.subject_persons if idx == salient):
            return salient
        return self._latest(self.persons, tok.i)

    @staticmethod
    def _latest(starts: list[tuple[int, int]], before: int) -> int | None:
        pos = bisect_left(starts, (before, -1)) - 1
        if pos >= 0 and before - starts[pos][0] <= PRONOUN_WINDOW:
            return starts[pos][1]
        return None
