"""Positions: a short label and a normalized key for what a stance is about.

`content_tokens` prunes the parse subtree of the stance's content to its core (predicate,
arguments, 'of'/'to'/'from' phrases), leaving out relative clauses, conditions, appositions and
asides, so labels stay short and canonical ("send troops to Ukraine"). `position_key` keeps
lemmas of the content words, maps nationality adjectives and other names of a state to one form
and synonyms to one word, and sorts them: "Sweden and Finland joining Nato" and "Finnish and
Swedish Nato membership" share the key "finland join nato sweden".
"""

from __future__ import annotations

import hashlib
from collections import deque

from spacy.tokens import Token

from .lexicons import Gazetteer, fold

MAX_LABEL_WORDS = 12
CLAUSE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "acomp", "oprd", "prt", "neg", "xcomp",
               "prep", "pobj", "agent", "pcomp", "ccomp"}
PHRASE_DEPS = {"amod", "compound", "poss", "case", "nummod", "nmod", "conj", "cc", "pobj", "prep", "quantmod",
               "npadvmod", "advmod", "dobj", "neg"}
PHRASE_PREPS = {"of", "to", "from", "for", "into", "on", "against", "with", "in", "about", "over"}
LEADING_FILLER = {"aux", "mark", "det", "cc", "case", "prep"}  # "to send troops" -> "send troops"
TIME_NOUNS = {"time", "year", "month", "week", "day", "hour", "moment", "while", "period"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def is_condition(tok: Token, grammar: dict) -> bool:
    """'once a ceasefire is agreed', 'if …', 'in the event of a peace deal'."""
    if tok.dep_ == "advcl":
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in grammar["condition_marks"] for c in tok.children)
    if tok.dep_ == "prep":
        return any(c.dep_ == "pobj" and c.lemma_.lower() in grammar["condition_preps"] for c in tok.children)
    return False


def _is_time(prep: Token) -> bool:
    """'for some time now', 'in February': when, not what."""
    return any(c.ent_type_ in ("DATE", "TIME") or c.lemma_ in TIME_NOUNS for c in prep.children)


def _is_to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _bare(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and not any(c.dep_ in ("amod", "compound", "poss", "prep") for c in noun.children)


def content_tokens(roots: list[Token], grammar: dict, exclude: set[int] = frozenset()) -> list[Token]:
    """The core of the content phrase under `roots`, breadth first within a word budget."""
    picked, words, root = [], 0, roots[0]
    queue = deque(roots)
    while queue:
        tok = queue.popleft()
        if tok.i in exclude:
            continue
        if tok.is_alpha or tok.like_num:
            if words >= MAX_LABEL_WORDS:
                break
            words += len(fold(tok.text).split()) or 1
        picked.append(tok)
        is_clause = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound")
        for child in tok.children:
            if child.i in exclude or is_condition(child, grammar):
                continue
            if child.dep_ == "prep" and (child.lower_ not in PHRASE_PREPS or _is_time(child)):
                continue
            if child.dep_ == "acl" and (child.tag_ == "VBG" or _is_to_infinitive(child)):
                queue.append(child)  # "Finland and Sweden joining Nato", "plans to cut immigration"
            elif child.dep_ == "relcl" and tok == root and _bare(tok):  # "the role Belarus is playing"
                queue.append(child)
            elif child.dep_ in (CLAUSE_DEPS if is_clause else PHRASE_DEPS):
                queue.append(child)
    return sorted(picked, key=lambda t: t.i)


def _trim_dangling(tokens: list[Token], grammar: dict) -> list[Token]:
    """Drop a preposition whose object the label left out ('accused the US of' -> 'the US'), then
    any function word the label would end in ('block Ukraine from' -> 'block Ukraine')."""
    dangling = set(grammar.get("dangling_function_pos", ()))
    kept = {t.i for t in tokens}
    tokens = [t for t in tokens if not (t.dep_ == "prep" and not any(
        c.i in kept and c.dep_ in ("pobj", "pcomp") for c in t.children))]
    while tokens and tokens[-1].dep_ != "prt" and (tokens[-1].pos_ in dangling or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def label_of(tokens: list[Token], grammar: dict) -> str:
    tokens = _trim_dangling(tokens, grammar)
    out = []
    for n, tok in enumerate(tokens):
        if tok.is_punct and tok.text not in "-":
            continue
        if not out and tok.dep_ in LEADING_FILLER:
            continue
        out.append(tok.text)
        nxt = tokens[n + 1] if n + 1 < len(tokens) else None
        out.append(tok.whitespace_ if nxt is not None and nxt.i == tok.i + 1 else " ")
    return "".join(out).strip().replace(" ’s", "’s").replace(" 's", "'s")


def _region_members(tok: Token, grammar: dict) -> list[str] | None:
    """'Nordic Nato membership' in an article about Sweden and Finland: the region's states that the
    article names (their key form), or None when it names none or the word is no region."""
    members = grammar["position_regions"].get(tok.lower_)
    if members is None:
        return None
    named = {fold(a.name) for a in tok.doc._.sg_actors or () if a.kind == "state"}
    found = [m.replace(" ", "_") for m in map(fold, members) if m in named]
    return found or None


def position_key(tokens: list[Token], gazetteer: Gazetteer, grammar: dict) -> str:
    words = set()
    for tok in tokens:
        if tok.pos_ not in CONTENT_POS or tok.is_stop:
            continue
        members = _region_members(tok, grammar)
        if members is not None:
            words.update(members)
            continue
        lemma = tok.lemma_.lower()
        ref = gazetteer.by_form.get(fold(tok.text)) if tok.pos_ in ("PROPN", "ADJ") else None
        if ref is not None:
            lemma = fold(ref.name).replace(" ", "_")
        lemma = grammar["position_synonyms"].get(lemma, lemma)
        if lemma not in grammar["position_stopwords"]:
            words.add(lemma)
    return " ".join(sorted(words))


def label_and_key(roots: list[Token], gazetteer: Gazetteer, grammar: dict,
                  exclude: set[int] = frozenset()) -> tuple[str, str]:
    """The label and key of the content under `roots`, leaving out the tokens in `exclude`."""
    tokens = content_tokens(roots, grammar, exclude)
    return label_of(tokens, grammar), position_key(tokens, gazetteer, grammar)


def position_id(key: str) -> str:
    return "p_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
