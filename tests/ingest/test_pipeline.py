"""`stancegraph ingest`: the real pipeline into the real Neo4j."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph_schema.cypher import query
from tests.conftest import SHARED, TEST_PASSWORD

SEED = SHARED / "corpus" / "seed" / "paris-security-guarantees.txt"
BAD = SHARED / "corpus" / "bad-inputs"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside the checkout")


def rows(driver, cypher, **params):
    return [r.data() for r in driver.execute_query(cypher, params).records]


def stance_edges(store, edge_type, needle):
    return rows(store.driver, """
        MATCH (a:Actor)-[e]->(p:Position) WHERE type(e) = $edge_type AND toLower(p.label) CONTAINS $needle
        MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]->(p), (s)-[:IN]->(art:Article)
        RETURN a.name AS actor, p.id AS position, s.evidence AS evidence, s.start AS start, s.end AS end,
               art.id AS article""", edge_type=edge_type, needle=needle)


def test_seed_article_gives_the_donbas_conflict_with_provenance(store):
    summary, errors = store.ingest(SEED)
    assert summary.articles == 1 and not errors
    opposed = [r for r in stance_edges(store, "OPPOSES", "donbas") if "Zelenskiy" in r["actor"]]
    supported = [r for r in stance_edges(store, "SUPPORTS", "donbas") if r["actor"] == "Russia"]
    assert opposed and supported
    assert opposed[0]["position"] == supported[0]["position"], "one Position node for both"
    text = SEED.read_text()
    for row in opposed + supported:
        assert text[row["start"]:row["end"]] == row["evidence"]
    assert "rejected the demand" in opposed[0]["evidence"]
    assert "Russia demanding" in supported[0]["evidence"]


def test_ingesting_the_same_corpus_twice_changes_nothing(store):
    store.ingest(SEED, "samples")
    first = store.writer.counts()
    summary, _ = store.ingest(SEED, "samples")
    assert summary.articles == 0 and summary.unchanged == 5
    assert store.writer.counts() == first
    summary, _ = store.ingest(SEED, "samples", force=True)
    assert summary.articles == 5
    assert store.writer.counts() == first


def test_changed_article_replaces_its_statements(store, tmp_path):
    corpus = tmp_path / "news.jsonl"
    record = {"id": "news-1", "published_at": "2022-05-16",
              "text": "Turkey rejected Sweden joining Nato. Germany supported Sweden joining Nato."}
    corpus.write_text(json.dumps(record) + "\n")
    store.ingest(corpus)
    record["text"] = "Germany supported Sweden joining Nato."
    corpus.write_text(json.dumps(record) + "\n")
    store.ingest(corpus)
    made = rows(store.driver,
                "MATCH (a:Actor)-[:MADE]->(s:Statement)-[:IN]->(:Article {id: 'news-1'}) RETURN a.name AS actor")
    assert [r["actor"] for r in made] == ["Germany"]
    assert not store.driver.execute_query("MATCH (:State {iso3: 'TUR'})-[:OPPOSES]->() RETURN 1").records


def test_same_person_across_articles_is_one_node(store, tmp_path):
    corpus = tmp_path / "two.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"id": "one", "text": "Ukrainian President Volodymyr Zelenskiy rejected the Russian demand to cede Donbas."},
        {"id": "two", "text": "Volodymyr Zelensky urged Nato to send more air defence systems to Ukraine."},
        {"id": "three", "text": "President Zelenskyy said he would never give up territory."},
    ]) + "\n")
    store.ingest(corpus)
    people = rows(store.driver,
                  "MATCH (p:Person) WHERE p.name CONTAINS 'Zelensk' RETURN p.id AS id, p.aliases AS aliases")
    assert len(people) == 1, people
    articles = rows(store.driver,
                    "MATCH (p:Person {id: $id})-[:MENTIONED_IN]->(a:Article) RETURN count(a) AS n", id=people[0]["id"])
    assert articles[0]["n"] == 3


def cli(env_extra, *args):
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, text=True,
                          timeout=600)


def test_bad_inputs_are_reported_and_skipped_while_good_ones_land(store, neo4j_settings):
    done = cli({"NEO4J_URI": neo4j_settings.bolt_uri, "NEO4J_PASSWORD": TEST_PASSWORD},
               "ingest", "--quiet", str(BAD / "binary.txt"), str(BAD / "empty.txt"), str(BAD / "malformed.jsonl"),
               str(BAD / "cp1252.txt"), str(SEED))
    assert done.returncode == 1, "a failed input makes the exit code non-zero"
    assert "binary.txt" in done.stderr and "not a text file" in done.stderr
    assert "empty.txt" in done.stderr
    assert "malformed.jsonl:2" in done.stderr and "malformed.jsonl:3" in done.stderr
    assert "articles ingested" in done.stderr
    ids = {r["id"] for r in rows(store.driver, "MATCH (a:Article) RETURN a.id AS id")}
    assert {"ok-1", "ok-2", "bad-date"} <= ids
    assert len(ids) == 5  # three JSON Lines records, cp1252.txt and the seed


def test_neo4j_down_is_one_clear_line():
    done = cli({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}, "ingest", "--quiet", str(SEED))
    assert done.returncode != 0
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in done.stderr
    assert "Traceback" not in done.stderr


def test_one_unencodable_record_loses_nothing(store, tmp_path):
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text('{"id": "odd", "text": "Germany rejected the plan \\ud800 on Monday."}\n'
                      '{"id": "fine", "text": "France supported the plan."}\n')
    summary, errors = store.ingest(corpus)
    assert summary.articles == 2 and summary.failed == 0
    assert any("surrogate" in e.message and e.line == 1 for e in errors)
    assert {r["id"] for r in rows(store.driver, "MATCH (a:Article) RETURN a.id AS id")} == {"odd", "fine"}


def test_an_id_met_twice_in_one_run_is_reported(store, tmp_path):
    corpus = tmp_path / "dup.jsonl"
    corpus.write_text('{"id": "d", "text": "Germany rejected the plan."}\n'
                      '{"id": "d", "text": "France supported the plan."}\n'
                      '{"id": "d", "text": "Germany rejected the plan."}\n')
    summary, errors = store.ingest(corpus)
    assert summary.articles == 1 and summary.failed == 1 and summary.skipped == 1
    assert [e.kind for e in errors] == ["failed", "skipped"]
    assert "same id 'd'" in errors[0].message and "same text" in errors[1].message


def test_model_not_installed_is_one_clear_line(tmp_path):
    done = cli({}, "extract", "--model", "no_such_model", str(SEED))
    assert done.returncode == 1
    assert "cannot load the spaCy pipeline 'no_such_model'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_deeply_nested_record_is_reported_and_the_rest_lands(store, tmp_path, monkeypatch):
    deep = "[" * 50_000 + "]" * 50_000  # past any recursion limit of a JSON parser
    corpus = tmp_path / "deep.jsonl"
    corpus.write_text('{"id": "before", "text": "Germany rejected the plan."}\n'
                      '{"id": "deep", "text": "France supported it.", "tags": ' + deep + '}\n'
                      '{"id": "after", "text": "Poland supported the plan."}\n')
    (tmp_path / "deep.json").write_text(deep)
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "stdin-ok", "text": "Spain opposed the plan."}\n'
                                                  + deep + "\n"))
    summary, errors = store.ingest(corpus, tmp_path / "deep.json", "-")
    assert {r["id"] for r in rows(store.driver, "MATCH (a:Article) RETURN a.id AS id")} == {
        "before", "after", "stdin-ok"}
    assert summary.articles == 3 and summary.failed == 3
    assert [(e.source, e.line, e.kind) for e in errors] == [
        (str(corpus), 2, "failed"), (str(tmp_path / "deep.json"), None, "failed"), ("<stdin>", 2, "failed")]
    assert all("nested too deeply" in e.message for e in errors)


def test_the_same_file_under_another_spelling_is_one_article(store, tmp_path, monkeypatch):
    folder = tmp_path / "corp" / "u"
    folder.mkdir(parents=True)
    (tmp_path / "link").symlink_to(folder)
    article = folder / "a.txt"
    article.write_text("Turkey rejected Sweden joining Nato.")
    monkeypatch.chdir(tmp_path)
    store.ingest("corp/u")
    article.write_text("Turkey rejected Sweden joining Nato. Germany supported Sweden joining Nato.")
    store.ingest(folder.resolve())
    article.write_text("Turkey rejected Sweden joining Nato. Germany supported Sweden joining Nato. "
                       "Poland supported it too.")
    store.ingest("link/../link/a.txt")
    paths = [r["path"] for r in rows(store.driver, "MATCH (a:Article) RETURN a.path AS path")]
    assert paths == [str(article.resolve())]
    turkey = rows(store.driver, "MATCH (:State {iso3: 'TUR'})-[:MADE]->(s:Statement) RETURN count(s) AS n")
    assert turkey == [{"n": 1}]


def test_undated_rows_come_last_in_the_readmes_first_query_and_in_role_holders(store, tmp_path):
    corpus = tmp_path / "dates.jsonl"
    undated = "Ukrainian President Volodymyr Zelenskiy rejected the Russian demand to cede Donbas."
    dated = ("Ukrainian Foreign Minister Dmytro Kuleba said on Monday that Volodymyr Zelenskiy rejected the "
             "Russian demand to cede Donbas.")
    corpus.write_text(json.dumps({"id": "undated", "text": undated}) + "\n"
                      + json.dumps({"id": "dated", "published_at": "2022-05-02", "text": dated}) + "\n")
    summary, _ = store.ingest(corpus)
    assert summary.undated == 1
    readme = (Path(__file__).parents[2] / "graph_schema" / "README.md").read_text()
    latest_first = re.search(r"```cypher\n(.*?)```", readme, re.DOTALL).group(1)  # "All positions of an actor"
    [position] = rows(store.driver, latest_first)
    assert position["latest_evidence"] == dated
    [ukraine] = rows(store.driver, query("api_actor"), id="state:UKR")
    assert [holder["person"]["name"] for holder in ukraine["role_holders"]] == [
        "Dmytro Kuleba", "Volodymyr Zelenskiy"]


def test_a_date_found_later_rewrites_the_article(store, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("Turkey rejected Sweden joining Nato.")
    summary, _ = store.ingest(article)
    assert summary.undated == 1
    (tmp_path / "talks.txt.meta.json").write_text('{"published_at": "2022-05-16"}')
    summary, _ = store.ingest(article)
    assert (summary.articles, summary.unchanged, summary.undated) == (1, 0, 0)
    dates = rows(store.driver, "MATCH (s:Statement) RETURN DISTINCT toString(s.date) AS date")
    assert dates == [{"date": "2022-05-16"}]
    summary, _ = store.ingest(article)
    assert (summary.articles, summary.unchanged) == (0, 1)


def test_date_options_are_checked_before_any_work():
    for option, message in [(["--date", "06/06/2022"], "--date: '06/06/2022' is not an ISO 8601 date"),
                            (["--date-pattern", "(unclosed"], "not a regular expression")]:
        done = cli({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}, "ingest", "--quiet", *option,
                   str(SEED))
        assert done.returncode == 2, done.stderr
        assert message in " ".join(done.stderr.split()) and "cannot reach" not in done.stderr


def test_extract_dates_articles_by_file_name_then_by_the_date_option(tmp_path):
    (tmp_path / "20220125T090000Z_GB_en_x.txt").write_text("Turkey rejected Sweden joining Nato.")
    (tmp_path / "plain.txt").write_text("Germany supported Sweden joining Nato.")
    done = cli({}, "extract", "--date", "2022-06-06", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["article"]["published_at"] for line in done.stdout.splitlines()] == [
        "2022-01-25T09:00:00+00:00", "2022-06-06"]
    assert "2 articles, 0 skipped, 0 failed, 0 undated" in done.stderr


def test_worker_processes_give_the_graph_of_one_process(store, tmp_path):
    from ingest import DEFAULT_MODEL
    from ingest.pipeline import Pipeline

    corpus = tmp_path / "reuters.jsonl"
    with (SHARED / "corpus" / "reuters-21578.jsonl").open(encoding="utf-8") as stories:
        corpus.write_text("".join(next(stories) for _ in range(40)), encoding="utf-8")  # two chunks
    one, _ = store.ingest(corpus, "samples")
    expected = store.snapshot()
    store.reset().pipeline = Pipeline(DEFAULT_MODEL, n_process=2)
    two, errors = store.ingest(corpus, "samples")
    assert not errors and two.articles == one.articles == 44
    assert store.snapshot() == expected
