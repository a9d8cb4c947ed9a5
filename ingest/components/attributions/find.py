"""Attributions (who said, thought or wants what), one small pure function per shape.

Each function takes a Doc and the cue tables and returns `AttributionRef`s with token spans:

- `verb_attributions`: a cue verb with its subject and complement, in any order ("X said (that) Y",
  "Y, X said", "Y, say the Tories", "X accused Y of Z", "X wants Y"); the subject is inherited
  through conjoined, participial and control verbs ("…, adding that", "took to Twitter to call").
  A complement inside quote marks is widened to the whole quote, across sentences and paragraphs
  ("“A. B,” he said" / "He said: “A. B.”").
- `according_attributions`: "according to X, Y" / "Y, according to X".
- `colon_attributions`: headline-style "X: Y" (a named actor, a colon, the statement).
- `document_attributions`: "In the latest CBS poll, Trump leads …" (a poll, report or statement).
- `sourceless_attributions`: "Sanders seemed to …", "Trump is expected to …", "Asked about X, …".
- `nominal_attributions`: "Trump's claim that …", "her support for …".
`merge` keeps the outer of nested attributions and drops those whose cue another one's content
holds; `continue_quotes` then joins a quote no cue reached to the quoted attribution before it
("“A,” she said. “B.”", or the next paragraph's quote).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..extensions import AttributionRef

OPENING, CLOSING, STRAIGHT = "“«„", "”»", '"'
MAX_QUOTE_TOKENS = 400  # an unbalanced quote mark must not swallow the rest of a long text
SUBJECT_DEPS = ("nsubj",)
PASSIVE_SUBJECT = "nsubjpass"
# Hand-set decisions, each measured on PolNeAR train (tools/score_polnear.py):
CONTINUE_INDIRECT = False  # a quote after an indirect attribution is not its continuation
SPLIT_SIBLINGS = True  # '… said X, and three-quarters said Y': a conjoined speech clause with its own subject stands alone
OUTER_FIRST = True  # nested attributions: the outer one (larger content) wins ('FALLIN: I think …')
CONTINUATION_GAP = 2  # sentences between a quote and the attribution it continues


# -- quotes ---------------------------------------------------------------------------------

def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of quoted text, marks excluded; curly and straight marks, '' and `` pairs."""
    spans, open_at, open_kind = [], None, None
    for tok in doc:
        t = tok.text
        if open_at is not None and tok.i - open_at > MAX_QUOTE_TOKENS:
            open_at = None
        if open_at is not None and tok.is_space and "\n" in t:
            # a paragraph ends an open quote: a quote going on opens again in the next paragraph
            if tok.i > open_at + 1:
                spans.append((open_at + 1, tok.i))
            open_at = None
            continue
        if open_at is None:
            if t in OPENING or t == STRAIGHT or t == "``" or t == "''":
                open_at, open_kind = tok.i, t
            continue
        closes = (t in CLOSING and open_kind in OPENING) or (t == STRAIGHT and open_kind == STRAIGHT) or \
            (t == "''" and open_kind in ("``", "''"))
        if closes:
            if tok.i > open_at + 1:
                spans.append((open_at + 1, tok.i))
            open_at = None
        elif t in OPENING and open_kind in OPENING:  # a new opening mark: the previous one was unclosed
            open_at = tok.i
    return spans


def quote_index(doc: Doc, quotes: list[tuple[int, int]]) -> list[int]:
    """Per token, the index of the quote it lies in (marks included), or -1."""
    at = [-1] * len(doc)
    for qi, (s, e) in enumerate(quotes):
        for i in range(max(s - 1, 0), min(e + 1, len(doc))):
            at[i] = qi
    return at


def is_speech_quote(doc: Doc, span: tuple[int, int]) -> bool:
    """Short or title-case 'quotes' are names, titles or scare quotes, not speech."""
    words = [t for t in doc[span[0]:span[1]] if t.is_alpha]
    if len(words) < 4:
        return False
    titled = sum(1 for t in words if t.is_title or t.is_stop and not t.is_lower)
    return titled < 0.8 * len(words) and any(t.pos_ in ("VERB", "AUX") for t in doc[span[0]:span[1]])


# -- helpers --------------------------------------------------------------------------------

def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading/trailing spaces and punctuation (quote marks too: offsets are of the words)."""
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "$%"):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in "$%"):
        end -= 1
    return (start, end) if start < end else None


def _spans(doc: Doc, ids: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token ids (spaces and punctuation between words bridged), trimmed."""
    out, run = [], None
    for i in sorted(ids):
        if run is not None and all(doc[j].is_punct or doc[j].is_space for j in range(run[1], i)):
            run[1] = i + 1
        else:
            if run is not None:
                out.append(tuple(run))
            run = [i, i + 1]
    if run is not None:
        out.append(tuple(run))
    return [t for s, e in out if (t := _trim(doc, s, e))]


def _subtree(tok: Token, stop: set[int] = frozenset()) -> set[int]:
    ids, stack = set(), [tok]
    while stack:
        t = stack.pop()
        if t.i in stop:
            continue
        ids.add(t.i)
        stack.extend(t.children)
    return ids


def _kind(doc: Doc, contents: list[tuple[int, int]], qat: list[int]) -> str:
    words = [i for s, e in contents for i in range(s, e) if not doc[i].is_punct and not doc[i].is_space]
    inside = sum(1 for i in words if qat[i] >= 0)
    if words and inside == len(words):
        return "direct"
    return "mixed" if inside else "indirect"


def _widen_to_quotes(ids: set[int], quotes: list[tuple[int, int]], qat: list[int], verb: Token) -> set[int]:
    """Content reaching into a quote takes the whole quote (it may run over several sentences)."""
    out = set(ids)
    for qi in {qat[i] for i in ids if qat[i] >= 0}:
        s, e = quotes[qi]
        if not (s <= verb.i < e):
            out.update(range(s, e))
    return out


def cue_span(tok: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and particle, where adjacent ('has not said')."""
    ids = {tok.i} | {c.i for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - tok.i) <= 3}
    lo, hi = tok.i, tok.i
    for i in sorted(ids, reverse=True):
        if i < lo and i == lo - 1 or i < lo and all(j in ids or tok.doc[j].dep_ == "advmod" for j in range(i, lo)):
            lo = i
    for i in sorted(ids):
        if i == hi + 1:
            hi = i
    return lo, hi + 1


# -- subjects -------------------------------------------------------------------------------

def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; a conjoined, participial ('…, saying'), control ('took to Twitter to call')
    or relative verb without one takes its head's."""
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    if depth > 3:
        return None
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ in ("VERB", "AUX") and (verb.tag_ in ("VBG", "VB") or verb.dep_ == "xcomp"):
        if verb.dep_ == "xcomp":
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i < verb.i:  # object control: 'urged Biden to say' -> Biden
                return obj
        return subject_of(head, depth + 1)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):  # 'by saying', 'after warning'
        return subject_of(head.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
        return head  # 'a statement saying', 'Trump, speaking at a rally'
    return None


def _adjacent_subject(doc: Doc, tok: Token, qat: list[int]) -> Token | None:
    """The noun just before a subjectless finite speech verb (adverbs skipped), when the parser
    hung it elsewhere ('…, former president Bill Clinton said his wife …')."""
    i = tok.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    if i < 0 or qat[i] >= 0 or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or doc[i].dep_ in ("pobj", "dobj", "poss"):
        return None
    return doc[i]


def source_span(doc: Doc, subj: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The subject's noun phrase: its subtree without relative clauses, cue and content."""
    ids = {subj.i}
    for c in subj.children:
        if c.dep_ in ("relcl", "acl") or c.i in exclude:
            continue
        ids |= _subtree(c, exclude)
    ids = {i for i in ids if i not in exclude}
    if subj.i not in ids:
        return None
    # contiguous around the head
    start = subj.i
    while start - 1 in ids:
        start -= 1
    end = subj.i + 1
    while end in ids:
        end += 1
    return _trim(doc, start, end)


# -- shapes ---------------------------------------------------------------------------------

def verb_attributions(doc: Doc, cues: dict, quotes, qat, toks: list[Token] | None = None) -> list[AttributionRef]:
    out = []
    lemma_class, skipped = cues["lemma_class"], doc._.sg_skipped
    for tok in toks if toks is not None else doc:
        if tok.pos_ not in ("VERB", "AUX") or (skipped and skipped[tok.i]):
            continue
        lemma = lemma_of(tok, cues)
        cls = lemma_class.get(lemma)
        if cls is None or (tok.pos_ == "AUX" and lemma not in ("say",)):
            continue
        if qat[tok.i] >= 0 and not _quote_is_title(doc, quotes[qat[tok.i]]):
            continue  # a cue inside someone's quote belongs to the quoted speaker's words
        att = _verb_attribution(doc, tok, lemma, cls, cues, quotes, qat)
        if att is not None:
            out.append(att)
    return out


def lemma_of(tok: Token, cues: dict) -> str:
    return cues["form_lemmas"].get(tok.lower_) or tok.lemma_.lower()


def _quote_is_title(doc: Doc, span: tuple[int, int]) -> bool:
    return not is_speech_quote(doc, span)


def _verb_attribution(doc, tok, lemma, cls, cues, quotes, qat):
    subj = subject_of(tok)
    if subj is None and cls == "reporting" and tok.dep_ in ("ROOT", "ccomp", "parataxis") and tok.tag_ in ("VBD", "VBZ", "VBP"):
        subj = _adjacent_subject(doc, tok, qat)  # a misparse: 'Tuesday, …, former president Bill Clinton said'
    passive_agent = None
    if subj is None:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            passive_agent = next((c for c in agent.children if c.dep_ == "pobj"), None)
            subj = passive_agent
            if subj is not None and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
                return _modifier_attribution(doc, tok, subj, cls, quotes, qat)
    if subj is None or subj.lower_ in cues["not_sources"] or subj.dep_ == "expl" or \
            subj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") and subj.lower_ not in cues["quantifier_sources"]:
        return None
    if subj.lower_ == "it" and tok.tag_ in ("VBN",):
        return None
    clausal = [c for c in tok.children if c.dep_ in cues["clausal_deps"] and c.i != subj.i
               and not (c.dep_ == "xcomp" and (c.pos_ not in ("VERB", "AUX") or lemma in cues["no_xcomp"]))]
    nominal = [c for c in tok.children if c.dep_ in cues["nominal_deps"] and c.i != subj.i]
    own = cues["particles"].get(lemma)  # a verb with its own prepositions takes only those
    preps = [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in (own if own is not None else cues["content_preps"])]
    preps = [p for p in preps if not _circumstance(p, cues) and p.i > tok.i]
    if clausal:  # 'said of Trump that …' keeps 'of'; 'said on his tax returns that …' does not
        preps = [p for p in preps if p.lower_ in cues["particles"].get(lemma, ())]
    passive_subj = next((c for c in tok.children if c.dep_ == PASSIVE_SUBJECT), None) if passive_agent is not None else None
    if passive_subj is not None:
        nominal.append(passive_subj)
    light = cues["light_verbs"].get(lemma)
    if light is not None:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "prt", "oprd", "acomp") and c.lemma_.lower() in light]
        if not objs:
            return None
        clausal = [c for c in clausal if c.i > tok.i]
    if lemma in cues["addressee_verbs"] and (cls == "reporting" and not clausal or
                                             any(c.dep_ != "xcomp" for c in clausal)):
        nominal = []  # 'told reporters that …', 'told CNN': the object is who was told (not in 'urged Biden to go')
    if cls == "reporting" and not clausal:  # 'wrote an op-ed', 'gave a speech': the medium, not what was said
        nominal = [n for n in nominal if not _names_document(n, cues)]
    content_heads = clausal + nominal + preps
    if cls != "reporting" and not clausal and not (nominal or preps):
        return None
    if lemma in cues["need_clause"] and not clausal and not preps:
        if cls != "stance" or not nominal:
            return None
    if not content_heads:
        # '“…,” Horowitz said' with the quote parsed apart; 'He said: “…”' with the quote after
        nxt = _preceding_quote(doc, tok, subj, quotes, qat) or _following_quote(doc, tok, quotes, qat)
        if nxt is not None:
            ids = set(range(*nxt))
        elif cls == "reporting" and tok.dep_ in ("parataxis", "ROOT", "ccomp") and lemma in PARENTHETICAL:
            ids = _parenthetical_content(doc, tok, subj)  # 'If the law conflicts, Rubio said, Christians must …'
            if not ids:
                return None
        else:
            return None
    else:
        # a sibling cue inside the content ('…, calling them', '… and predicted that') is an
        # attribution of its own
        stop = {subj.i, tok.i} | {t.i for c in content_heads for t in c.subtree
                                  if t.i != c.i and t.dep_ == "conj" and t.pos_ == "VERB" and qat[t.i] < 0
                                  and cues["lemma_class"].get(lemma_of(t, cues)) == "reporting"
                                  and any(ch.dep_ == "nsubj" for ch in t.children) and SPLIT_SIBLINGS}
        ids = set()
        for c in content_heads:
            ids |= _subtree(c, stop)
    if not ids:
        return None
    ids = _widen_to_quotes(ids, quotes, qat, tok)
    cue = cue_span(tok)
    ids -= set(range(*cue))
    src = source_span(doc, subj, ids | set(range(*cue)))
    if src is None:
        return None
    ids -= set(range(*src))
    contents = _spans(doc, ids)
    if not contents:
        return None
    return AttributionRef(cue=cue, contents=contents, source=src, kind=_kind(doc, contents, qat), shape="verb",
                          cue_class=cls, head=tok.i)


def _modifier_attribution(doc, tok, agent, cls, quotes, qat):
    """'The immigration bill, opposed by House Republicans, …': the modified noun phrase is the content."""
    noun = tok.head
    ids = {noun.i} | {i for c in noun.children if c.i != tok.i and c.dep_ not in ("relcl", "acl", "punct")
                      for i in _subtree(c)}
    cue = cue_span(tok)
    src_ids = _subtree(agent)
    src = _trim(doc, min(src_ids), max(src_ids) + 1)
    contents = _spans(doc, ids - src_ids - set(range(*cue)))
    if not contents or src is None:
        return None
    return AttributionRef(cue=cue, contents=contents, source=src, kind=_kind(doc, contents, qat), shape="verb",
                          cue_class=cls, head=tok.i)


def _names_document(noun: Token, cues: dict) -> bool:
    """'an op-ed', 'a letter to the editor', 'the introduction for a new book'."""
    head_words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "det"]
    joined = "".join(t.text for t in head_words).lower()
    return noun.lemma_.lower() in cues["document_nouns"] or joined in cues["document_nouns"]


def _circumstance(prep: Token, cues: dict) -> bool:
    """'said on Tuesday', 'told CNN in an interview': time, place and medium, not content."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return prep.dep_ != "prt" and not any(c.dep_ in ("pcomp", "ccomp") for c in prep.children)
    if pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"):
        return True
    return pobj.lemma_.lower() in cues["time_words"]


PARENTHETICAL = {"say", "add", "note", "write", "argue", "insist", "explain", "warn", "claim", "contend",
                 "tell", "recall", "predict", "suggest", "continue", "conclude", "reply", "respond"}


def _parenthetical_content(doc: Doc, tok: Token, subj: Token) -> set[int]:
    """The rest of the sentence around a parenthetical 'X said' set off by commas."""
    sent = tok.sent
    seg = _subtree(tok) if tok.dep_ == "parataxis" else {subj.i, tok.i} | _subtree(subj) | \
        {c.i for c in tok.children if c.dep_ in ("aux", "neg", "advmod", "npadvmod", "punct")} | \
        {i for c in tok.children if c.dep_ in ("prep", "dative", "dobj") for i in _subtree(c)}
    seg = {i for i in seg if not doc[i].is_punct}
    lo, hi = min(seg), max(seg)
    before = [t for t in doc[sent.start:lo] if not t.is_punct and not t.is_space]
    after = [t for t in doc[hi + 1:sent.end] if not t.is_punct and not t.is_space]
    if len(before) < 3 or not after:
        return set()
    if doc[lo - 1].text not in (",", "—", "-", "–") or doc[hi + 1].text not in (",", "—", "-", "–"):
        return set()
    return {t.i for t in before + after}


def _preceding_quote(doc: Doc, tok: Token, subj: Token, quotes, qat) -> tuple[int, int] | None:
    """A quote closing just before the cue and its subject ('“…,” Horowitz said' / '“…,” said Horowitz')."""
    first = min(tok.i, subj.left_edge.i if subj is not None else tok.i)
    i = first - 1
    while i >= 0 and (doc[i].is_punct and not doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i >= 0 and doc[i].is_quote and i - 1 >= 0 and qat[i - 1] >= 0:
        s, e = quotes[qat[i - 1]]
        if e == i:
            return s, e
    return None


def _following_quote(doc: Doc, tok: Token, quotes, qat) -> tuple[int, int] | None:
    """A quote opening within two tokens after the cue or its sentence end ('said: “…'), else None."""
    sent_end = tok.sent.end
    for i in range(tok.i + 1, min(sent_end + 2, len(doc))):
        if doc[i].is_space:
            continue
        if qat[i] >= 0 and quotes[qat[i]][0] - 1 <= i:
            s, e = quotes[qat[i]]
            if s > tok.i and (i < sent_end or doc[sent_end - 1].text == ":" or doc[tok.i + 1].text == ":"):
                return s, e
        if doc[i].text not in (":", ",", "—", "-") and i >= sent_end:
            break
    return None


def according_attributions(doc: Doc, cues: dict, quotes, qat, toks: list[Token] | None = None) -> list[AttributionRef]:
    """'according to X' (or another multi-word cue): the rest of its clause is the content."""
    out, skipped = [], doc._.sg_skipped
    toks = toks if toks is not None else list(doc)
    firsts = {seq[0] for seq in cues["according"]}
    starts = [t for t in toks if t.lower_ in firsts]
    for seq in cues["according"]:
        n = len(seq)
        for tok in starts:
            if tok.lower_ != seq[0] or tok.i + n > len(doc) or (skipped and skipped[tok.i]):
                continue
            if [t.lower_ for t in doc[tok.i:tok.i + n]] != seq:
                continue
            cue = (tok.i, tok.i + n)
            last = doc[tok.i + n - 1]
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            src_ids = _subtree(pobj)
            src = _trim(doc, min(src_ids), max(src_ids) + 1)
            phrase = _subtree(tok) | set(range(*cue)) | src_ids
            ids = _clause_content(doc, tok, phrase, quotes, qat)
            if ids and all(doc[i].lower_ in DEICTIC or doc[i].is_punct or doc[i].is_space for i in ids):
                ids = _previous_statement(doc, tok, quotes, qat)  # '“…” That’s according to a blog by …'
            contents = _spans(doc, ids)
            if contents and src:
                out.append(AttributionRef(cue=cue, contents=contents, source=src, kind=_kind(doc, contents, qat),
                                          shape="according", cue_class="according", head=tok.i))
    return out


DEICTIC = {"that", "this", "it", "'s", "’s", "is", "was", "all", "so", "these", "those", "are", "were"}


def _previous_statement(doc: Doc, tok: Token, quotes, qat) -> set[int]:
    """What a deictic 'That's according to X' points back to: the quote ending just before, else
    the sentence before."""
    sent = tok.sent
    i = sent.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct and not doc[i].is_quote):
        i -= 1
    if i < 0:
        return set()
    if doc[i].is_quote and i > 0 and qat[i - 1] >= 0 and quotes[qat[i - 1]][1] == i:
        return set(range(*quotes[qat[i - 1]]))
    prev = doc[i].sent
    return {t.i for t in prev if not t.is_space}


def _clause_content(doc: Doc, tok: Token, phrase: set[int], quotes, qat) -> set[int]:
    """The clause a phrase modifies ('according to X, Y' / 'In the poll, Y'), without the phrase."""
    sent = tok.sent
    anchor = tok.head if tok.head.i != tok.i else tok
    while anchor.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and anchor.head.i != anchor.i:
        anchor = anchor.head
    ids = _subtree(anchor) - phrase if anchor.i != tok.i else set(range(sent.start, sent.end)) - phrase
    ids = {i for i in ids if sent.start <= i < sent.end}
    return _widen_to_quotes(ids, quotes, qat, tok)


def document_attributions(doc: Doc, cues: dict, quotes, qat, toks: list[Token] | None = None) -> list[AttributionRef]:
    """'In the latest CBS poll, Trump leads by 8 points': a poll, survey, report or statement named
    in a prepositional phrase on a clause is its source (unless the clause's verb is itself a cue:
    'said in a statement' belongs to the subject of 'said')."""
    out, skipped = [], doc._.sg_skipped
    for tok in toks if toks is not None else doc:
        if tok.lower_ not in cues["document_preps"] or tok.dep_ != "prep" or (skipped and skipped[tok.i]):
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in cues["document_nouns"] or pobj.tag_ != "NN":
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in cues["lemma_class"] or qat[tok.i] >= 0:
            continue
        src_ids = _subtree(pobj)
        src = _trim(doc, min(src_ids), max(src_ids) + 1)
        contents = _spans(doc, _clause_content(doc, tok, _subtree(tok), quotes, qat))
        if contents and src:
            out.append(AttributionRef(cue=(tok.i, tok.i + 1), contents=contents, source=src,
                                      kind=_kind(doc, contents, qat), shape="according", cue_class="according",
                                      head=tok.i))
    return out


def sourceless_attributions(doc: Doc, cues: dict, quotes, qat, toks: list[Token] | None = None) -> list[AttributionRef]:
    """'Sanders seemed to reap the benefits', 'Trump is expected to win': an evaluation with no
    source named; the subject and the complement together are the content."""
    out, skipped = [], doc._.sg_skipped
    for tok in toks if toks is not None else doc:
        if tok.pos_ not in ("VERB", "AUX") or (skipped and skipped[tok.i]) or qat[tok.i] >= 0:
            continue
        lemma = lemma_of(tok, cues)
        deps = cues["sourceless"].get(lemma)
        if deps is not None:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        elif lemma in cues["question_participles"] and tok.tag_ == "VBN" and tok.dep_ == "advcl" and \
                not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
            comps = [c for c in tok.children if c.i > tok.i and (c.dep_ == "ccomp" or c.dep_ == "prep" and
                                                                  c.lower_ in ("about", "on", "over", "whether", "if"))]
            contents = _spans(doc, {i for c in comps for i in _subtree(c)})
            if contents:  # 'Asked about the emails, she said …'
                out.append(AttributionRef(cue=cue_span(tok), contents=contents, source=None,
                                          kind=_kind(doc, contents, qat), shape="sourceless", cue_class="reporting",
                                          head=tok.i))
            continue
        elif lemma in cues["passive_sourceless"] and tok.tag_ == "VBN":
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            deps = {"xcomp", "ccomp", "oprd", "prep"} if not any(c.dep_ == "agent" for c in tok.children) else None
        else:
            continue
        if deps is None or subj is None or subj.lower_ in ("it", "there", "this", "that"):
            continue
        comps = [c for c in tok.children if c.dep_ in deps and c.i > tok.i]
        if lemma not in cues["sourceless"]:
            comps = [c for c in comps if c.dep_ != "prep" or c.lower_ == "as"]
        if not comps:
            continue
        cue = cue_span(tok)
        ids = _subtree(subj, {tok.i})
        for c in comps:
            ids |= _subtree(c, {tok.i})
        ids -= set(range(*cue))
        contents = _spans(doc, ids)
        if contents:
            out.append(AttributionRef(cue=cue, contents=contents, source=None, kind=_kind(doc, contents, qat),
                                      shape="sourceless", cue_class="thought", head=tok.i))
    return out


def nominal_attributions(doc: Doc, cues: dict, quotes, qat, toks: list[Token] | None = None) -> list[AttributionRef]:
    """'Trump's claim that the election was rigged', 'her support for the deal': a cue noun with a
    possessor (the source) and a that-clause or of/for/to complement (the content)."""
    out, skipped = [], doc._.sg_skipped
    for tok in toks if toks is not None else doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues["nominal_cues"] or qat[tok.i] >= 0 or \
                (skipped and skipped[tok.i]):
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None or poss.pos_ not in ("PROPN", "PRON", "NOUN") or poss.lower_ in ("its",):
            continue
        comps = [c for c in tok.children if c.i > tok.i and (
            c.dep_ == "prep" and c.lower_ in cues["nominal_preps"] or
            c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))]
        if not comps:
            continue
        ids = set()
        for c in comps:
            ids |= _subtree(c)
        ids = _widen_to_quotes(ids, quotes, qat, tok)
        src = source_span(doc, poss, ids | {tok.i})
        contents = _spans(doc, ids)
        if contents and src:
            out.append(AttributionRef(cue=(tok.i, tok.i + 1), contents=contents, source=src,
                                      kind=_kind(doc, contents, qat), shape="nominal", cue_class="nominal",
                                      head=tok.i))
    return out


def colon_attributions(doc: Doc, cues: dict, quotes, qat, mention: dict) -> list[AttributionRef]:
    """'Peskov: the British government is threatening …' — a line or sentence opening with a named
    actor (at most 6 words) and a colon; what follows, to the line end, is the statement."""
    out, skipped = [], doc._.sg_skipped
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        colon = next((t for t in toks[:8] if t.text == ":"), None)
        if colon is None or colon.i == toks[0].i or (skipped and skipped[colon.i]):
            continue
        head = doc[toks[0].i:colon.i]
        if any(t.pos_ in ("VERB", "AUX", "ADP", "NUM") or t.like_num for t in head) or len(head) > 6 or \
                head[0].lower_ in cues["colon_not_sources"] or head.root.pos_ not in ("NOUN", "PROPN"):
            continue
        line_start = toks[0].i == 0 or "\n" in doc[toks[0].i - 1].text
        if not line_start and not any(t.i in mention for t in head):
            continue
        end = colon.i + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        contents = _spans(doc, set(range(colon.i + 1, end)))
        if contents and sum(1 for t in doc[colon.i + 1:end] if t.is_alpha) >= 3:
            out.append(AttributionRef(cue=(colon.i, colon.i + 1), contents=contents,
                                      source=_trim(doc, head.start, head.end), kind=_kind(doc, contents, qat),
                                      shape="colon", cue_class="colon", head=colon.i))
    return out


def continue_quotes(doc: Doc, quotes, qat, found: list[AttributionRef], gap: int = CONTINUATION_GAP) -> None:
    """A speech quote no cue reached continues the attribution before it when that ends at most
    `gap` sentences back ("“A,” she said. “B.”", or the speaker going on in the next paragraph):
    it joins that attribution's content, which becomes direct or mixed."""
    covered = set()
    for a in found:
        covered |= a.tokens() | set(range(*a.cue))
        if a.source:
            covered |= set(range(*a.source))
    sent_no = _sentence_numbers(doc)
    skipped = doc._.sg_skipped
    ordered = sorted(found, key=lambda a: max(a.contents[-1][1], a.cue[1]))
    for s, e in quotes:
        if any(i in covered for i in range(s, e)) or not is_speech_quote(doc, (s, e)) or (skipped and skipped[s]):
            continue
        before = [a for a in ordered if max(a.contents[-1][1], a.cue[1]) <= s]
        if not before:
            continue
        prev = before[-1]
        last = max(prev.contents[-1][1], prev.cue[1]) - 1
        if not _opens_sentence(doc, s) and any(not t.is_punct and not t.is_space for t in doc[last + 1:s - 1]):
            continue  # a quote inside the journalist's sentence is not the speaker going on
        if prev.kind == "indirect" and not CONTINUE_INDIRECT:
            continue
        if sent_no[s] - sent_no[last] > gap:
            continue
        span = _trim(doc, s, e)
        if span is None:
            continue
        prev.contents.append(span)
        prev.kind = _kind(doc, prev.contents, qat)
        covered |= set(range(s, e))


def _opens_sentence(doc: Doc, s: int) -> bool:
    """The quote starting at token s (its mark at s - 1) opens a sentence; the parser may leave the
    mark at the end of the sentence before ('… national security. ''American leadership …')."""
    if doc[s].is_sent_start or s == 0:
        return True
    mark = doc[s - 1]
    if mark.is_sent_start:
        return True
    nxt = next((t for t in doc[mark.i + 1:] if not t.is_space), None)
    return nxt is not None and nxt.sent.start != mark.sent.start


def _sentence_numbers(doc: Doc) -> list[int]:
    nums, n = [0] * len(doc), -1
    for sent in doc.sents:
        n += 1
        for i in range(sent.start, sent.end):
            nums[i] = n
    return nums


def merge(found: list[AttributionRef]) -> list[AttributionRef]:
    """Keep one attribution per content: the first of verb > according > colon > quote; an
    attribution whose content lies inside another's (a cue within reported words) is dropped."""
    rank = {"verb": 0, "according": 1, "colon": 2, "nominal": 3, "sourceless": 4, "quote": 5}
    kept, taken = [], set()
    for a in sorted(found, key=lambda a: (-len(a.tokens()), rank[a.shape], a.cue[0]) if OUTER_FIRST
                    else (rank[a.shape], -len(a.tokens()), a.cue[0])):
        toks = a.tokens()
        cue = set(range(*a.cue))
        if a.shape != "quote" and (cue & taken):
            continue
        if len(toks & taken) > 0.5 * len(toks):
            continue
        kept.append(a)
        taken |= toks
    return sorted(kept, key=lambda a: min(a.cue[0], a.contents[0][0]))
