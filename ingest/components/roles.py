"""Roles: (person, title, of-actor) from title patterns in all their shapes.

- pre-modifier:  "French President Emmanuel Macron", "US secretary of state Antony Blinken"
- apposition:    "Sweden's prime minister, Magdalena Andersson", "Jens Stoltenberg, Nato's
                 secretary general", "the former Russian president Dmitry Medvedev"
- relative:      "Ben Wallace, who is Britain's defence secretary"; "Steve Witkoff, who represented the US"
                 fills a missing of-actor.
- counterpart:   "his Australian counterpart, Penny Wong" takes the title of the person 'his' refers to.
- description:   "Boris Johnson has warned … The prime minister also admitted …": a definite
                 title with no name, as a subject, names the person last mentioned before it (within
                 two sentences) unless that person already holds another title.
The title is the longest title word sequence in the phrase, with its modifiers ("Special envoy");
the of-actor is the other actor named in the phrase (state, organization, or a possessor person).
A representing title with no of-actor takes the state the holder speaks for: the state that is the
subject of the clauses he is reported saying ("Johnson said the UK would …").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicons
from .extensions import RoleRef, register_extensions
from .syntax import SUBJECT_DEPS
from .tables import TableComponent

DESCRIPTION_REACH = 2  # sentences back to the person a bare title describes


class RoleFinder(TableComponent):
    TABLES = ("titles", "grammar")

    def __init__(self, nlp: Language, name: str, *, max_phrase: int):
        self.name = name
        self.max_phrase = max_phrase  # tokens: a title phrase longer than this is not a title
        register_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, titles: dict | None = None,
                   grammar: dict | None = None) -> None:
        self._set_tables(titles=titles, grammar=grammar)

    def _shape(self) -> None:
        titles = lexicons.titles(self.tables["titles"])
        self.speech_verbs: set[str] = lexicons.grammar(self.tables["grammar"])["speech_verbs"]
        self.sequences: dict[tuple[str, ...], bool] = titles["sequences"]
        self.longest: int = titles["longest"]
        self.modifiers: set[str] = titles["modifiers"]
        self.agent_verbs: set[str] = titles["agent_verbs"]
        self.counterparts: set[tuple[str, ...]] = titles["counterparts"]

    def __call__(self, doc: Doc) -> Doc:
        roles, seen = [], set()
        actors, mention = doc._.sg_actors, doc._.sg_mention
        counterparts: list[tuple[RoleRef, list[int]]] = []  # (role, whose counterpart it may be)
        for idx, actor in enumerate(actors):
            if actor.kind != "person":
                continue
            for start, end in actor.mentions:
                span = doc[start:end]
                for phrase in self._phrases(span):
                    role = self._role(doc, idx, span, phrase, mention)
                    if role and tuple(role.title.lower().split()) in self.counterparts:
                        counterparts.append((role, self._counterpart_of(doc, idx, phrase, mention)))
                    elif role and (role.person, role.title.lower(), role.of) not in seen:
                        seen.add((role.person, role.title.lower(), role.of))
                        roles.append(role)
        for role in self._counterpart_titles(roles, counterparts):
            if (role.person, role.title.lower(), role.of) not in seen:
                seen.add((role.person, role.title.lower(), role.of))
                roles.append(role)
        for role in self._descriptions(doc, roles):
            if (role.person, role.title.lower(), role.of) not in seen:
                seen.add((role.person, role.title.lower(), role.of))
                roles.append(role)
        speaks_for = self._speaks_for(doc, roles)
        for role in roles:
            if role.of is None and role.represents:
                role.of = speaks_for.get(role.person)
        doc._.sg_roles = roles
        return doc

    def _descriptions(self, doc: Doc, roles: list[RoleRef]) -> list[RoleRef]:
        actors, mention = doc._.sg_actors, doc._.sg_mention
        # Persons as main-clause subjects: "Boris Johnson has warned …, should Putin use …" -> Johnson
        persons = sorted((start, idx) for idx, a in enumerate(actors) if a.kind == "person"
                         for start, end in a.mentions if self._main_subject(doc[start:end]))
        heads = {r.person: r.title.lower().split()[-1] for r in roles}
        found = []
        for tok in doc:
            if tok.dep_ not in SUBJECT_DEPS or tok.tag_ != "NN" or tok.i in mention or \
                    not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
                    any(c.dep_ in ("appos", "compound") and c.i in mention and actors[mention[c.i]].kind == "person"
                        for c in tok.children):  # "the president Biden" is named; "the Tory leader" is not
                continue
            phrase = list(doc[tok.left_edge.i:tok.i + 1])
            title = self._title(phrase)
            if title is None or title[0][-1].i != tok.i or not title[1]:
                continue
            earliest = doc[max(tok.sent.start - 1, 0)].sent.start if DESCRIPTION_REACH > 1 else tok.sent.start
            before = [idx for start, idx in persons if earliest <= start < tok.i]
            if not before:
                continue
            person = before[-1]
            if person in heads or any(t.is_quote for t in doc[tok.sent.start:tok.i]):
                continue  # holds a title already; or a quote, where 'the president' is anyone's
            heads[person] = tok.lower_
            of = self._of_actor(phrase, person, mention, set())
            sent = tok.sent
            found.append(RoleRef(person=person, title=doc[title[0][0].i:tok.i + 1].text, of=of, represents=True,
                                 sent=(sent.start, sent.end)))
        return found

    def _counterpart_of(self, doc: Doc, person: int, phrase: list[Token], mention: dict[int, int]) -> list[int]:
        """Whose counterpart, most likely first: the possessor of 'counterpart' ('Saifuddin's
        counterpart'), or for 'his'/'her' the other persons named before it in the sentence, latest
        first (the NER may take a place for a person, so the caller picks the first with a title)."""
        noun = next(t for t in reversed(phrase) if (t.lower_,) in self.counterparts)
        possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
        if possessor is None:
            return []
        if possessor.i in mention:
            return [mention[possessor.i]]
        actors = doc._.sg_actors
        before = [mention[t.i] for t in doc[noun.sent.start:possessor.i] if t.i in mention]
        return [a for a in reversed(before) if a != person and actors[a].kind == "person"]

    @staticmethod
    def _counterpart_titles(roles: list[RoleRef], counterparts: list[tuple[RoleRef, list[int]]]) -> list[RoleRef]:
        """'his Australian counterpart, Penny Wong' after 'Malaysia's foreign minister, Saifuddin': Wong
        is foreign minister, of the state her own phrase names. A counterpart of no one with a known
        title says nothing."""
        out = []
        for role, others in counterparts:
            title = next((r.title for other in others for r in roles if r.person == other and r.represents), None)
            if title is not None and role.of is not None:
                out.append(RoleRef(person=role.person, title=title, of=role.of, represents=True, sent=role.sent))
        return out

    @staticmethod
    def _main_subject(span: Span) -> bool:
        root = span.root
        return root.dep_ in SUBJECT_DEPS and root.head.dep_ == "ROOT"

    def _speaks_for(self, doc: Doc, roles: list[RoleRef]) -> dict[int, int]:
        """person -> the state most often the subject of what he is reported saying."""
        actors, mention = doc._.sg_actors, doc._.sg_mention
        # A speaker may be named by a title only: "the prime minister said the UK would …"
        by_title: dict[str, set[int]] = {}
        for role in roles:
            by_title.setdefault(role.title.lower().split()[-1], set()).add(role.person)
        counts: dict[int, dict[int, int]] = {}
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.i not in mention or actors[mention[tok.i]].kind != "state":
                continue
            clause = tok.head
            # Only commitments speak for a state ("Johnson said the UK would …"), not descriptions
            # of it ("Haidai said Russia was throwing everything at the city").
            if clause.dep_ == "ccomp" and clause.head.lemma_ in self.speech_verbs and \
                    any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children):
                subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                holders = by_title.get(subject.lower_, set()) if subject.i not in mention else {mention[subject.i]}
                if len(holders) == 1 and actors[next(iter(holders))].kind == "person":
                    tally = counts.setdefault(next(iter(holders)), {})
                    tally[mention[tok.i]] = tally.get(mention[tok.i], 0) + 1
        return {person: max(tally, key=tally.get) for person, tally in counts.items()}

    # -- find ---------------------------------------------------------------------------------

    def _phrases(self, span: Span) -> list[list[Token]]:
        """Token lists that may hold the person's title: the words before the name in its noun
        phrase, the phrase the name is in apposition to, and the name's own appositions."""
        root, doc = span.root, span.doc
        phrases = [list(doc[max(root.left_edge.i, span.start - self.max_phrase):span.start])]
        if root.dep_ == "appos":
            head = root.head
            end = span.start if head.i < span.start else head.i + 1  # "the head of the UN, Maria Costa"
            phrases.append([t for t in doc[max(head.left_edge.i, head.i - self.max_phrase):end]
                            if not (span.start <= t.i < span.end)])
            # "the head of the UN, Antonio Guterres": the parser hangs the name on the 'of' object;
            # the title is the noun phrase that 'of' belongs to.
            top = head
            while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head != top.head:
                top = top.head.head
            if top != head:
                phrases.append(list(doc[max(top.left_edge.i, span.start - self.max_phrase):span.start]))
        elif root.dep_ == "pobj" and root.left_edge.i < span.start and root.head.head.pos_ in ("NOUN", "PROPN"):
            # "Labour's deputy minister for women Jacqui Smith": the parser makes the name the object
            # of 'for' (the words before it in its phrase show it is not "a spokesman for Putin").
            title_noun = root.head.head
            phrases.append(list(doc[max(title_noun.left_edge.i, span.start - self.max_phrase):span.start]))
        # "Ben Wallace, who is Britain's defence secretary": the predicate of a relative 'who is'.
        for clause in root.children:
            if clause.dep_ == "relcl" and clause.lemma_ == "be" and \
                    any(c.dep_ == "nsubj" and c.tag_ == "WP" for c in clause.children):
                for attr in (c for c in clause.children if c.dep_ == "attr"):
                    phrases.append(list(doc[attr.left_edge.i:min(attr.right_edge.i + 1, attr.left_edge.i + self.max_phrase)]))
        # "Witkoff and Jared Kushner, Trump's son-in-law": the apposition after a coordination
        # belongs to the last conjunct, which the parser often leaves it hanging off the first.
        owner = root.head if root.dep_ == "conj" else root
        conjuncts = [c for c in owner.children if c.dep_ == "conj"]
        for child in owner.children:
            if child.dep_ != "appos" or child.i < span.end:
                continue
            last = max((c for c in conjuncts if c.i < child.i), key=lambda c: c.i, default=owner)
            if last == root:
                phrases.append(list(doc[child.left_edge.i:min(child.right_edge.i + 1, child.left_edge.i + self.max_phrase)]))
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
