"""Stances take their holder from the attribution stating them (ingest/components/stances/attributed.py),
on the real pipeline: each text is a shape the stance finder got wrong before it read attributions."""

from __future__ import annotations

import pytest

from ingest.extract import extract_doc
from ingest.nlp import load_pipeline
from ingest.records import Article


@pytest.fixture(scope="module")
def run():
    nlp = load_pipeline()

    def _run(text: str):
        ex = extract_doc(nlp(text), Article(id="t", text=text, source="t.txt"))
        names = {a.id: a.name for a in ex.actors}
        by_id = {q.id: q for q in ex.attributions}
        return ex, names, by_id
    return _run


def held(ex, names):
    return [(names[s.actor], s.kind, s.polarity, s.position.label) for s in ex.stances]


def test_an_embedded_subject_under_should_is_part_of_the_speakers_position(run):
    ex, names, by_id = run("Conservative MP David Davis said the UK should consider providing air support to Ukraine.")
    (s,) = ex.stances
    assert (names[s.actor], s.kind, s.polarity) == ("David Davis", "DEMAND", 1)
    assert s.position.label.startswith("UK consider providing air support")
    assert names[by_id[s.attribution].source] == "David Davis"


def test_a_body_saying_another_should_act_demands_it(run):
    ex, names, _ = run("In a separate statement, the EU said that the US should back Ukraine's entry into the "
                       "World Trade Organisation.")
    assert held(ex, names) == [("European Union", "DEMAND", 1, "US back Ukraine's entry into World Trade Organisation")]


def test_what_a_speaker_fears_another_intends_is_no_stance_of_the_other(run):
    ex, names, _ = run("Boris Johnson spoke in Brussels on Thursday. "
                       "He said he feared Putin intended to level Ukrainian cities.")
    assert [q.source for q in ex.attributions] == [next(i for i, n in names.items() if n == "Boris Johnson")]
    assert ex.stances == []


def test_he_inside_a_direct_quote_is_not_its_speaker(run):
    ex, names, _ = run("Boris Johnson spoke in Brussels on Thursday. “Putin doesn’t take peace talks seriously – "
                       "he wants to end the war on his own terms,” he told BBC Newsnight.")
    (q,) = ex.attributions
    assert names[q.source] == "Boris Johnson"  # the subject inside the quote is not who speaks
    assert not any(names[s.actor] == "Boris Johnson" for s in ex.stances)


def test_a_pronoun_holder_is_the_attributions_speaker_by_gender(run):
    ex, names, by_id = run("Gordon Brown met Angela Merkel on Monday. Later, she urged the government to scrap the tax.")
    (s,) = ex.stances
    assert (names[s.actor], s.kind, s.position.label) == ("Angela Merkel", "DEMAND", "scrap tax")
    assert by_id[s.attribution].cue_span == [s.start + s.evidence.index("urged"), s.start + s.evidence.index("urged") + 5]


def test_the_bare_title_is_its_exact_holder_not_the_shadow(run):
    ex, names, _ = run("Chancellor Gordon Brown spoke in Gateshead. Oliver Letwin, the shadow chancellor, was in "
                       "London. The chancellor promised to end teenage unemployment.")
    assert held(ex, names) == [("Gordon Brown", "PLEDGE", 1, "end teenage unemployment")]


def test_a_stance_verb_is_its_own_attribution_and_the_journalists_voice_none(run):
    ex, _, by_id = run("Zelenskiy has repeatedly rejected the demand for Ukrainian withdrawal from Donbas.")
    (s,) = ex.stances
    text = ex.article.text
    assert text[slice(*by_id[s.attribution].cue_span)] == "has repeatedly rejected"
    ex, _, _ = run("The Lib Dems would abolish tuition fees.")
    (s,) = ex.stances
    assert s.kind == "PLEDGE" and s.attribution is None
