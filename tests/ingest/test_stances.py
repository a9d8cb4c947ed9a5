"""The stance finder's steps (ingest/components/stances/), each on a small hand-parsed Doc."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from ingest.components.lexicons import read_patterns
from ingest.components.stances import StanceFinder
from ingest.components.stances.anaphora import is_anaphor, pronoun_antecedent
from ingest.components.stances.content import content_of
from ingest.components.stances.frames import frame_of
from ingest.components.stances.headlines import headline_lines
from ingest.components.stances.holders import holders_of
from ingest.components.stances.nesting import compose
from ingest.components.stances.polarity import modality_of, polarity_of
from ingest.components.stances.tables import StanceTables


@pytest.fixture(scope="module")
def tables() -> StanceTables:
    return StanceTables.shape(read_patterns(StanceFinder.TABLES))


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def parse(vocab, rows: str) -> Doc:
    """One token a line: word lemma POS tag dep head-index (the root is its own head)."""
    cols = [line.split() for line in rows.strip().splitlines()]
    return Doc(vocab, words=[c[0] for c in cols], lemmas=[c[1] for c in cols], pos=[c[2] for c in cols],
               tags=[c[3] for c in cols], deps=[c[4] for c in cols], heads=[int(c[5]) for c in cols])


def test_lines_without_final_punctuation_are_headlines(tables):
    doc = spacy.blank("en")("Pensions must be protected - Smith\n\nLabour said it would act.")
    marked = headline_lines(doc, tables.grammar)
    assert [t.text for t in doc if marked[t.i]][:2] == ["Pensions", "must"]
    assert not any(marked[t.i] for t in doc if t.text in ("Labour", "act"))


def test_a_single_line_has_no_headline(tables):
    doc = spacy.blank("en")("Labour said it would act")
    assert not any(headline_lines(doc, tables.grammar))


def test_a_verb_after_a_possessive_is_a_nominal_frame(vocab, tables):
    doc = parse(vocab, """
        Peru  Peru PROPN NNP poss  2
        ’s    ’s   PART  POS case  0
        plans plan VERB  VBZ ROOT  2
        """)
    assert frame_of(doc[2], tables.frames).pos == "NOUN"


def test_holders_are_the_subject_and_its_conjuncts(vocab, tables):
    doc = parse(vocab, """
        France    France    PROPN NNP nsubj 3
        and       and       CCONJ CC  cc    0
        Britain   Britain   PROPN NNP conj  0
        support   support   VERB  VBP ROOT  3
        sanctions sanction  NOUN  NNS dobj  3
        """)
    frame = frame_of(doc[3], tables.frames)
    assert [t.text for t in holders_of(doc[3], frame, {}, tables)] == ["France", "Britain"]


def test_an_actor_object_is_the_target_when_the_content_is_elsewhere(vocab, tables):
    doc = parse(vocab, """
        Washington Washington PROPN NNP  nsubj 1
        urged      urge       VERB  VBD  ROOT  1
        Ankara     Ankara     PROPN NNP  dobj  1
        to         to         PART  TO   aux   4
        drop       drop       VERB  VB   xcomp 1
        its        its        PRON  PRP$ poss  6
        veto       veto       NOUN  NN   dobj  4
        """)
    root, target, _ = content_of(doc[1], frame_of(doc[1], tables.frames), {2: 1}, tables)
    assert (root.text, target.text) == ("drop", "Ankara")


def test_negation_flips_the_kind_and_would_makes_it_hypothetical(vocab, tables):
    doc = parse(vocab, """
        Turkey  Turkey  PROPN NNP nsubj 3
        would   would   AUX   MD  aux   3
        not     not     PART  RB  neg   3
        support support VERB  VB  ROOT  3
        it      it      PRON  PRP dobj  3
        """)
    frame = frame_of(doc[3], tables.frames)
    assert polarity_of(doc[3], doc[3], doc[4], frame, tables) == ("OPPOSE", -1, "asserted")
    assert modality_of(doc[3], doc[3], doc[4], tables.grammar) == "hypothetical"


@pytest.mark.parametrize("outer,inner,composed", [
    ("ACCEPT", "SUPPORT", ("ACCEPT", 1)),  # "agreed to support": the more specific kind
    ("REJECT", "SUPPORT", ("REJECT", -1)),  # "refused to back": the outer frame flips it
    ("UNDECIDED", "SUPPORT", ("UNDECIDED", 0)),
])
def test_a_frame_over_a_frame_composes_kind_and_polarity(tables, outer, inner, composed):
    assert compose(outer, inner, tables.kinds) == composed


def test_a_definite_anaphoric_noun_points_back_but_not_one_with_content(vocab, tables):
    doc = parse(vocab, """
        the    the    DET  DT  det  1
        demand demand NOUN NN  ROOT 1
        for    for    ADP  IN  prep 1
        talks  talk   NOUN NNS pobj 2
        """)
    assert not is_anaphor(doc[1], tables)
    assert is_anaphor(parse(vocab, "the the DET DT det 1\ndemand demand NOUN NN ROOT 1")[1], tables)


def test_them_is_the_latest_plural_noun_phrase(vocab, tables):
    doc = parse(vocab, """
        Sweden       Sweden      PROPN NNP nsubj 3
        and          and         CCONJ CC  cc    0
        Finland      Finland     PROPN NNP conj  0
        submitted    submit      VERB  VBD ROOT  3
        applications application NOUN  NNS dobj  3
        and          and         CCONJ CC  cc    3
        Hungary      Hungary     PROPN NNP nsubj 7
        ratified     ratify      VERB  VBD conj  3
        them         they        PRON  PRP dobj  7
        """)
    assert pronoun_antecedent(doc[8], set(), tables).text == "applications"
