"""Stances: who is for or against what, read from verbal, adjectival and nominal frames.

For each word whose (lemma, part of speech) is a frame in stance_frames.jsonl:
  holders   the subject (through 'to'-infinitives, coordination and noun-phrase attachments),
            the agent of a passive, or the possessor of a nominal frame ("Russia's demand");
  content   the complement clause, infinitive, object or prepositional object; an anaphoric
            object ("rejected the demand", "backed the two bids") takes the content of the latest
            matching stance (anaphora.json), a pronoun object ("ratify them") its antecedent's;
            a frame under a frame ("agreed to support X") makes one stance on X (see _nested);
  target    an actor object next to other content ("asked Trump for guarantees");
  polarity  from the kind, flipped by negation; 'whether'-clauses make it undecided;
  modality  conditional ("once a ceasefire …", "in the event of …"), hypothetical ("would"),
            reported (someone else's speech verb governs the clause);
  speaker   a person reporting for the state he represents is credited, with on_behalf_of set.
A clause with no frame word may carry a position by its modal or an evaluative predicate
("X said Britain should …", "X said the plan was a mistake"); see clauses.py. Such a clause is a
stance of whoever is reported or quoted saying it, and its reading replaces that of a frame over it.
In the journalist's own voice, a 'will'/'would' clause with a policy verb and a named body as its
subject is that body's pledge ("The Lib Dems would abolish tuition fees"); see _manifesto.
Nominal frames under 'in' belong to the subject of the verb ("came out in support of"); a frame in a
relative clause is about the noun it modifies ("the tanks Kyiv requested"); 'against' as the
predicate of 'be' is a frame ("Britain is against …").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .clauses import ClauseCue, ClauseReader
from .extensions import StanceRef
from .lexicons import Frame, Gazetteer
from .positions import content_tokens, is_condition, label_of, position_key
from .reference import Resolver

POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "ADP": "ADP"}
PREDICATE_DEPS = {"attr", "acomp", "prep", "oprd", "xcomp", "ccomp"}  # what else a copula may predicate
POSSESSIVE_MARKERS = {"'s", "’s", "'", "’"}
CLIMB_DEPS = {"xcomp", "conj", "acl", "pobj", "prep", "advcl", "dobj", "pcomp", "acomp"}
MAX_CLIMB = 4
PRONOUN_NUMBER = {"it": "singular", "this": "singular", "that": "singular",
                  "them": "plural", "these": "plural", "those": "plural"}
REFLEXIVE = ("self", "selves")
RELATIVE_TAGS = ("WDT", "WP")
NP_SLOTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"}  # where an antecedent stands


class StanceFinder:
    def __init__(self, nlp: Language, name: str, *, frames: dict[tuple[str, str], Frame], kinds: dict,
                 grammar: dict, gazetteer: Gazetteer, title_heads: set[str], clause_cues: dict, anaphora: dict):
        self.name = name
        self.anaphoric_nouns, self.actor_nouns = anaphora["nouns"], anaphora["actor_nouns"]
        self.frames, self.kinds, self.grammar = frames, kinds, grammar
        self.gazetteer, self.title_heads = gazetteer, title_heads
        self.clauses = ClauseReader(clause_cues, grammar["negations"])

    def _headline_lines(self, doc: Doc) -> bytearray:
        """Tokens of a line that ends without sentence-final punctuation, in a text of several lines:
        headlines, teasers and link lines state no stance of their own."""
        marked = bytearray(len(doc))
        if "\n" not in doc.text.strip():
            return marked
        final = set(self.grammar.get("sentence_final", ()))
        start = 0
        for tok in list(doc) + [None]:
            if tok is not None and not (tok.is_space and "\n" in tok.text):
                continue
            end = len(doc) if tok is None else tok.i
            words = [t for t in doc[start:end] if not t.is_space]
            if words and words[-1].text[-1:] not in final and \
                    sum(t.is_alpha for t in words) <= self.grammar.get("headline_max_words", 25):
                marked[start:end] = b"\x01" * (end - start)
            start = end + 1
        return marked

    def __call__(self, doc: Doc) -> Doc:
        resolver = Resolver(doc, self.grammar, self.title_heads)
        sentence = [0] * len(doc)  # token -> (start, end) of its sentence, computed once
        bounds = []
        for n, sent in enumerate(doc.sents):
            bounds.append((sent.start, sent.end))
            sentence[sent.start:sent.end] = [n] * len(sent)
        stances: list[StanceRef] = []
        framed_content: dict[int, list[StanceRef]] = {}  # content root -> stances of the frame over it
        read_clauses: set[int] = set()
        embedded: set[int] = set()  # frame words read as part of the frame over them
        headline = self._headline_lines(doc)
        for tok in doc:
            if doc._.sg_skipped[tok.i] or headline[tok.i]:
                continue
            frame = self._frame(tok)
            if frame is not None:
                root, found = self._read(doc, tok, frame, resolver, bounds[sentence[tok.i]], stances, embedded)
                stances.extend(found)
                if root is not None:
                    framed_content.setdefault(root.i, []).extend(found)
            cue = self.clauses.read(tok) if frame is None and not self._frames_below(tok) else None
            if cue is not None:
                found = self._read_clause(doc, tok, cue, resolver, bounds[sentence[tok.i]])
                stances.extend(found)
                if found:
                    read_clauses.add(tok.i)
        # "Johnson warned the UK is unlikely to supply jets": the clause's own reading (REJECT
        # supplying jets) is more specific than the frame's ("warn: the UK is unlikely …").
        superseded = {id(s) for i in read_clauses for s in framed_content.get(i, ())}
        doc._.sg_stances = [s for s in stances if id(s) not in superseded and s.frame_token not in embedded]
        return doc

    # -- find ---------------------------------------------------------------------------------

    def _frame(self, tok: Token) -> Frame | None:
        pos = POS.get(tok.pos_)
        if pos == "VERB" and self._after_possessive(tok):
            pos = "NOUN"  # "Chile and Peru’s plans to join": the tagger read 'plans' as a verb
        frame = self.frames.get((tok.lemma_.lower(), pos)) if pos else None
        if frame is not None and pos == "ADP" and not self._predicate_of_be(tok):
            return None
        if frame is None or not frame.requires:
            return frame
        for child in tok.children:
            if child.dep_ in frame.requires or (child.dep_ in ("prt", "prep") and child.lower_ in frame.requires):
                return frame
        return None

    @staticmethod
    def _after_possessive(tok: Token) -> bool:
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        return before is not None and before.dep_ == "case" and before.lower_ in POSSESSIVE_MARKERS

    @staticmethod
    def _predicate_of_be(tok: Token) -> bool:
        """'Britain is firmly against the plan', but not 'fought against Russia' nor 'is in Kyiv
        for talks' (the preposition is one of several things the copula says). A relative 'who is
        against …' is left out: the parser often hangs it on the wrong noun."""
        head = tok.head
        return tok.dep_ == "prep" and head.lemma_ == "be" \
            and any(c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS for c in head.children) \
            and not any(c.dep_ in PREDICATE_DEPS for c in head.children if c != tok)

    def _holders(self, tok: Token, frame: Frame, mention: dict[int, int]) -> list[Token]:
        if frame.pos == "NOUN":
            return self._nominal_holders(tok, mention)
        for child in tok.children:  # passive: "security guarantees long sought by Kyiv"
            if child.dep_ == "agent":
                return [g for g in child.children if g.dep_ == "pobj"]
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return []  # "once a ceasefire is agreed": agreed by nobody named
        node = tok
        for _ in range(MAX_CLIMB):
            # Above the frame a passive subject controls too: "Turkey was reported to be considering …"
            subject_deps = ("nsubj",) if node == tok else ("nsubj", "nsubjpass")
            subjects = [c for c in node.children if c.dep_ in subject_deps]
            if subjects:
                return self._coordinated(subjects)
            if node.dep_ not in CLIMB_DEPS or node.head == node:
                break
            came_by_complement = node.dep_ in ("xcomp", "pcomp")
            node = node.head if node.head.dep_ != "prep" or node.dep_ != "pcomp" else node.head.head
            objects = [c for c in node.children if c.dep_ == "dobj"]
            if came_by_complement and objects:  # object control: "accused Kyiv of refusing to …"
                return self._coordinated(objects)
        return []

    def _nominal_holders(self, tok: Token, mention: dict[int, int]) -> list[Token]:
        """'Russia's demand', 'the Turkish objection', 'pleas from Ukraine', 'Ankara raised objections',
        'the US came out in support of …', 'Finland and Sweden's plans' (possessor parsed apart)."""
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in mention):
                return self._coordinated([child], possessors=True)
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                return [g for g in child.children if g.dep_ == "pobj"]
        if self._after_possessive(tok.left_edge):
            possessor = tok.doc[tok.left_edge.i - 1].head
            while possessor.dep_ == "conj":  # "Finland and Sweden’s": both possess
                possessor = possessor.head
            return self._coordinated([possessor], possessors=True)
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in self.grammar["stance_preps"] else \
            tok.head if tok.dep_ == "dobj" and (tok.head.lemma_.lower(), "VERB") not in self.frames else None
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            return self._coordinated([c for c in verb.children if c.dep_ == "nsubj"])
        return []

    @staticmethod
    def _coordinated(subjects: list[Token], possessors: bool = False) -> list[Token]:
        """Subjects with their conjuncts ('France and the UK'); a conjunct the parser attached
        as nmod with its own 'and' ("Trump's administration and Ukraine's allies") counts too."""
        out, stack = [], list(subjects)
        while stack:
            tok = stack.pop()
            if tok.pos_ in ("AUX", "VERB"):  # "he’s asked": the clitic took the subject slot
                stack.extend(c for c in tok.children if c.dep_ == "nsubj")
                continue
            if not possessors and any(c.dep_ == "case" for c in tok.children):
                continue  # "… and Ukraine’s allies" misparsed: a possessor is not a subject
            out.append(tok)
            for child in tok.children:
                if child.dep_ == "conj" or (child.dep_ == "nmod" and any(c.dep_ == "cc" for c in child.children)):
                    stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def _content(self, tok: Token, frame: Frame, mention: dict[int, int]) -> tuple[Token | None, Token | None, set[int]]:
        """(content root, target token, token indices to leave out of the content)."""
        children = list(tok.children)
        if frame.pos == "ADP":
            return self._pobj(tok), None, set()
        if frame.pos == "NOUN":
            for child in children:
                if child.dep_ in ("acl", "ccomp", "relcl", "xcomp") and any(c.dep_ in ("aux", "mark") for c in child.children):
                    return child, None, set()
                if child.dep_ == "prep" and child.lower_ in ("for", "to", "of", "against", "on", "over"):
                    return self._pobj(child), None, set()
            return None, None, set()
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "guarantees long sought by Kyiv"
            return tok.head, None, {t.i for t in tok.subtree}
        relativized = self._relativized(tok)
        if relativized is not None:
            return relativized, None, {t.i for t in tok.subtree}
        passive = [c for c in children if c.dep_ == "nsubjpass"]
        if passive:
            return passive[0], None, set()
        # "Labour has committed itself to childcare": a reflexive object is the holder again.
        objects = [c for c in children if c.dep_ in ("dobj", "dative", "oprd") and not c.lower_.endswith(REFLEXIVE)]
        # "supports Finland and Sweden joining Nato": a gerund right after the object is its predicate.
        clause = next((c for c in children if c.dep_ in ("xcomp", "ccomp")
                       and not (objects and self._gerund(tok, objects[0]) == [c])), None) or \
            (None if objects else self._subject_gerund(tok))
        prep_heads = [c for c in children if c.dep_ == "prep" and c.i > tok.i and
                      (c.lower_ in frame.requires or c.lower_ in self.grammar["content_preps"])]
        preps = [p for p in map(self._pobj, prep_heads) if p is not None]
        # An actor object is the target when the content is elsewhere: "urged Ankara to drop its
        # veto", "asked Trump for guarantees", "accused Kyiv of …" (but "support Ukraine to the end").
        other = clause or next((self._pobj(c) for c in prep_heads if c.lower_ in self.grammar["target_preps"]
                                and self._pobj(c) is not None and self._pobj(c).i not in mention), None)
        for obj in objects + preps:
            if self._names_actor(obj, mention) and other is not None and other != obj:
                return other, obj, set()
        if frame.pos == "ADJ" and clause is None:
            return (preps[0] if preps else None), None, set()
        return clause or (objects[0] if objects else None) or (preps[0] if preps else None), None, set()

    @staticmethod
    def _relativized(tok: Token) -> Token | None:
        """The noun a relative clause's frame is about: 'the rocket systems for which Kyiv has been
        appealing', 'the tanks Poland requested', 'a UN court, something the US opposes' (the noun
        'something' stands for). None when the relative pronoun is the subject ('Kyiv, which
        opposes …': the head is the holder) or the frame has its own object or clause."""
        if tok.dep_ != "relcl":
            return None
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.tag_ in RELATIVE_TAGS:
            return None
        args = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")] + \
            [g for c in tok.children if c.dep_ == "prep" and c.i < tok.i for g in c.children if g.dep_ == "pobj"]
        if any(a.tag_ not in RELATIVE_TAGS for a in args):
            return None
        noun = tok.head
        if noun.pos_ == "PRON":  # "…, something the US opposes": the main clause's argument before it
            root = noun.sent.root
            noun = next((t for t in reversed(noun.doc[noun.sent.start:noun.i]) if t.dep_ in ("dobj", "pobj", "attr")
                         and t.pos_ in ("NOUN", "PROPN") and root in (t.head, t.head.head)), None)
        return noun

    def _names_actor(self, tok: Token, mention: dict[int, int]) -> bool:
        """A name, 'both countries', 'the allies', 'them': who, not what."""
        return tok.i in mention or (tok.pos_ == "NOUN" and tok.lemma_.lower() in self.actor_nouns) or \
            (tok.pos_ == "PRON" and tok.lower_ in self.grammar["object_pronouns"])

    @staticmethod
    def _subject_gerund(tok: Token) -> Token | None:
        """'would not approve Sweden and Finland joining Nato': the parser reads the object as the
        subject of a gerund clause hung on the verb; right after the verb, that clause is the object."""
        nxt = tok.i + 1 + sum(1 for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1)
        return next((c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.left_edge.i == nxt
                     and any(g.dep_ == "nsubj" for g in c.children)), None)

    @staticmethod
    def _gerund(tok: Token, root: Token) -> list[Token]:
        """'supports Sweden and Finland joining Nato': the parser hangs the gerund on the verb."""
        return [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and c.i == root.right_edge.i + 1
                and not any(g.dep_ == "nsubj" for g in c.children)]

    @staticmethod
    def _pobj(prep: Token) -> Token | None:
        return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)

    # -- annotate -----------------------------------------------------------------------------

    def _read(self, doc: Doc, tok: Token, frame: Frame, resolver: Resolver, sent: tuple[int, int],
              previous: list[StanceRef], embedded: set[int]) -> tuple[Token | None, list[StanceRef]]:
        """(content root, stances) of one frame word. Frames it governs ('agreed to support …') are
        read into its own stance and their words added to `embedded`."""
        mention = resolver.mention
        clause_head = tok.head if frame.pos in ("ADJ", "ADP") else tok  # "Germany is ready to …": 'is'
        holders = self._holders(clause_head, frame, mention)
        root, target_tok, exclude = self._content(tok, frame, mention)
        if not holders or root is None:
            return root, []
        kind, polarity, modality = self._polarity(tok, clause_head, root, frame)
        root, frame_tok, kind, polarity, target_tok, exclude = self._nested(root, tok, kind, polarity, target_tok,
                                                                           exclude, mention, embedded)
        avoid = {t.i for t in holders} | ({target_tok.i} if target_tok is not None else set())
        found = self._proposition(root, {tok, frame_tok}, exclude | {tok.i, frame_tok.i}, previous, avoid)
        if found is None:
            return root, []  # "do this", "the demand" with nothing to point at: no proposition
        label, key, vagueness = found
        confidence = frame.confidence - vagueness
        if kind == "UNDECIDED" and frame.kind != "UNDECIDED" and modality == "asserted":
            return root, []  # "did not demand …" says nothing about where the actor stands
        if modality == "asserted":
            modality = self._modality(tok, clause_head, root)
        speaker = self._speaker(clause_head, resolver)
        target = resolver.resolve(target_tok)[0] if target_tok is not None else None
        out, seen = [], set()
        for actor, how in (ref for holder_tok in holders for ref in resolver.resolve_all(holder_tok)):
            if actor in seen:
                continue
            seen.add(actor)
            conf, mod, behalf = confidence - (0.1 if how not in ("name", "proxy") else 0.0), modality, None
            if speaker is not None and speaker != actor:
                behalf = self._represents(doc, speaker, actor)
                if behalf is not None:  # "Merz signaled that Germany is ready …": credit Merz
                    actor = speaker
                elif mod == "asserted":
                    mod = "reported"
            behalf = behalf if behalf is not None else self._represents(doc, actor, None)
            cameo = frame.cameo if kind == frame.kind else self.kinds[kind]["cameo"]
            out.append(StanceRef(actor=actor, kind=kind, polarity=polarity, label=label, key=key, sent=sent,
                                 confidence=round(max(0.1, min(conf, 1.0)), 2), modality=mod,
                                 target=target if target != actor else None, on_behalf_of=behalf,
                                 cameo=cameo, frame_token=tok.i))
        return root, out

    def _nested(self, root: Token, tok: Token, kind: str, polarity: int, target_tok: Token | None,
                exclude: set[int], mention: dict[int, int], embedded: set[int]):
        """'Turkey agreed to support X', 'refused to back X', 'urged Ankara to ratify X': the inner
        frame's content is what the stance is about; the outer frame lends its polarity ('refuse'
        flips it) and the more specific of the two kinds names the stance. The inner frame's own
        reading is dropped: its holder is the same actor, or one only asked to act."""
        frame_tok = tok
        while root.dep_ == "xcomp" and root.head == frame_tok:
            inner = self._frame(root)
            if inner is None or inner.pos != "VERB":
                break
            inner_root, inner_target, inner_exclude = self._content(root, inner, mention)
            if inner_root is None:
                break
            embedded.add(root.i)
            kind, polarity = self._compose(kind, inner.kind)
            frame_tok, root = root, inner_root
            target_tok = target_tok if target_tok is not None else inner_target
            exclude = exclude | inner_exclude
        return root, frame_tok, kind, polarity, target_tok, exclude

    def _compose(self, outer: str, inner: str) -> tuple[str, int]:
        polarity = self.kinds[outer]["embeds"] * self.kinds[inner]["polarity"]
        if polarity == 0:
            return "UNDECIDED", 0
        ranked = sorted((outer, inner), key=lambda k: -self.kinds[k]["specific"])  # ties: the outer frame
        for kind in (*ranked, *(self.kinds[k]["negated"] for k in ranked)):
            if self.kinds[kind]["polarity"] == polarity:
                return kind, polarity
        return ("SUPPORT" if polarity > 0 else "OPPOSE"), polarity

    def _proposition(self, root: Token, frame_toks: set[Token], exclude: set[int], previous: list[StanceRef],
                     avoid: set[int]) -> tuple[str, str, float] | None:
        """(label, key, confidence penalty) of the content under `root` of the frame words
        `frame_toks`, anaphora resolved: 'the
        demand' is the latest earlier demand, 'ratify them' ratifies what 'them' stands for. None
        when the content names nothing."""
        if self._is_anaphor(root) and root.pos_ != "PRON":
            antecedent = self._antecedent(root, previous)
            return None if antecedent is None else (antecedent.label, antecedent.key, 0.15)
        pronoun = root if root.pos_ == "PRON" else \
            next((c for c in root.children if c.dep_ == "dobj" and c.pos_ == "PRON"), None)
        if pronoun is not None and pronoun.lower_ not in PRONOUN_NUMBER:
            if pronoun == root:
                return None  # "welcomed what he said"
            pronoun = None  # "help us": a person, part of the label
        if pronoun is not None:
            noun = self._pronoun_antecedent(pronoun, avoid)
            referred = None if noun is None else self._proposition(noun, set(), set(), previous, avoid)
            if referred is None:
                return None  # "ratify them" with nothing 'them' can be
            if pronoun == root:
                return referred[0], referred[1], referred[2] + 0.1
            exclude = exclude | {t.i for t in pronoun.subtree}
        # The gerund may hang on any frame word of a nested reading ("agreed to support X joining …").
        gerunds = [g for frame_tok in sorted(frame_toks, key=lambda t: t.i) for g in self._gerund(frame_tok, root)]
        tokens = content_tokens([root, *gerunds], self.grammar, exclude)
        label, key = label_of(tokens), position_key(tokens, self.gazetteer, self.grammar)
        if pronoun is not None:
            label, key = f"{label} {referred[0]}".strip(), " ".join(sorted(set(key.split()) | set(referred[1].split())))
            return label, key, referred[2] + 0.1
        return (label, key, 0.0) if key else None

    def _pronoun_antecedent(self, pronoun: Token, avoid: set[int]) -> Token | None:
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
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.actor_nouns:
                continue
            plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
            if plural == (number == "plural"):
                return tok
        return None

    def _frames_below(self, tok: Token) -> bool:
        """'would like to see', 'will continue to support': a frame in the verb chain reads it."""
        node = tok
        for _ in range(MAX_CLIMB):
            node = next((c for c in node.children if c.dep_ == "xcomp"), None)
            if node is None:
                return False
            if self._frame(node) is not None:
                return True
        return False

    def _read_clause(self, doc: Doc, tok: Token, cue: ClauseCue, resolver: Resolver,
                     sent: tuple[int, int]) -> list[StanceRef]:
        """A clause cue is a stance only when someone is reported or quoted saying the clause."""
        holder = self._speaker(tok, resolver)
        if holder is None:
            return self._manifesto(doc, tok, cue, resolver, sent)
        exclude: set[int] = set()
        if cue.subject is not None and self._own_side(cue.subject, holder, resolver):
            exclude = {t.i for t in cue.subject.subtree}  # "her party would boost …" -> "boost …"
        elif cue.own_side:
            return []  # "X said Russia would …" is a prediction, not a promise
        # The polarity already says "not": "Kyiv must not be forced into …" is -1 on "forced into …".
        exclude |= {c.i for c in tok.children if self._negates(c)}
        tokens = content_tokens(cue.content, self.grammar, exclude)
        label, key = label_of(tokens), position_key(tokens, self.gazetteer, self.grammar)
        if not key or self._is_anaphor(cue.content[0]):
            return []
        modality = self._modality(tok, tok, cue.content[0])
        return [StanceRef(actor=holder, kind=cue.kind, polarity=cue.polarity, label=label, key=key, sent=sent,
                          confidence=0.55, modality=modality, on_behalf_of=self._represents(doc, holder, None),
                          cameo=self.kinds[cue.kind]["cameo"], frame_token=tok.i)]

    def _manifesto(self, doc: Doc, tok: Token, cue: ClauseCue, resolver: Resolver,
                   sent: tuple[int, int]) -> list[StanceRef]:
        """The journalist's own voice: 'The Lib Dems would abolish tuition fees' reports a party's
        pledge, but only for a body (not a person) named as the subject of a main clause with a policy verb
        ('Russia will attack' is a prediction, 'it would cost' nobody's promise, 'would have provided'
        a counterfactual)."""
        if not cue.own_side or cue.polarity < 0 or tok.dep_ != "ROOT" or cue.subject is None \
                or tok.lemma_.lower() not in self.clauses.policy_verbs or tok.tag_ == "VBN":
            return []
        holder, how = resolver.resolve(cue.subject)
        if holder is None or how not in ("name", "proxy") or doc._.sg_actors[holder].kind == "person":
            return []  # "Anton would spend 45 days in captivity" narrates; parties and states pledge
        tokens = content_tokens(cue.content, self.grammar, {t.i for t in cue.subject.subtree})
        label, key = label_of(tokens), position_key(tokens, self.gazetteer, self.grammar)
        if not key:
            return []
        return [StanceRef(actor=holder, kind="PLEDGE", polarity=1, label=label, key=key, sent=sent, confidence=0.5,
                          modality=self._modality(tok, tok, tok), on_behalf_of=self._represents(doc, holder, None),
                          cameo=self.kinds["PLEDGE"]["cameo"], frame_token=tok.i)]

    def _own_side(self, subject: Token, holder: int, resolver: Resolver) -> bool:
        """The speaker, the body the speaker represents, 'we', 'they', or 'his party'."""
        lower = subject.lower_
        if lower in self.grammar["first_person"] or lower == "they":
            return True
        if any(c.dep_ == "poss" and c.pos_ == "PRON" and resolver.resolve(c)[0] in (holder, None)
               for c in subject.children) and subject.lemma_.lower() in self.grammar["own_side_nouns"]:
            return True
        actor, _ = resolver.resolve(subject)
        return actor is not None and actor in (holder, self._represents(resolver.doc, holder, None))

    def _is_anaphor(self, root: Token) -> bool:
        if root.pos_ == "PRON":
            return True
        return (root.lemma_.lower() in self.anaphoric_nouns
                and any(c.dep_ in ("det", "poss") and c.lower_ in self.grammar["anaphoric_dets"] for c in root.children)
                and not any(c.dep_ in ("prep", "acl", "relcl", "ccomp", "compound", "amod") for c in root.children))

    def _antecedent(self, root: Token, previous: list[StanceRef]) -> StanceRef | None:
        """'Zelenskiy has repeatedly rejected the demand': the latest earlier proposition the noun can
        stand for (anaphora.json): one of its kinds, or about what it is about ('the bids' -> joining)."""
        lemma = root.lemma_.lower()
        noun = self.anaphoric_nouns[lemma]
        for stance in reversed(previous):
            words = set(stance.key.split())
            if lemma in words or noun.about & words or not noun.kinds or stance.kind in noun.kinds:
                return stance
        return None

    def _polarity(self, tok: Token, clause_head: Token, root: Token, frame: Frame) -> tuple[str, int, str]:
        if clause_head.dep_ in ("ccomp", "pcomp", "pobj", "xcomp") and \
                any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause_head.children):
            return "UNDECIDED", 0, "hypothetical"  # "no indication of whether it would accept"
        # "will not approve", "is not ready to", "not going to send", "pledged not to send"
        nodes = {tok, clause_head} | ({root} if root.dep_ == "xcomp" and root.head == tok else set())
        negations = sum(1 for node in nodes if any(self._negates(c) for c in node.children))
        base = frame.infinitive_kind if frame.infinitive_kind and root.dep_ == "xcomp" and root.head == tok \
            else frame.kind
        kind = self.kinds[base]["negated"] if negations % 2 else base
        return kind, self.kinds[kind]["polarity"], "asserted"

    def _negates(self, child: Token) -> bool:
        """'not', 'never', and 'no' before a nominal frame ('had no intention of attacking')."""
        return child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in self.grammar["negations"]) \
            or (child.dep_ == "det" and child.lower_ == "no")

    def _modality(self, tok: Token, clause_head: Token, root: Token) -> str:
        g = self.grammar
        nodes = {tok, clause_head, root}
        if any(is_condition(c, g) for node in nodes for c in node.children) or \
                any(is_condition(t, g) for t in root.subtree if t.i - root.i < 30):
            return "conditional"
        if any(c.dep_ == "aux" and c.lower_ in g["hypothetical_aux"] for node in nodes for c in node.children):
            return "hypothetical"
        return "asserted"

    def _speaker(self, clause_head: Token, resolver: Resolver) -> int | None:
        """The subject of a speech verb that governs the stance's clause ('Merz said …')."""
        node = clause_head
        for _ in range(MAX_CLIMB):
            if node.dep_ not in ("ccomp", "conj") or node.head == node:
                break
            node = node.head
            if node.lemma_ in self.grammar["speech_verbs"]:
                subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
                return resolver.resolve(subject)[0] if subject is not None else None
        return resolver.speaker(clause_head)

    @staticmethod
    def _represents(doc: Doc, person: int, state: int | None) -> int | None:
        """The state/organization a person speaks for by role (restricted to `state` if given)."""
        actors = doc._.sg_actors
        if actors[person].kind != "person":
            return None
        for role in doc._.sg_roles:
            if role.person == person and role.represents and role.of is not None \
                    and actors[role.of].kind != "person" and (state is None or role.of == state):
                return role.of
        return None
