"""Who an attribution's source mention is: the article-local actor, or None for an unnamed source.

Rules, in order, on the head word of the source mention:
- a named mention (the actors component's `sg_mention`), also through a title's apposition or
  compound ("the Ukrainian president, Volodymyr Zelenskiy");
- a relative pronoun ("Trump, who said …") is the noun it hangs on;
- he/she: the person in focus, not the last name: the latest gender-compatible person who was a
  main-clause subject or a source in this sentence or the PRONOUN_SENTENCES before it; else the latest
  gender-compatible person named within PRONOUN_WINDOW tokens. Gender comes from the given name
  (given_names.tsv), an honorific (Mr, Mrs, Ms), or the pronouns already resolved to that person;
- they/it: the latest group, organization or state subject or source within reach;
- a title phrase ("the prime minister", "the Lib Dem spokesman"): the person holding that title in
  this article's roles (the one mentioned latest, when several); no holder, no actor;
- I/we outside quotes: the signatory of a letter or opinion piece (a sign-off line at the end,
  or a "By NAME" line at the top);
- 'his country', 'her government': the state or body the person 'his' refers to represents (roles);
- a quote continuing the attribution before it is part of that attribution (find.continue_quotes).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from ..extensions import ActorRef
from ..extensions import AttributionRef

PRONOUN_WINDOW = 150
PRONOUN_SENTENCES = 2
MALE, FEMALE = {"he", "him", "his", "himself"}, {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their"}
THING = {"it", "its"}
FIRST = {"i", "we", "me", "us", "my", "our"}
RELATIVE = {"who", "which", "that", "whom"}
HONORIFIC = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
             "miss": "f", "dame": "f", "lady": "f", "baroness": "f"}
AUTHOR_LINE = {"is", "was", "writes", "teaches", "served", "has", "lives", ","}
SIGN_OFF = {"yours", "sincerely", "regards", "faithfully", "truly"}


def person_like(actor: ActorRef, given_names: dict[str, str]) -> bool:
    """A person, or an 'organization' the model mistook for one: two or three capitalized words
    opening with a known given name ('Vince Cable')."""
    if actor.kind == "person":
        return True
    words = actor.name.split()
    return actor.kind == "organization" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
        and words[0].lower() in given_names


def actor_genders(doc: Doc, actors: list[ActorRef], given_names: dict[str, str]) -> dict[int, str]:
    """Actor index -> 'm'/'f' for persons, from honorifics before a mention, else the given name."""
    out = {}
    for idx, a in enumerate(actors):
        if not person_like(a, given_names):
            continue
        for start, _ in a.mentions:
            if start > 0 and doc[start - 1].lower_ in HONORIFIC:
                out[idx] = HONORIFIC[doc[start - 1].lower_]
                break
        if idx not in out:
            for name in [a.name, *a.aliases]:
                words = [w.lower().strip(".") for w in name.split()]
                # the first given name among the leading words ('Crooked Hillary Clinton' -> hillary)
                first = next((w for w in words[:-1][:2] if w in given_names), None)
                if first is not None:
                    out[idx] = given_names[first]
                    break
    return out


def signatory(doc: Doc, actors: list[ActorRef]) -> int | None:
    """The writer of a letter or opinion piece: a person alone on one of the last three non-empty
    lines (after a sign-off or not), or on a 'By NAME' line among the first three."""
    mention = doc._.sg_mention or {}
    lines, offset = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            lines.append((offset, offset + len(line), line.strip()))
        offset += len(line) + 1
    for start, end, text in lines[-2:]:  # an op-ed's author line: 'Charlotte Meehan is a playwright …'
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 3 or span[0].i not in mention:
            continue
        idx = mention[span[0].i]
        j = span[0].i
        while j < span.end and mention.get(j) == idx:
            j += 1
        if actors[idx].kind == "person" and j < span.end and doc[j].lower_ in AUTHOR_LINE:
            return idx
    candidates = lines[-3:] + lines[:3]
    for start, end, text in candidates:
        words = text.replace(",", " ").split()
        if not 1 <= len(words) <= 5:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        persons = {mention[t.i] for t in span if t.i in mention and actors[mention[t.i]].kind == "person"}
        lead = words[0].lower().strip(",")
        if len(persons) == 1 and (lead == "by" or (start, end, text) in lines[-3:]):
            named = sum(1 for t in span if t.i in mention or t.lower_ in SIGN_OFF or t.is_punct or t.lower_ == "by")
            if named >= len([t for t in span if not t.is_space]) - 1:
                return persons.pop()
    return None


class SpeakerResolver:
    def __init__(self, doc: Doc, given_names: dict[str, str], title_heads: set[str], own_side: set[str] = frozenset(),
                 reported: dict[int, int] | None = None):
        self.doc = doc
        self.own_side = own_side
        self.actors = doc._.sg_actors or []
        self.mention = doc._.sg_mention or {}
        self.roles = doc._.sg_roles or []
        self.title_heads = title_heads
        self.gender = actor_genders(doc, self.actors, given_names)
        self.personal = {idx for idx, a in enumerate(self.actors) if person_like(a, given_names)}
        self.sig = None
        self._sig_done = False
        self.reported = reported or {}  # token -> the attribution whose content holds it
        # (token index, actor) of person mentions, and of main-clause subject mentions
        self.person_mentions, self.focus, self.other_focus = [], [], []
        for idx, a in enumerate(self.actors):
            for start, end in a.mentions:
                root = doc[start:end].root
                if idx in self.personal:
                    self.person_mentions.append((start, idx))
                    if root.dep_ in ("nsubj", "nsubjpass"):
                        self.focus.append((start, idx))
                elif root.dep_ in ("nsubj", "nsubjpass"):
                    self.other_focus.append((start, idx))
        self.person_mentions.sort()
        self.focus.sort()
        self.other_focus.sort()

    def add_source(self, tok_i: int, actor: int) -> None:
        target = self.focus if actor in self.personal else self.other_focus
        pos = bisect_left(target, (tok_i, actor))
        if pos >= len(target) or target[pos] != (tok_i, actor):
            target.insert(pos, (tok_i, actor))

    def resolve(self, head: Token, in_quote: bool) -> tuple[int | None, str]:
        doc, lower = self.doc, head.lower_
        if head.i in self.mention:
            return self.mention[head.i], "name"
        for c in head.children:  # "the president, Joe Biden" / "President Biden" parsed as compound
            if c.dep_ in ("appos", "compound") and c.i in self.mention and self.actors[self.mention[c.i]].kind == "person":
                return self.mention[c.i], "name"
        if lower in RELATIVE and head.head.dep_ == "relcl":
            noun = head.head.head
            return (self.resolve(noun, in_quote)[0], "relative") if noun.i != head.i else (None, "")
        if lower in MALE or lower in FEMALE:
            return self._person(head.i, "m" if lower in MALE else "f"), "pronoun"
        if lower in PLURAL or lower in THING:
            return self._other(head.i), "pronoun"
        if lower in FIRST and not in_quote:
            if not self._sig_done:
                self.sig, self._sig_done = signatory(doc, self.actors), True
            return self.sig, "signatory"
        if head.lemma_.lower() in self.own_side:
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in MALE | FEMALE), None)
            if poss is not None:  # 'his country', 'her government': the state or body its holder speaks for
                person = self._person(poss.i, "m" if poss.lower_ in MALE else "f")
                side = next((r.of for r in self.roles if r.person == person and r.of is not None and r.represents), None)
                return side, "own side"
        if head.lemma_.lower() in self.title_heads and head.tag_ in ("NN", "NNP") and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return self._title_holder(head), "title"
        return None, ""

    def _sentence_floor(self, i: int) -> int:
        sent = self.doc[i].sent
        start = sent.start
        for _ in range(PRONOUN_SENTENCES):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _elsewhere(self, start: int, i: int) -> bool:
        """A subject inside someone's reported words is what they talk about, not who speaks next
        ('“Putin doesn’t take talks seriously,” he told'), unless `i` is in the same words."""
        n = self.reported.get(start)
        return n is not None and n != self.reported.get(i)

    def _compatible(self, idx: int, gender: str) -> bool:
        return idx in self.personal and self.gender.get(idx, gender) == gender

    def _person(self, i: int, gender: str) -> int | None:
        floor = self._sentence_floor(i)
        for start, idx in reversed(self.focus[:bisect_left(self.focus, (i, -1))]):
            if start < floor:
                break
            if self._compatible(idx, gender) and not self._elsewhere(start, i):
                return self._learn(idx, gender)
        for start, idx in reversed(self.person_mentions[:bisect_left(self.person_mentions, (i, -1))]):
            if start < i - PRONOUN_WINDOW:
                break
            if self._compatible(idx, gender):
                return self._learn(idx, gender)
        return None

    def _learn(self, idx: int, gender: str) -> int:
        self.gender.setdefault(idx, gender)
        return idx

    def _other(self, i: int) -> int | None:
        floor = self._sentence_floor(i)
        for start, idx in reversed(self.other_focus[:bisect_left(self.other_focus, (i, -1))]):
            if start < floor:
                break
            if not self._elsewhere(start, i):
                return idx
        return None

    def _title_holder(self, head: Token) -> int | None:
        """The person this article gives the title ending in `head` ('the prime minister'); the
        modifiers must agree ('the Lib Dem spokesman' is not the Tory spokesman)."""
        words = {t.lower_ for t in head.subtree if t.i <= head.i and t.dep_ != "det"}
        holders = []
        for r in self.roles:
            if r.sent[0] <= head.i < r.sent[1]:
                continue  # a role read off this very phrase ('the Lib Dem spokesman' -> the last name) is no evidence
            title = r.title.lower().split()
            if not title or title[-1] != head.lower_:
                continue
            mods = words - {head.lower_}
            of_name = self.actors[r.of].name.lower() if r.of is not None else ""
            if mods and not all(m in title or m in of_name or m in ("former", "current", "then") for m in mods):
                continue
            # 'the chancellor' is Brown, not the shadow chancellor: a title with no word the phrase lacks wins
            holders.append((r.person, set(title) <= words))
        exact = [person for person, whole in holders if whole]
        holders = list(dict.fromkeys(exact or [person for person, _ in holders]))
        if len(holders) == 1:
            return holders[0]
        if holders:  # several holders: the one mentioned latest before
            best, best_at = None, -1
            for start, idx in self.person_mentions:
                if start < head.i and idx in holders and start > best_at:
                    best, best_at = idx, start
            return best
        return None


def resolve_speakers(doc: Doc, atts: list[AttributionRef], qat: list[int], given_names: dict[str, str],
                     title_heads: set[str], own_side: set[str] = frozenset()) -> None:
    """Fill `speaker` and `how` of each attribution, in text order (a resolved source joins the
    salience lists; a continued quote is part of its attribution's content, so shares its speaker)."""
    reported = {i: n for n, a in enumerate(atts) for i in a.tokens()}
    res = SpeakerResolver(doc, given_names, title_heads, own_side, reported)
    for a in sorted(atts, key=lambda a: a.cue[0]):
        if a.source is None:
            continue
        span = doc[a.source[0]:a.source[1]]
        head = span.root
        a.speaker, a.how = res.resolve(head, qat[head.i] >= 0)
        if a.speaker is None and head.pos_ == "PROPN":  # a name in a short mention ('Sen. Bernie Sanders (I-Vt.)')
            names = {res.mention[t.i] for t in span if t.i in res.mention and t.dep_ in ("compound", "appos", "flat")}
            if len(names) == 1 and len(span) <= 4:
                a.speaker, a.how = names.pop(), "name"
        if a.speaker is not None:
            res.add_source(head.i, a.speaker)
