"""The `stancegraph` command: status, stats, search, export, the ingest progress line, options
checked before work, and a reader that stops early, against the real test Neo4j of conftest.py.

The graph is the hand-built world of tests/networks (four articles, six actors, four positions,
23 statements, counted by hand there), with publishers added: may and jun from the Guardian,
jul from Reuters, the undated article from none. Commands run in-process (typer's CliRunner)
where output is all that is checked, and as processes where a terminal, a pipe or a second
server is the point.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import termios
from io import StringIO

import networkx as nx
import pytest
from rich.console import Console
from typer.testing import CliRunner

from app.cli import app
from app.cli.progress import IngestProgress, Total, count_records
from app.settings import get_settings
from graph_schema.server import ADMIN_TOOL, LocalNeo4j
from ingest.pipeline import RunSummary
from tests.conftest import REPO, SHARED, TEST_BOLT_PORT, TEST_HTTP_PORT, TEST_PASSWORD, GraphStore, server_settings
from tests.networks.test_networks import extractions

OUTLETS = {"may": "Guardian", "jun": "Guardian", "jul": "Reuters", "undated": None}
NODES = {"Actor": 6, "Article": 4, "Person": 1, "Position": 4, "State": 5, "Statement": 23}
SEED = SHARED / "corpus" / "seed" / "paris-security-guarantees.txt"


@pytest.fixture
def world(store):
    written = []
    for extraction in extractions():
        extraction.article.outlet = OUTLETS[extraction.article.id]
        written.append(extraction)
    store.write(*written, force=True)
    return store


def external(neo4j_settings) -> dict:
    """The environment of a user whose NEO4J_URI names the test server."""
    return {"NEO4J_URI": neo4j_settings.bolt_uri, "NEO4J_PASSWORD": TEST_PASSWORD, "STANCEGRAPH_NEO4J_PASSWORD": None}


def managed(settings) -> dict:
    """The environment of a user whose stancegraph manages the server of `settings`."""
    return {"NEO4J_URI": None, "NEO4J_PASSWORD": None, "STANCEGRAPH_NEO4J_PASSWORD": TEST_PASSWORD,
            "STANCEGRAPH_NEO4J_HOME": str(settings.neo4j_home), "STANCEGRAPH_NEO4J_LIB": str(settings.neo4j_lib),
            "STANCEGRAPH_BOLT_PORT": str(settings.bolt_port), "STANCEGRAPH_HTTP_PORT": str(settings.http_port)}


def run(env: dict, *args: str):
    """`stancegraph ARGS` in this process, with `env` over the environment (None unsets)."""
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **env})
    finally:
        get_settings.cache_clear()


def process_env(env: dict) -> dict:
    merged = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    for key, value in env.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def cli(env: dict, *args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """`stancegraph ARGS` as a process of its own."""
    return subprocess.run([sys.executable, "-m", "app.cli", *args], env=process_env(env),
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=600)


def db_count(store: GraphStore, cypher: str) -> int:
    return store.rows(cypher)[0]["n"]


# --- status ------------------------------------------------------------------------------------

def test_status_shows_what_was_written(world, neo4j_settings):
    result = run(external(neo4j_settings), "status", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["server"] == {"managed": False, "uri": neo4j_settings.bolt_uri, "reachable": True}
    graph = found["graph"]
    assert graph["nodes"] == NODES and graph["totals"]["nodes"] == 37
    assert graph["relationships"]["MADE"] == 23 and graph["relationships"]["MENTIONED_IN"] == 13
    assert graph["totals"]["relationships"] == db_count(world, "MATCH ()-[r]->() RETURN count(r) AS n")
    assert graph["articles"] == 4 and graph["last_ingest"].startswith(
        str(world.rows("MATCH (a:Article) RETURN max(a.ingested_at) AS t")[0]["t"].to_native().date()))
    assert graph["schema"] == {"expected": 22, "missing": [], "not_online": []}
    assert graph["version"].startswith("Neo4j Kernel 5.26")

    text = run(external(neo4j_settings), "status").stdout
    assert "Neo4j at NEO4J_URI" in text and "nodes" in text
    assert "37 (Actor 6, Article 4, Person 1, Position 4, State 5, Statement 23)" in " ".join(text.split())
    assert "4 articles in the graph" in text and "in place" in text


def test_status_of_the_managed_server_and_a_missing_index(world, neo4j_settings):
    world.driver.execute_query("DROP INDEX statement_kind")
    try:
        result = run(managed(neo4j_settings), "status")
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert "managed local Neo4j" in text and f"pid {LocalNeo4j(neo4j_settings).status().pid}" in text
        assert "1 of 22 missing: statement_kind (stancegraph schema apply)" in text
    finally:
        world.reset()


def test_status_when_nothing_answers(tmp_path):
    result = run({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}, "status")
    assert result.exit_code == 3 and "cannot reach Neo4j at bolt://127.0.0.1:1" in result.stdout
    stopped = server_settings(tmp_path / "never-started", TEST_BOLT_PORT + 1, TEST_HTTP_PORT + 1)
    result = run(managed(stopped), "status")
    assert result.exit_code == 3 and "not running" in result.stdout
    assert not (tmp_path / "never-started").exists(), "status starts nothing"


# --- stats -------------------------------------------------------------------------------------

def test_stats(world, neo4j_settings):
    result = run(external(neo4j_settings), "stats", "--json", "--top", "2")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["totals"] == {"articles": 4, "dated_articles": 3, "statements": 23, "dated_statements": 22,
                               "actors": 6, "positions": 4, "dated_statement_share": pytest.approx(22 / 23)}
    turkey, second = found["actors"]
    assert turkey == {"id": "state:TUR", "name": "Turkey", "kind": "state", "statements": 7, "positions": 4,
                      "articles": 3, "positive": 4, "negative": 3, "neutral": 0}
    assert second["statements"] == 4 and second["name"] == "Finland"  # Finland and Sweden have 4: by name
    nato = found["positions"][0]
    assert nato == {"id": "p_nato", "label": "Finland and Sweden joining Nato", "statements": 11, "actors": 6,
                    "positive": 7, "negative": 4, "neutral": 0}
    assert [(k["kind"], k["polarity"], k["statements"]) for k in found["kinds"]] == [
        ("SUPPORT", 1, 13), ("OPPOSE", -1, 9), ("COMMENT", 0, 1)]
    assert found["articles"] == [
        {"source": "Guardian", "month": "2022-05", "articles": 1}, {"source": "Guardian", "month": "2022-06", "articles": 1},
        {"source": "Reuters", "month": "2022-07", "articles": 1}, {"source": None, "month": None, "articles": 1}]

    text = " ".join(run(external(neo4j_settings), "stats").stdout.split())
    assert "23 statements (22 dated, 95.7 %) by 6 actors on 4 positions, from 4 articles (3 dated, 75.0 %)" in text
    assert "Guardian │ 2 │ 2022-05 1 · 2022-06 1" in text and "(no source) │ 1 │ undated 1" in text


def test_stats_of_an_empty_graph_says_so(store, neo4j_settings):
    result = run(external(neo4j_settings), "stats")
    assert result.exit_code == 1 and "the graph is empty" in result.stderr


# --- search ------------------------------------------------------------------------------------

def test_search_ranks_as_the_api(world, neo4j_settings):
    from fastapi.testclient import TestClient

    from app.api.main import create_app

    result = run(external(neo4j_settings), "search", "nato", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["positions"]["items"][0]["id"] == "p_nato"
    assert found["positions"]["items"][0]["counts"]["statements"] == 11
    with TestClient(create_app(neo4j_settings)) as client:
        for q in ("nato", "sweden", "stoltenberg", "russia sanctions"):
            cli_found = json.loads(run(external(neo4j_settings), "search", q, "--json").stdout)
            for kind in ("actors", "positions"):
                api = client.get(f"/{kind}", params={"q": q, "limit": 10}).json()
                assert [i["id"] for i in cli_found[kind]["items"]] == [i["id"] for i in api["items"]], (q, kind)
                assert cli_found[kind]["total"] == api["total"]

    text = run(external(neo4j_settings), "search", "stoltenbreg").stdout  # one letter swapped: fuzzy
    assert "Jens Stoltenberg" in text and "person:jens stoltenberg" in text and "positions matching" in text
    assert "Turkey" not in text
    persons = json.loads(run(external(neo4j_settings), "search", "turkey", "--kind", "person", "--json").stdout)
    assert persons["actors"]["total"] == 0


def test_search_refuses_what_cannot_be_searched(neo4j_settings):
    result = run(external(neo4j_settings), "search", "?!")
    assert result.exit_code == 2 and "has no word to search for" in result.stderr
    assert run(external(neo4j_settings), "search", "x", "--kind", "planet").exit_code == 2


# --- export ------------------------------------------------------------------------------------

def test_export_graphml_csv_json(world, neo4j_settings, tmp_path):
    relationships = db_count(world, "MATCH ()-[r]->() RETURN count(r) AS n")
    result = run(external(neo4j_settings), "export", "--out", str(tmp_path / "graph.graphml"))
    assert result.exit_code == 0, result.output
    assert f"37 nodes and {relationships} relationships" in result.stderr
    g = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert g.number_of_nodes() == 37 and g.number_of_edges() == relationships
    assert g.nodes["state:TUR"]["labels"] == "Actor;State" and g.nodes["state:TUR"]["iso3"] == "TUR"
    assert g.nodes["p_nato"]["label"] == "Finland and Sweden joining Nato"
    assert g.nodes["may"]["source"] == "Guardian" and g.nodes["may"]["date"] == "2022-05-16"
    made = [v for _, v, d in g.out_edges("state:TUR", data=True) if d["type"] == "MADE"]
    assert len(made) == 7 and all(g.nodes[s]["labels"] == "Statement" for s in made)

    result = run(external(neo4j_settings), "export", "-o", str(tmp_path / "graph.csv"))
    assert result.exit_code == 0, result.output
    with open(tmp_path / "graph.csv", newline="", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    with open(tmp_path / "graph.nodes.csv", newline="", encoding="utf-8") as f:
        nodes = {r["id"]: r for r in csv.DictReader(f)}
    assert len(edges) == relationships and len(nodes) == 37
    assert sum(e["type"] == "MADE" and e["source"] == "state:TUR" for e in edges) == 7
    assert {e["target"] for e in edges} <= set(nodes), "every edge joins two listed nodes"
    assert nodes["person:jens stoltenberg"]["labels"] == "Actor;Person"

    result = run(external(neo4j_settings), "export", "-o", str(tmp_path / "graph.json"))
    data = json.loads((tmp_path / "graph.json").read_text())
    assert result.exit_code == 0 and len(data["nodes"]) == 37
    assert next(n for n in data["nodes"] if n["id"] == "state:TUR")["labels"] == ["Actor", "State"]


def test_export_options_are_checked_before_anything_is_read(tmp_path):
    nowhere = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}
    for args, message in [
        (["export", "-o", str(tmp_path / "graph.txt")], "unknown export format 'txt'"),
        (["export", "-o", str(tmp_path / "graph")], "no export format (the name has no suffix)"),
        (["export", "-o", str(tmp_path / "g.graphml"), "-f", "csv"], "the suffix says graphml, the format csv"),
        (["export", "-o", str(tmp_path)], "is a directory"),
        (["network", "coalitions", "--out", str(tmp_path / "c.pdf")], "unknown export format 'pdf'"),
        (["network", "build", "congruence", "--out", str(tmp_path / "c.csv"), "--png", str(tmp_path / "c.svg")],
         "unknown export format 'svg'"),
        (["network", "build", "congruence", "--out", str(SEED / "c.graphml")], f"{SEED} is a file, not a folder"),
    ]:
        result = run(nowhere, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in " ".join(result.stderr.split()), (args, result.stderr)
        assert "cannot reach Neo4j" not in result.stderr
    assert run(nowhere, "export", "-o", str(tmp_path / "g.dump"), "-f", "graphml").exit_code == 2
    assert not list(tmp_path.iterdir())


def test_dump_is_refused_while_the_server_runs_or_when_not_managed(world, neo4j_settings, tmp_path):
    result = run(managed(neo4j_settings), "export", "-o", str(tmp_path / "graph.dump"))
    assert result.exit_code == 1 and "the local Neo4j is running" in result.stderr
    assert "stancegraph neo4j stop" in result.stderr
    result = run(external(neo4j_settings), "export", "-o", str(tmp_path / "graph.dump"))
    assert result.exit_code == 1 and "NEO4J_URI is set" in result.stderr and "neo4j-admin database dump" in result.stderr
    assert not list(tmp_path.iterdir())


def test_dump_of_a_stopped_managed_server(tmp_path):
    """A second managed server on the run's ports + 1: written, stopped, dumped, and the dump
    read back by neo4j-admin."""
    settings = server_settings(tmp_path / "second", TEST_BOLT_PORT + 1, TEST_HTTP_PORT + 1)
    server = LocalNeo4j(settings)
    from graph_schema.connection import connect

    try:
        server.start()
        with connect(settings, start_local=False) as driver:
            store = GraphStore(driver, settings.neo4j_database).reset()
            store.write(*extractions(), force=True)
            written = store.rows("MATCH (n) RETURN count(n) AS n")[0]["n"]
        assert written == 37
    finally:
        server.stop()
    dump = tmp_path / "out" / "graph.dump"
    result = run(managed(settings), "export", "--out", str(dump))
    assert result.exit_code == 0, result.output
    assert f"wrote {dump}" in " ".join(result.stderr.split()) and dump.stat().st_size > 10_000
    assert [p.name for p in dump.parent.iterdir()] == ["graph.dump"], "nothing left beside it"
    folder = tmp_path / "load"
    folder.mkdir()
    shutil.copy(dump, folder / "neo4j.dump")
    info = subprocess.run(["java", "-cp", f"{settings.neo4j_lib}/*", ADMIN_TOOL, "database", "load", "--info",
                           f"--from-path={folder}", "neo4j"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NEO4J_HOME": str(settings.neo4j_home),
                               "NEO4J_CONF": str(settings.neo4j_home / "conf")})
    assert info.returncode == 0, info.stderr
    assert "Format: Neo4j ZSTD Dump" in info.stdout and int(re.search(r"Files: (\d+)", info.stdout)[1]) > 10


# --- a reader that stops early -------------------------------------------------------------------

def closed_pipe() -> int:
    """The write end of a pipe whose reader is gone: the first write fails with EPIPE."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.mark.parametrize("args,export", [
    (["network", "coalitions"], "coalitions.graphml"),
    (["network", "build", "congruence"], "congruence.csv"),
])
def test_a_closed_stdout_leaves_the_exports_in_place(world, neo4j_settings, tmp_path, args, export):
    stdout = closed_pipe()
    try:
        done = cli(external(neo4j_settings), *args, "--out", str(tmp_path / export), stdout=stdout)
    finally:
        os.close(stdout)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 1
    if export.endswith(".graphml"):
        g = nx.read_graphml(tmp_path / export)
        assert g.number_of_nodes() == 6 and {d["coalition"] for _, d in g.nodes(data=True)} == {1, 2}
    else:
        with open(tmp_path / "congruence.csv", newline="") as f:
            assert len(list(csv.DictReader(f))) == 9  # the nine congruence pairs of tests/networks


# --- ingest progress -----------------------------------------------------------------------------

def in_terminal(env: dict, *args: str, columns: int = 200) -> tuple[int, list[str]]:
    """`stancegraph ARGS` on a pseudo-terminal; the lines as the terminal shows them at the end
    (a carriage return or an erase-line overwrites what the line held)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", *args], stdin=slave, stdout=slave, stderr=slave,
                            env={**process_env(env), "TERM": "xterm-256color", "COLUMNS": str(columns)})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    code = proc.wait(timeout=60)
    text = b"".join(chunks).decode().replace("\x1b[2K", "\r")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return code, [next((part for part in reversed(line.split("\r")) if part.strip()), "") for line in text.split("\n")]


def test_ingest_progress_has_a_total_and_keeps_messages_above_it(store, neo4j_settings, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        '{"id": "n1", "text": "Germany rejected the plan on Monday."}\n'
        '{"id": "n2", "text": broken}\n'
        '{"id": "n3", "text": "France supported the plan.", "published_at": "someday"}\n')
    (corpus / "empty.txt").write_text("")
    (corpus / "seed.txt").write_text(SEED.read_text())
    code, lines = in_terminal(external(neo4j_settings), "ingest", str(corpus))
    assert code == 1, "\n".join(lines)  # one line failed
    bad = f"{corpus / 'news.jsonl'}:2: failed: not valid JSON"
    assert any(line.startswith(bad) for line in lines), "\n".join(lines)
    assert f"{corpus / 'empty.txt'}: skipped: empty (0 bytes)" in lines
    assert f"{corpus / 'news.jsonl'}:3: warning: id 'n3': published_at 'someday' is not an ISO 8601 date; dropped" in lines
    bars = [line for line in lines if line.startswith("ingest ")]
    assert bars and re.search(r" 5/5 [\d.]+ articles/s [\d:]+ ETA 0:00:00$", bars[-1].rstrip()), bars[-1:]
    bar = re.compile(r"ingest \S+ \d+/5 [\d.]+ articles/s [\d:]+ ETA [\d:-]+")
    assert all(bar.fullmatch(line.rstrip()) for line in bars), "a message broke the bar"
    summary = next(line for line in lines if "articles ingested" in line)
    assert summary.startswith("3 articles ingested") and "1 skipped, 1 failed, 1 warnings" in summary
    assert db_count(store, "MATCH (a:Article) RETURN count(a) AS n") == 3


def test_ingest_quiet_prints_no_bar(store, neo4j_settings):
    code, lines = in_terminal(external(neo4j_settings), "ingest", "--quiet", str(SEED))
    assert code == 0 and not any(line.startswith("ingest ") for line in lines), lines
    assert any(line.startswith("1 articles ingested") for line in lines)


def test_record_counts_and_estimates(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text('{"text": "a"}\n\n{"text": "b"}\n')
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps([{"text": "a"}, {"text": "b"}, {"text": "c"}]))
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.md", "sub/c.html", ".hidden.txt", "notes.csv"):
        (folder / name).write_text("text")
    found = count_records([str(small), str(listed), str(folder)])
    assert (found.records, found.exact) == (2 + 3 + 3, True)
    # Lines of uneven length, more than the sampled head: estimated from the head, within 5 %.
    large = tmp_path / "large.jsonl"
    with large.open("w") as f:
        for i in range(6000):
            f.write(json.dumps({"id": i, "text": "word " * (50 + (i * 37) % 400)}) + "\n")
    estimate = count_records([str(large)])
    assert not estimate.exact and abs(estimate.records - 6000) < 300, estimate
    assert count_records(["-"]).records is None


def test_progress_line_marks_an_estimate_and_ends_exact():
    console = Console(file=StringIO(), force_terminal=True, width=120, color_system=None)
    summary = RunSummary(articles=40, unchanged=10, seconds=5.0)
    with IngestProgress(False, Total(1000, False), console) as progress:
        progress.advance(summary)
        console.print("a message")
        progress.progress.refresh()
        during = console.file.getvalue()
        summary.articles, summary.failed = 1100, 3
        progress.advance(summary)
        progress.progress.refresh()
        passed = console.file.getvalue()[len(during):]
        progress.finish(summary)
    assert "50/~1,000" in during and "8.0 articles/s" in during and "a message\n" in during
    assert "1,113/~1,114" in passed, "an estimate passed keeps the line open"
    assert "1,113/1,113" in console.file.getvalue()
