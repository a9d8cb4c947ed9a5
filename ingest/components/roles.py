"""Roles: (person, title, of-actor) from title patterns in all their shapes.

- pre-modifier:  "French President Emmanuel Macron", "US secretary of state Antony Blinken"
- apposition:    "Sweden's prime minister, Magdalena Andersson", "Jens Stoltenberg, Nato's
                 secretary general", "the former Russian president Dmitry Medvedev"
- relative:      "Steve Witkoff, who represented the US" fills a missing of-actor.
The title is the longest title word sequence in the phrase, with its modifiers ("Special envoy");
the of-actor is the other actor named in the phrase (state, organization, or a possessor person).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .extensions import RoleRef

MAX_PHRASE = 10  # tokens: a title phrase longer than this is not a title


class RoleFinder:
    def __init__(self, nlp: Language, name: str, *, titles: dict):
        self.name = name
        self.sequences: dict[tuple[str, ...], bool] = titles["sequences"]
        self.longest: int = titles["longest"]
        self.modifiers: set[str] = titles["modifiers"]
        self.agent_verbs: set[str] = titles["agent_verbs"]

    def __call__(self, doc: Doc) -> Doc:
        roles, seen = [], set()
        actors, mention = doc._.sg_actors, doc._.sg_mention
        for idx, actor in enumerate(actors):
            if actor.kind != "person":
                continue
            for start, end in actor.mentions:
                span = doc[start:end]
                for phrase in self._phrases(span):
                    role = self._role(doc, idx, span, phrase, mention)
                    if role and (role.person, role.title.lower(), role.of) not in seen:
                        seen.add((role.person, role.title.lower(), role.of))
                        roles.append(role)
        doc._.sg_roles = roles
        return doc

    # -- find ---------------------------------------------------------------------------------

    def _phrases(self, span: Span) -> list[list[Token]]:
        """Token lists that may hold the person's title: the words before the name in its noun
        phrase, the phrase the name is in apposition to, and the name's own appositions."""
        root, doc = span.root, span.doc
        phrases = [list(doc[max(root.left_edge.i, span.start - MAX_PHRASE):span.start])]
        if root.dep_ == "appos":
            head = root.head
            phrases.append([t for t in doc[max(head.left_edge.i, head.i - MAX_PHRASE):head.i + 1]
                            if not (span.start <= t.i < span.end)])
        # "Witkoff and Jared Kushner, Trump's son-in-law": the apposition after a coordination
        # belongs to the last conjunct, which the parser often leaves it hanging off the first.
        owner = root.head if root.dep_ == "conj" else root
        conjuncts = [c for c in owner.children if c.dep_ == "conj"]
        for child in owner.children:
            if child.dep_ != "appos" or child.i < span.end:
                continue
            last = max((c for c in conjuncts if c.i < child.i), key=lambda c: c.i, default=owner)
            if last is root:
                phrases.append(list(doc[child.left_edge.i:min(child.right_edge.i + 1, child.left_edge.i + MAX_PHRASE)]))
        return [p for p in phrases if p]

    def _title(self, phrase: list[Token]) -> tuple[list[Token], bool] | None:
        words = [t for t in phrase if t.is_alpha]
        lowers = [t.lower_ for t in words]
        for n in range(min(self.longest, len(words)), 0, -1):
            for i in range(len(words) - n, -1, -1):  # the title nearest the name wins
                represents = self.sequences.get(tuple(lowers[i:i + n]))
                if represents is not None:
                    first = i
                    while first > 0 and lowers[first - 1] in self.modifiers:
                        first -= 1
                    return words[first:i + n], represents
        return None

    # -- annotate -----------------------------------------------------------------------------

    def _role(self, doc: Doc, person: int, span: Span, phrase: list[Token],
              mention: dict[int, int]) -> RoleRef | None:
        found = self._title(phrase)
        if found is None:
            return None
        title_tokens, represents = found
        title = doc[title_tokens[0].i:title_tokens[-1].i + 1].text
        of = self._of_actor(phrase, person, mention, set(t.i for t in title_tokens))
        if of is None and represents:
            of = self._represented(span.root, mention)
        sent = span.sent
        return RoleRef(person=person, title=title, of=of, represents=represents, sent=(sent.start, sent.end))

    @staticmethod
    def _of_actor(phrase: list[Token], person: int, mention: dict[int, int], title_idx: set[int]) -> int | None:
        for tok in phrase:
            idx = mention.get(tok.i)
            if idx is not None and idx != person and tok.i not in title_idx:
                return idx
        return None

    def _represented(self, root: Token, mention: dict[int, int]) -> int | None:
        """'Steve Witkoff, who represented the US ...'"""
        for child in root.children:
            if child.dep_ == "relcl" and child.lemma_ in self.agent_verbs:
                for obj in child.children:
                    if obj.dep_ == "dobj" and obj.i in mention:
                        return mention[obj.i]
        return None
