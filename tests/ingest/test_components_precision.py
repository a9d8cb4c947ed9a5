"""Precision guards from an audit on unseen articles: headline lines, glued paragraphs, dangling labels."""

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
        return ex, {a.id: a.name for a in ex.actors}
    return _run


def test_headline_line_states_no_stance(run):
    ex, names = run("Pensions must be protected - Smith\n\n"
                    "Labour leader John Smith has said he supports a higher state pension.")
    labels = [s.position.label for s in ex.stances]
    assert labels and not any("protected" in l for l in labels)


def test_line_break_starts_a_sentence(run):
    ex, _ = run("Watch: Canada wants to lower the tariffs\n\nJustin Trudeau announced that he opposed the sanctions.")
    assert ex.stances and all("Trudeau" not in s.position.label and "tariffs" not in s.position.label
                              for s in ex.stances)
    assert all(s.evidence.startswith("Justin Trudeau") for s in ex.stances)


def test_label_drops_a_preposition_whose_object_is_left_out(run):
    ex, _ = run("The minister said Germany will send ten tanks to Poland on top of the aid it sent in May.")
    ex2, _ = run("France accused Italy of ignoring the treaty.")
    for s in ex.stances + ex2.stances:
        assert s.position.label.split()[-1].lower() not in {"of", "from", "on", "in", "to", "the", "and"}


def test_label_keeps_a_verb_particle(run):
    ex, _ = run("The paper claims Mr Jones said in May he would stand down as mayor before the vote.")
    assert any(s.position.label.endswith("stand down") for s in ex.stances)
