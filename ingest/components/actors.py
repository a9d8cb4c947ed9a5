"""Actors: who the article is about, one ActorRef per referent.

Find: named entities (spaCy NER plus the entity ruler's institutions and groups), mapped through
the gazetteer to states, institutions and groups; everything else PERSON or ORG.
Annotate: cluster mentions into referents and fix the model's label errors with evidence from the
same document ("approval by Trump" tagged ORG joins "Donald Trump" tagged PERSON elsewhere).
Capitals and seats are actors only in an actor's slot ("the Kremlin said", "sought by Kyiv"),
not as places ("the Paris gathering", "talks in Madrid").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import lexicons
from .extensions import ActorRef, register_extensions
from .lexicons import fold
from .syntax import POSSESSIVE_MARKERS
from .tables import TableComponent

ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "dative", "appos"}
NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


class ActorFinder(TableComponent):
    TABLES = ("countries", "actors", "boilerplate", "grammar", "titles", "not_actors", "stance_frames")

    def __init__(self, nlp: Language, name: str, *, max_boilerplate_tokens: int, max_boilerplate_chars: int):
        self.name = name
        # A credit line is short: a longer sentence or line that matches a boilerplate pattern is text.
        self.max_boilerplate_tokens, self.max_boilerplate_chars = max_boilerplate_tokens, max_boilerplate_chars
        register_extensions()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, countries: dict | None = None,
                   actors: list[dict] | None = None, boilerplate: dict | None = None, grammar: dict | None = None,
                   titles: dict | None = None, not_actors: dict | None = None,
                   stance_frames: list[dict] | None = None) -> None:
        """`actors` are the institutions and groups of actors.jsonl; `stance_frames` gives the stance verbs."""
        self._set_tables(countries=countries, actors=actors, boilerplate=boilerplate, grammar=grammar,
                         titles=titles, not_actors=not_actors, stance_frames=stance_frames)

    def _shape(self) -> None:
        t = self.tables
        self.gazetteer = lexicons.gazetteer(t["countries"], t["actors"])
        self.boilerplate = lexicons.boilerplate(t["boilerplate"])
        self.grammar = lexicons.grammar(t["grammar"])
        titles = lexicons.titles(t["titles"])
        self.title_words = lexicons.title_words(titles)  # stripped from PERSON entities: "President Trump" -> "Trump"
        self.title_heads = lexicons.title_heads(titles)  # a title before an ORG entity makes it a person
        self.not_actors = lexicons.not_actors(t["not_actors"])  # news agencies and outlets: sources, not actors
        # Verbs whose subject is an actor: an unknown capitalized subject of one is a person's name.
        self.actor_verbs = self.grammar["speech_verbs"] | lexicons.stance_verbs(t["stance_frames"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.sg_skipped = self._boilerplate(doc)
        persons, others = self._find(doc)
        actors: list[ActorRef] = []
        mention: dict[int, int] = {}
        self._annotate_persons(doc, persons, actors, mention)
        self._annotate_others(others, actors, mention)
        doc._.sg_actors, doc._.sg_mention = actors, mention
        return doc

    # -- find ---------------------------------------------------------------------------------

    def _boilerplate(self, doc: Doc) -> bytearray:
        """Mark bylines and page furniture, by sentence and by line: the parser often glues a
        credit line ("With assistance from …") to the sentence before it."""
        skipped = bytearray(len(doc))
        for sent in doc.sents:
            if len(sent) < self.max_boilerplate_tokens and self.boilerplate.search(sent.text):
                skipped[sent.start:sent.end] = b"\x01" * len(sent)
        offset = 0
        for line in doc.text.split("\n"):
            if len(line) < self.max_boilerplate_chars and self.boilerplate.search(line):
                span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
                if span is not None:
                    skipped[span.start:span.end] = b"\x01" * len(span)
            offset += len(line) + 1
        return skipped

    def _find(self, doc: Doc) -> tuple[list[Span], list[tuple[Span, object]]]:
        """Split entities into person candidates and (span, referent-or-None) for the rest."""
        persons, others = [], []
        # Document evidence that a name is a place: used as one anywhere ("fighting in Lysychansk",
        # "the city of Popasna", "Ukraine's second city Kharkiv"), or, for an ORG, tagged GPE/LOC
        # somewhere in this text (a PERSON tag outweighs that: "Patriarch Kirill" is tagged GPE once).
        used_as_place = {fold(e.text) for e in doc.ents if self._locative(e)}
        tagged_place = {fold(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
        # A name that only ever modifies a common noun is a thing ("Bradley armor", "Leopard 2 tank").
        things = {fold(e.text) for e in doc.ents if self._modifier(e)}
        things -= {fold(e.text) for e in doc.ents if not self._modifier(e)}
        for ent in doc.ents:
            if ent.label_ not in NAMED_LABELS or doc._.sg_skipped[ent.start] or fold(ent.text) in self.not_actors:
                continue
            ref = self.gazetteer.by_form.get(fold(ent.text))
            if ref is not None:
                if not ref.place or self._in_actor_slot(ent):
                    others.append((ent, ref))
            elif ent.label_ in ("PERSON", "ORG"):
                span, titled = self._name_part(ent)
                if span is None or fold(ent.text) in things or span[-1].lower_ in self.grammar["event_words"]:
                    continue
                # An ORG with a title in front ("Chancellor Olaf Scholz") or in apposition ("the
                # Ukrainian president, Volodymyr Zelenskiy") is a person.
                titled = titled or (span.start > 0 and doc[span.start - 1].lower_ in self.title_heads) \
                    or self._titled_apposition(span)
                places = used_as_place | (tagged_place if ent.label_ == "ORG" else set())
                if not titled and (fold(span.text) in places or fold(ent.text) in places):
                    continue
                if ent.label_ == "PERSON" or (titled and span[-1].lower_ not in self.grammar["org_words"]):
                    persons.append(span)
                else:
                    others.append((span, None))  # an organization, unless a known person's name
        persons.extend(self._untagged_titled_names(doc))
        persons.extend(self._untagged_subject_names(doc))
        return persons, others

    def _untagged_titled_names(self, doc: Doc) -> list[Span]:
        """A proper name in apposition to a title is a person even when NER missed it or read it
        as a date ("The Shadow Secretary of State for the Family, Theresa May, said")."""
        names = []
        for tok in doc:
            if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.head.lower_ in self.title_heads \
                    and tok.ent_type_ in ("", "DATE") and not doc._.sg_skipped[tok.i]:
                start = min([c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
                names.append(doc[start:tok.i + 1])
        return names

    def _untagged_subject_names(self, doc: Doc) -> list[Span]:
        """A capitalized word the model left untagged (or read as a common noun, as it does with
        'Zelenskyy' opening a sentence) is a person's name when it is the bare singular subject of a
        speech or stance verb ("Zelenskiy welcomed the pledge") and is no known name, title, date
        word, or word the same text uses in lower case (a sentence-initial common noun)."""
        lower_words = {t.lower_ for t in doc if t.is_lower}
        names = []
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.ent_type_ or tok.pos_ not in ("PROPN", "NOUN") or not tok.is_title \
                    or tok.tag_ in ("NNS", "NNPS") or tok.head.lemma_ not in self.actor_verbs:
                continue
            if len(tok) < 3 or tok.is_stop or doc._.sg_skipped[tok.i] or tok.lower_ in lower_words or \
                    any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
                continue
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == tok and \
                    doc[start - 1].is_title and not doc[start - 1].ent_type_:
                start -= 1
            span = doc[start:tok.i + 1]
            folded = fold(span.text)
            if folded in self.gazetteer.by_form or folded in self.not_actors or \
                    any(t.lower_ in self.title_words or t.lower_ in self.grammar["not_names"] for t in span):
                continue
            names.append(span)
        return names

    def _modifier(self, ent: Span) -> bool:
        head = ent.root.head
        return ent.root.dep_ == "compound" and head.pos_ == "NOUN" and head.lower_ not in self.title_heads \
            and head.lemma_.lower() not in self.grammar["proxy_nouns"]

    def _name_part(self, ent: Span) -> tuple[Span | None, bool]:
        """The name inside an entity: without titles ("President Trump"), a possessor
        ("Ukraine’s Volodymyr Zelenskiy"), timestamps ("02:14 Zelenskiy") or a trailing "'s".
        Returns (span or None, whether a title was stripped)."""
        doc, start, end, titled = ent.doc, ent.start, ent.end, False
        for i in range(ent.start, ent.end - 1):
            if doc[i].lower_ in POSSESSIVE_MARKERS:
                start = i + 1
        while start < end and (doc[start].lower_ in self.title_words or not doc[start].is_alpha):
            titled = titled or doc[start].lower_ in self.title_heads
            start += 1
        while end > start and doc[end - 1].lower_ in POSSESSIVE_MARKERS:
            end -= 1
        span = doc[start:end]
        return (span, titled) if span and any(t.is_alpha and len(t) > 1 for t in span) else (None, False)

    def _titled_apposition(self, span: Span) -> bool:
        root = span.root
        if root.dep_ == "appos" and root.head.lower_ in self.title_heads:
            return True
        return any(c.dep_ == "appos" and c.lower_ in self.title_heads for c in root.children)

    def _locative(self, span: Span) -> bool:
        """'in Kent', 'the city of Popasna', 'north-west of Popasna', 'Ukraine's second city Kharkiv'."""
        root, g = span.root, self.grammar
        if root.dep_ == "pobj":
            prep = root.head
            return prep.lower_ in g["place_preps"] or (prep.lower_ == "of" and prep.head.lemma_.lower() in g["place_nouns"])
        return root.dep_ in ("appos", "compound") and root.head.lemma_.lower() in g["place_nouns"] \
            or any(c.dep_ in ("appos", "compound") and c.lemma_.lower() in g["place_nouns"] for c in root.children)

    def _in_actor_slot(self, span: Span) -> bool:
        """A capital or seat names its state only where an actor stands: subject, agent, possessor,
        object of a non-motion verb, or the partner in 'talks with Moscow'."""
        root = span.root
        while root.dep_ == "conj" and root.head != root:
            root = root.head
        if root.dep_ == "dobj":
            return root.head.lemma_ not in self.grammar["place_verbs"]
        if root.dep_ in ACTOR_DEPS:
            return True
        if root.dep_ == "compound":  # "Kremlin spokesperson Dmitry Peskov"
            return root.head.lower_ in self.title_heads
        if root.dep_ == "pobj":
            prep = root.head
            return prep.dep_ == "agent" or prep.lower_ in self.grammar["actor_preps"]
        return False

    # -- annotate -----------------------------------------------------------------------------

    def _annotate_persons(self, doc: Doc, persons: list[Span], actors: list[ActorRef],
                          mention: dict[int, int]) -> None:
        by_name: dict[str, int] = {}
        by_surname: dict[str, int] = {}
        by_first: dict[str, list[int]] = {}
        # Full names first, so a lone surname anywhere in the text joins its full name.
        for span in sorted(persons, key=lambda s: (-len(s), s.start)):
            name = fold(span.text)
            idx = by_name.get(name)
            if idx is None and len(span) == 1:
                idx = by_surname.get(name)
                if idx is None and len(by_first.get(name, ())) == 1:  # "Sergei" after "Sergei Lavrov"
                    idx = by_first[name][0]
            if idx is None:
                idx = len(actors)
                actors.append(ActorRef(key=f"person:{name}", name=span.text, kind="person"))
                by_name[name] = idx
                if len(span) > 1:
                    by_surname.setdefault(fold(span[-1].text), idx)
                    by_first.setdefault(fold(span[0].text), []).append(idx)
            self._add_mention(actors[idx], idx, span, mention)
        # Document evidence beats the model's label: a token equal to a known surname is that
        # person, whether NER tagged it ORG, GPE or nothing ("Zelenskiy has repeatedly rejected").
        known = {**by_surname, **by_name}
        for tok in doc:
            if tok.i in mention or tok.pos_ != "PROPN" or doc._.sg_skipped[tok.i]:
                continue
            idx = known.get(fold(tok.text))
            if idx is not None and (not tok.ent_type_ or tok.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")):
                if self.gazetteer.by_form.get(fold(tok.text)) is None:
                    self._add_mention(actors[idx], idx, doc[tok.i:tok.i + 1], mention)

    def _annotate_others(self, others: list[tuple[Span, object]], actors: list[ActorRef],
                         mention: dict[int, int]) -> None:
        by_key = {a.key: i for i, a in enumerate(actors)}
        for span, ref in others:
            if any(i in mention for i in range(span.start, span.end)):
                continue  # already a person (a surname the model tagged ORG)
            text = re.sub(r"^(the|The) ", "", span.text)
            if ref is None:
                key, name, kind, iso3 = f"organization:{fold(text)}", text, "organization", None
            else:
                key, name, kind, iso3 = ref.key, ref.name, ref.kind, ref.iso3
            if not fold(text):
                continue
            idx = by_key.get(key)
            if idx is None:
                idx = by_key[key] = len(actors)
                actors.append(ActorRef(key=key, name=name, kind=kind, iso3=iso3))
            self._add_mention(actors[idx], idx, span, mention, text)

    @staticmethod
    def _add_mention(actor: ActorRef, idx: int, span: Span, mention: dict[int, int],
                     text: str | None = None) -> None:
        actor.add_alias(text or span.text)
        actor.mentions.append((span.start, span.end))
        for i in range(span.start, span.end):
            mention[i] = idx
