"""The pipeline: our components' factories, initialization from ingest/patterns/, and saving."""

from __future__ import annotations

import pytest
import spacy

from ingest.components import factories, tables
from ingest.extract import extract_doc
from ingest.nlp import load_pipeline
from ingest.records import Article

TEXT = ("Sweden's prime minister, Magdalena Andersson, said Turkey should drop its objections. "
        "“We will not give up,” she said. Turkey agreed to support Finland and Sweden joining Nato.\n"
        "The Kremlin said it opposed the plan.")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(nlp, text: str = TEXT):
    return extract_doc(nlp(text), Article(id="t", text=text, source="t.txt"))


def test_pipeline_is_loaded_once_and_names_our_components(nlp):
    assert load_pipeline() is nlp
    assert [n for n in nlp.pipe_names if n.startswith("stancegraph")][-1] == "stancegraph_stances"


def test_a_saved_pipeline_loads_with_the_same_output(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert extract(loaded).stances and extract(loaded) == extract(nlp)


@pytest.mark.parametrize("name", factories.PIPELINE)
def test_each_component_saves_and_reads_its_tables(nlp, tmp_path, name):
    saved = nlp.get_pipe(name)
    saved.to_disk(tmp_path / name)
    fresh = spacy.blank("en").add_pipe(name).from_disk(tmp_path / name)
    assert fresh.tables == saved.tables and set(fresh.tables) == set(type(fresh).TABLES)


def test_initialize_takes_a_table_and_from_disk_can_leave_it(nlp, tmp_path):
    saved = nlp.get_pipe("stancegraph_quotes")
    saved.to_disk(tmp_path)
    grammar = {**saved.tables["grammar"], "speech_verbs": ["say"]}
    fresh = spacy.blank("en").add_pipe("stancegraph_quotes")
    fresh.initialize(grammar=grammar)
    assert fresh.grammar["speech_verbs"] == {"say"}
    fresh.from_disk(tmp_path, exclude=("grammar",))
    assert fresh.tables["grammar"] is grammar and fresh.tables["titles"] == saved.tables["titles"]


def test_factories_read_no_files(monkeypatch):
    def no_reading(names):
        raise AssertionError(f"read {list(names)}")
    monkeypatch.setattr(tables, "read_patterns", no_reading)
    blank = spacy.blank("en")
    for name in factories.PIPELINE:
        blank.add_pipe(name)
