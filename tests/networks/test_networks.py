"""Discourse networks (networks/) against hand-computed values.

One small world, written two ways: as plain rows (pure-function tests) and as hand-built
extractions written through GraphWriter into the real test Neo4j (query + build tests).

Six actors, four positions, three dated articles and one undated:

    article   date        statements (actor polarity position; "×2" = said twice in the article)
    may       2022-05-16  Turkey -1 NATO ×2, Sweden +1 NATO, Finland +1 NATO, Stoltenberg +1 NATO,
                          Turkey +1 KURDS, Sweden -1 KURDS
    jun       2022-06-28  Turkey +1 NATO, Finland +1 NATO, Russia -1 NATO, Belarus -1 NATO,
                          Sweden +1 KURDS, Sweden +1 SANCTIONS, Finland +1 SANCTIONS,
                          Russia -1 SANCTIONS, Belarus -1 SANCTIONS, Turkey -1 SANCTIONS
    jul       2022-07-05  Turkey +1 NATO, Turkey +1 GRAIN, Stoltenberg +1 GRAIN, Russia -1 GRAIN,
                          Stoltenberg 0 SANCTIONS
    undated   -           Finland +1 NATO

Aggregated (sign of the sum of deduplicated statements):
    Turkey: NATO +1 (-1 +1 +1), SANCTIONS -1, GRAIN +1, KURDS +1    P = {NATO, SANCTIONS, GRAIN, KURDS}
    Sweden: NATO +1, SANCTIONS +1, KURDS 0 (-1 +1)                   P = {NATO, SANCTIONS}
    Finland: NATO +1, SANCTIONS +1                                   P = {NATO, SANCTIONS}
    Russia: NATO -1, SANCTIONS -1, GRAIN -1                          P = {NATO, SANCTIONS, GRAIN}
    Belarus: NATO -1, SANCTIONS -1                                   P = {NATO, SANCTIONS}
    Stoltenberg (a person): NATO +1, GRAIN +1, SANCTIONS 0           P = {NATO, GRAIN}
"""

from __future__ import annotations

import importlib.util
import math
from datetime import date

import networkx as nx
import pytest

from graph_schema.reader import Graph
from ingest.records import Actor, Article, Extraction, Position, Stance
from networks.analysis import coalition_report, coalitions, polarization, stance_changes
from networks.build import actor_network, actor_position, build, position_cosupport
from networks.draw import draw
from networks.export import from_json, to_json, write
from networks.rows import Filters, StanceRow, dedupe
from tests.conftest import REPO, GraphStore

HAS_PIPELINE = importlib.util.find_spec("ingest.extract") is not None and importlib.util.find_spec("spacy") is not None
SAMPLES = REPO / "samples" / "nordic-nato.jsonl"

ACTORS = {  # short name → (name, kind, key, iso3)
    "TUR": ("Turkey", "state", "state:TUR", "TUR"),
    "SWE": ("Sweden", "state", "state:SWE", "SWE"),
    "FIN": ("Finland", "state", "state:FIN", "FIN"),
    "RUS": ("Russia", "state", "state:RUS", "RUS"),
    "BLR": ("Belarus", "state", "state:BLR", "BLR"),
    "STO": ("Jens Stoltenberg", "person", "person:jens stoltenberg", None),
}
POSITIONS = {
    "NATO": Position("p_nato", "Finland and Sweden joining Nato", "finland join nato sweden"),
    "SANCTIONS": Position("p_sanctions", "sanctions on Russia", "russia sanction"),
    "GRAIN": Position("p_grain", "grain exports through the Black Sea", "black export grain sea"),
    "KURDS": Position("p_kurds", "extradition of Kurdish militants", "extradition kurdish militant"),
}
ARTICLES = {  # id → (date, [(actor, polarity, position)])
    "may": ("2022-05-16", [("TUR", -1, "NATO"), ("TUR", -1, "NATO"), ("SWE", 1, "NATO"), ("FIN", 1, "NATO"),
                           ("STO", 1, "NATO"), ("TUR", 1, "KURDS"), ("SWE", -1, "KURDS")]),
    "jun": ("2022-06-28", [("TUR", 1, "NATO"), ("FIN", 1, "NATO"), ("RUS", -1, "NATO"), ("BLR", -1, "NATO"),
                           ("SWE", 1, "KURDS"), ("SWE", 1, "SANCTIONS"), ("FIN", 1, "SANCTIONS"),
                           ("RUS", -1, "SANCTIONS"), ("BLR", -1, "SANCTIONS"), ("TUR", -1, "SANCTIONS")]),
    "jul": ("2022-07-05", [("TUR", 1, "NATO"), ("TUR", 1, "GRAIN"), ("STO", 1, "GRAIN"), ("RUS", -1, "GRAIN"),
                           ("STO", 0, "SANCTIONS")]),
    "undated": (None, [("FIN", 1, "NATO")]),
}
NAME = {k: v[0] for k, v in ACTORS.items()}
LABEL = {k: p.label for k, p in POSITIONS.items()}


def pair(a: str, b: str) -> frozenset:
    return frozenset((NAME.get(a, LABEL.get(a)), NAME.get(b, LABEL.get(b))))


def pairs(spec: dict[str, float]) -> dict[frozenset, float]:
    return {pair(*k.split("-")): v for k, v in spec.items()}


# Hand-computed (see the module docstring): positions on which both have the same / opposite polarity.
CONGRUENCE = pairs({"TUR-SWE": 1, "TUR-FIN": 1, "TUR-STO": 2, "SWE-FIN": 2, "SWE-STO": 1, "FIN-STO": 1,
                    "RUS-BLR": 2, "TUR-RUS": 1, "TUR-BLR": 1})
CONFLICT = pairs({"TUR-RUS": 2, "TUR-BLR": 1, "SWE-RUS": 2, "SWE-BLR": 2, "FIN-RUS": 2, "FIN-BLR": 2,
                  "STO-RUS": 2, "STO-BLR": 1, "SWE-TUR": 1, "FIN-TUR": 1})
SUBTRACT = pairs({"TUR-STO": 2, "SWE-FIN": 2, "SWE-STO": 1, "FIN-STO": 1, "RUS-BLR": 2, "TUR-RUS": -1,
                  "SWE-RUS": -2, "SWE-BLR": -2, "FIN-RUS": -2, "FIN-BLR": -2, "STO-RUS": -2, "STO-BLR": -1})
# weight / |P(i) ∪ P(j)|
CONGRUENCE_JACCARD = pairs({"TUR-SWE": 1 / 4, "TUR-FIN": 1 / 4, "TUR-STO": 2 / 4, "SWE-FIN": 2 / 2,
                            "SWE-STO": 1 / 3, "FIN-STO": 1 / 3, "RUS-BLR": 2 / 3, "TUR-RUS": 1 / 4,
                            "TUR-BLR": 1 / 4})
CONFLICT_JACCARD = pairs({"TUR-RUS": 2 / 4, "TUR-BLR": 1 / 4, "SWE-RUS": 2 / 3, "SWE-BLR": 2 / 2, "FIN-RUS": 2 / 3,
                          "FIN-BLR": 2 / 2, "STO-RUS": 2 / 3, "STO-BLR": 1 / 3, "SWE-TUR": 1 / 4, "FIN-TUR": 1 / 4})
# weight / sqrt(|P(i)|·|P(j)|)
CONGRUENCE_COSINE = pairs({"TUR-SWE": 1 / math.sqrt(8), "TUR-FIN": 1 / math.sqrt(8), "TUR-STO": 2 / math.sqrt(8),
                           "SWE-FIN": 1.0, "SWE-STO": 1 / 2, "FIN-STO": 1 / 2, "RUS-BLR": 2 / math.sqrt(6),
                           "TUR-RUS": 1 / math.sqrt(12), "TUR-BLR": 1 / math.sqrt(8)})
COSUPPORT = pairs({"NATO-SANCTIONS": 2, "NATO-GRAIN": 2, "NATO-KURDS": 1, "GRAIN-KURDS": 1})
COSUPPORT_JACCARD = pairs({"NATO-SANCTIONS": 2 / 4, "NATO-GRAIN": 2 / 4, "NATO-KURDS": 1 / 4, "GRAIN-KURDS": 1 / 2})


def by_name(g: nx.Graph, attr: str = "weight") -> dict[frozenset, float]:
    return {frozenset((g.nodes[u]["label"], g.nodes[v]["label"])): d[attr] for u, v, d in g.edges(data=True)}


def assert_weights(g: nx.Graph, expected: dict[frozenset, float], attr: str = "weight") -> None:
    found = by_name(g, attr)
    assert set(found) == set(expected), (set(found) ^ set(expected))
    for key, value in expected.items():
        assert found[key] == pytest.approx(value), (sorted(key), found[key], value)


def hand_rows() -> list[StanceRow]:
    """The world as the network query returns it, but with the duplicates still in (dedupe's job)."""
    rows = []
    for article, (day, stances) in ARTICLES.items():
        for n, (actor, polarity, position) in enumerate(stances):
            name, kind, key, _ = ACTORS[actor]
            rows.append(StanceRow(actor=key, position=POSITIONS[position].id, article=article, polarity=polarity,
                                  date=date.fromisoformat(day) if day else None, actor_name=name, actor_kind=kind,
                                  position_label=POSITIONS[position].label, statement=f"{article}-{n}",
                                  evidence=f"{name} on {position} ({article} {n})."))
    return rows


def extractions() -> list[Extraction]:
    """The same world as extractions to write: one sentence per statement."""
    result = []
    for article, (day, stances) in ARTICLES.items():
        sentences = [f"{ACTORS[a][0]} {'backs' if p > 0 else 'rejects' if p < 0 else 'discusses'} "
                     f"{POSITIONS[pos].label} ({n})." for n, (a, p, pos) in enumerate(stances)]
        text = " ".join(sentences)
        ext = Extraction(Article(article, text, f"{article}.txt", title=f"Article {article}", published_at=day))
        local = {}
        for short in dict.fromkeys(a for a, _, _ in stances):
            name, kind, key, iso3 = ACTORS[short]
            local[short] = f"a{len(local) + 1}"
            ext.actors.append(Actor(local[short], name, kind, key=key, iso3=iso3, mentions=1))
        offset = 0
        for sentence, (actor, polarity, position) in zip(sentences, stances):
            kind = {1: "SUPPORT", -1: "OPPOSE", 0: "COMMENT"}[polarity]
            ext.stances.append(Stance(local[actor], kind, polarity, POSITIONS[position], sentence, offset,
                                      offset + len(sentence), 0.9))
            offset += len(sentence) + 1
        result.append(ext)
    return result


# --- pure functions on rows --------------------------------------------------------------------

def test_duplicates_in_one_article_count_once():
    rows = dedupe(hand_rows())
    turkey_may = [r for r in rows if r.actor == "state:TUR" and r.position == "p_nato" and r.article == "may"]
    assert len(turkey_may) == 1 and turkey_may[0].statements == 2
    assert len(rows) == len(hand_rows()) - 1
    assert dedupe(rows) == rows


def test_actor_position_network():
    g = actor_position(hand_rows())
    assert g.number_of_edges() == 17
    assert {n for n, d in g.nodes(data=True) if d["bipartite"] == 1} == {p.id for p in POSITIONS.values()}
    edge = g.edges["state:TUR", "p_nato"]
    assert (edge["weight"], edge["polarity"], edge["positive"], edge["negative"]) == (3, 1, 2, 1)
    assert (edge["first_date"], edge["last_date"]) == ("2022-05-16", "2022-07-05")
    assert g.edges["state:FIN", "p_nato"]["weight"] == 3  # two dated articles and the undated one
    assert g.edges["state:SWE", "p_kurds"]["polarity"] == 0  # -1 then +1
    assert g.edges["state:TUR", "p_sanctions"]["polarity"] == -1
    assert g.edges["person:jens stoltenberg", "p_sanctions"]["neutral"] == 1
    assert g.nodes["p_nato"]["supporters"] == 4 and g.nodes["p_nato"]["opponents"] == 2


def test_congruence_conflict_subtract():
    rows = hand_rows()
    assert_weights(actor_network(rows, "congruence"), CONGRUENCE)
    assert_weights(actor_network(rows, "conflict"), CONFLICT)
    subtract = actor_network(rows, "subtract")
    assert_weights(subtract, SUBTRACT)
    assert not subtract.has_edge("state:TUR", "state:SWE")  # 1 agreement - 1 conflict: no edge
    edge = subtract.edges["state:TUR", "state:RUS"]
    assert (edge["congruence"], edge["conflict"], edge["sign"]) == (1, 2, -1)
    assert sorted(edge["disagree_on"]) == sorted([LABEL["NATO"], LABEL["GRAIN"]])
    assert edge["agree_on"] == [LABEL["SANCTIONS"]]
    assert len(actor_network(rows, "congruence")) == 6  # every actor is a node


def test_normalizations():
    rows = hand_rows()
    assert_weights(actor_network(rows, "congruence", "jaccard"), CONGRUENCE_JACCARD)
    assert_weights(actor_network(rows, "conflict", "jaccard"), CONFLICT_JACCARD)
    assert_weights(actor_network(rows, "congruence", "cosine"), CONGRUENCE_COSINE)
    subtract = actor_network(rows, "subtract", "jaccard")
    assert subtract.edges["state:TUR", "state:RUS"]["weight"] == pytest.approx(1 / 4 - 2 / 4)
    assert subtract.edges["state:TUR", "state:RUS"]["raw_weight"] == -1
    with pytest.raises(ValueError):
        actor_network(rows, "congruence", "pearson")


def test_position_cosupport():
    rows = hand_rows()
    g = position_cosupport(rows)
    assert_weights(g, COSUPPORT)
    assert g.edges["p_nato", "p_sanctions"]["co_oppose"] == 2  # Russia and Belarus
    assert g.edges["p_nato", "p_sanctions"]["actors"] == ["Finland", "Sweden"]
    assert_weights(position_cosupport(rows, "jaccard"), COSUPPORT_JACCARD)


def test_filters_in_python():
    rows = hand_rows()
    states = actor_network(Filters(kinds=("state",)).select(rows), "congruence")
    assert_weights(states, {k: v for k, v in CONGRUENCE.items() if "Jens Stoltenberg" not in k})
    nato = actor_network(Filters(q="NATO").select(rows), "conflict")
    assert set(by_name(nato).values()) == {1}
    assert len(nato.edges) == 8  # {Turkey, Sweden, Finland, Stoltenberg} × {Russia, Belarus}
    many = Filters(min_statements=3).select(rows)
    assert {r.actor_name for r in many} == {"Turkey", "Sweden", "Finland", "Russia", "Jens Stoltenberg"}
    later = actor_position(Filters(since=date(2022, 6, 1)).select(rows))
    assert not later.has_edge("state:SWE", "p_nato") and later.edges["state:TUR", "p_nato"]["weight"] == 2


def test_coalitions_centrality_and_bridges():
    report = coalition_report(hand_rows())
    camps = [{m["name"] for m in c["members"]} for c in report["coalitions"]]
    assert camps == [{"Turkey", "Sweden", "Finland", "Jens Stoltenberg"}, {"Russia", "Belarus"}]
    assert report["modularity"] == pytest.approx((8 / 12 - (18 / 24) ** 2) + (2 / 12 - (6 / 24) ** 2))
    g = report["graph"]
    assert g.nodes["state:TUR"]["coalition"] == 1 and g.nodes["state:RUS"]["coalition"] == 2
    # Turkey is on every shortest agreement path between the camps.
    assert max(g.nodes, key=lambda n: g.nodes[n]["betweenness"]) == "state:TUR"
    assert g.nodes["state:TUR"]["degree"] == pytest.approx(1.0)
    top = report["bridges"][0]
    assert top["name"] == "Turkey"
    assert top["score"] == pytest.approx(1 - (4 / 6) ** 2 - (2 / 6) ** 2)  # ties 4 into camp 1, 2 into camp 2
    assert top["opposing_camps"] == [[1, 2]]
    assert not {"Sweden", "Finland", "Jens Stoltenberg"} & {b["name"] for b in report["bridges"]}


def test_polarization_by_month():
    found = polarization(hand_rows(), "month")
    assert [(w["window"], w["statements"], w["congruence"], w["conflict"]) for w in found] == [
        ("2022-05-01", 6, 3, 4), ("2022-06-01", 10, 6, 10), ("2022-07-01", 5, 1, 2)]
    assert [w["conflict_share"] for w in found] == pytest.approx([4 / 7, 10 / 16, 2 / 3])
    moving = polarization(hand_rows(), "month", span=3)
    assert (moving[-1]["start"], moving[-1]["end"]) == (date(2022, 5, 1), date(2022, 7, 31))
    assert (moving[-1]["congruence"], moving[-1]["conflict"]) == (12, 16)  # the whole dated period
    assert [w["window"] for w in polarization(hand_rows(), "quarter")] == ["2022-04-01", "2022-07-01"]


def test_stance_changes():
    found = stance_changes(hand_rows())
    assert [(c["actor_name"], c["position"], c["before"]["polarity"], c["after"]["polarity"]) for c in found] == [
        ("Sweden", "p_kurds", -1, 1), ("Turkey", "p_nato", -1, 1)]
    turkey = found[1]
    assert (turkey["before"]["date"], turkey["after"]["date"]) == (date(2022, 5, 16), date(2022, 6, 28))
    assert turkey["before"]["article"] == "may" and turkey["after"]["evidence"].startswith("Turkey")


def test_graphml_round_trip_keeps_attributes(tmp_path):
    g = actor_network(hand_rows(), "subtract", "jaccard", Filters(q="", min_statements=1))
    coalitions(g)
    path = write(g, tmp_path / "subtract.graphml")[0]
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert back.graph["network"] == "subtract" and back.graph["normalize"] == "jaccard"
    for n, d in g.nodes(data=True):
        assert back.nodes[n] == d
    for u, v, d in g.edges(data=True):
        e = back.edges[u, v]
        assert set(e) == set(d)
        assert e["weight"] == pytest.approx(d["weight"]) and e["raw_weight"] == d["raw_weight"]
        assert e["agree_on"] == ";".join(d["agree_on"]) and e["sign"] == d["sign"]
    two_mode = actor_position(hand_rows())
    back = nx.read_graphml(write(two_mode, tmp_path / "two.graphml")[0])
    assert back.edges["state:TUR", "p_nato"]["first_date"] == "2022-05-16"
    assert back.nodes["p_nato"]["bipartite"] == 1 and back.nodes["p_nato"]["kind"] == "position"
    assert nx.is_bipartite(back)


def test_other_exports(tmp_path):
    g = actor_position(hand_rows())
    gexf = nx.read_gexf(write(g, tmp_path / "net.gexf")[0])
    assert gexf.number_of_edges() == 17 and gexf.nodes["p_nato"]["label"] == LABEL["NATO"]
    edges, nodes = write(g, tmp_path / "net.csv")
    assert nodes.name == "net.nodes.csv"
    assert edges.read_text().splitlines()[0].startswith("source,target,")
    assert len(edges.read_text().splitlines()) == 18 and len(nodes.read_text().splitlines()) == 11
    data = to_json(actor_network(hand_rows(), "subtract"))
    back = from_json(data)
    assert by_name(back) == by_name(actor_network(hand_rows(), "subtract"))
    assert write(g, tmp_path / "net.json")[0].stat().st_size > 1000
    with pytest.raises(ValueError):
        write(g, tmp_path / "net.xlsx")


def test_pictures(tmp_path):
    report = coalition_report(hand_rows())
    png = draw(report["graph"], tmp_path / "congruence.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    svg = draw(actor_network(hand_rows(), "subtract"), tmp_path / "subtract.svg")
    assert b"<svg" in svg.read_bytes()[:500]
    assert draw(actor_position(hand_rows()), tmp_path / "two.png").stat().st_size > 20_000
    # 80 actors: only the top 50 are drawn
    rows = [StanceRow(f"state:A{i}", f"p{i % 7}", f"art{i % 5}", 1 if i % 3 else -1, date(2022, 1, 1),
                      f"Actor {i}", "state", f"position {i % 7}") for i in range(80)]
    big = draw(actor_network(rows, "subtract"), tmp_path / "big.png", max_nodes=50)
    assert big.stat().st_size > 20_000


# --- on the graph in Neo4j ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(driver, neo4j_settings):
    """The hand-built world written (resolve → write) into an emptied test database, read through a Graph."""
    store = GraphStore(driver, neo4j_settings.neo4j_database).reset()
    store.write(*extractions(), force=True)
    return Graph(neo4j_settings, driver)


def test_fetched_rows_are_deduplicated(world):
    from networks.rows import fetch_rows

    raw = world.read_tx(lambda tx: tx.run("MATCH (:Actor {id: 'state:TUR'})-[:MADE]->(s)-[:ABOUT]->"
                                          "(:Position {id: 'p_nato'}) RETURN count(s) AS n").single()["n"])
    assert raw == 4
    rows = fetch_rows(world)
    assert len(rows) == len(hand_rows()) - 1
    may = [r for r in rows if r.actor == "state:TUR" and r.position == "p_nato" and r.article == "may"]
    assert len(may) == 1 and may[0].statements == 2 and may[0].date == date(2022, 5, 16)
    assert may[0].evidence.startswith("Turkey rejects")


@pytest.mark.parametrize("kind,normalize,expected", [
    ("congruence", "none", CONGRUENCE), ("conflict", "none", CONFLICT), ("subtract", "none", SUBTRACT),
    ("congruence", "jaccard", CONGRUENCE_JACCARD), ("conflict", "jaccard", CONFLICT_JACCARD),
    ("congruence", "cosine", CONGRUENCE_COSINE), ("position-cosupport", "none", COSUPPORT),
])
def test_networks_from_neo4j(world, kind, normalize, expected):
    from networks.load import load

    g, timing = load(world, kind, Filters(), normalize)
    assert_weights(g, expected)
    assert timing.rows == len(hand_rows()) - 1 and timing.query >= 0


def test_query_filters(world):
    from networks.load import load
    from networks.rows import fetch_rows

    g, _ = load(world, "congruence", Filters(kinds=("state",)))
    assert_weights(g, {k: v for k, v in CONGRUENCE.items() if "Jens Stoltenberg" not in k})
    g, _ = load(world, "conflict", Filters(q="nato"))
    assert len(g.edges) == 8 and set(by_name(g).values()) == {1}
    assert {r.position for r in fetch_rows(world, Filters(q="kurdish militant"))} == {"p_kurds"}
    g, _ = load(world, "actor-position", Filters(since=date(2022, 6, 1), until=date(2022, 6, 30)))
    assert {d["first_date"] for *_, d in g.edges(data=True)} == {"2022-06-28"}  # no May, July or undated
    g, _ = load(world, "congruence", Filters(min_statements=3))
    assert "state:BLR" not in g and len(g) == 5


def test_acceptance_on_neo4j(world, tmp_path):
    """Turkey on Nordic Nato membership, May → June 2022; GraphML round trip; a picture."""
    from networks.rows import fetch_rows

    rows = fetch_rows(world)
    turkey = [c for c in stance_changes(rows) if c["actor"] == "state:TUR"]
    assert len(turkey) == 1
    assert (turkey[0]["position_label"], turkey[0]["before"]["date"], turkey[0]["after"]["date"]) == (
        "Finland and Sweden joining Nato", date(2022, 5, 16), date(2022, 6, 28))
    assert turkey[0]["before"]["evidence"].startswith("Turkey rejects")
    assert turkey[0]["after"]["evidence"].startswith("Turkey backs")
    report = coalition_report(rows)
    g = report["graph"]
    back = nx.read_graphml(write(g, tmp_path / "coalitions.graphml")[0])
    assert {n: d["coalition"] for n, d in back.nodes(data=True)} == {n: d["coalition"] for n, d in g.nodes(data=True)}
    assert back.nodes["state:TUR"]["betweenness"] == pytest.approx(g.nodes["state:TUR"]["betweenness"])
    assert [w["conflict_share"] for w in polarization(rows)] == pytest.approx([4 / 7, 10 / 16, 2 / 3])
    assert draw(g, tmp_path / "coalitions.png").stat().st_size > 20_000


def test_cli(world, tmp_path, monkeypatch):
    from contextlib import contextmanager

    from typer.testing import CliRunner

    from app.cli import network as network_cli

    @contextmanager
    def test_driver():
        yield world.driver

    monkeypatch.setattr(network_cli, "open_driver", test_driver)
    runner = CliRunner()
    graphml, png = tmp_path / "c.graphml", tmp_path / "c.png"
    result = runner.invoke(network_cli.network_app, ["build", "congruence", "--normalize", "jaccard",
                                                     "--out", str(graphml), "--png", str(png), "--kind", "state"])
    assert result.exit_code == 0, result.output
    assert "congruence network: 5 nodes" in result.output and "query" in result.output
    assert nx.read_graphml(graphml).number_of_nodes() == 5 and png.stat().st_size > 20_000
    result = runner.invoke(network_cli.network_app, ["changes", "--actor", "turkey"])
    assert result.exit_code == 0 and "2022-05-16" in result.output and "2022-06-28" in result.output
    result = runner.invoke(network_cli.network_app, ["polarization", "--window", "month", "--json"])
    assert result.exit_code == 0 and '"conflict": 10' in result.output
    result = runner.invoke(network_cli.network_app, ["coalitions"])
    assert result.exit_code == 0 and "coalition 2" in result.output and "Turkey" in result.output
    result = runner.invoke(network_cli.network_app, ["build", "subtract", "--kind", "nobody"])
    assert result.exit_code == 2


def test_api(world, neo4j_settings):
    from fastapi.testclient import TestClient

    from app.api.main import create_app

    app = create_app(neo4j_settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        body = client.get("/networks/congruence", params={"normalize": "jaccard"}).json()
        assert body["counts"]["edges"] == len(CONGRUENCE)
        names = {n["id"]: n["label"] for n in body["nodes"]}
        found = {frozenset((names[e["source"]], names[e["target"]])): e["weight"] for e in body["edges"]}
        assert found == pytest.approx(CONGRUENCE_JACCARD)
        edges = client.get("/networks/actor-position", params={"actor_kind": "person"}).json()["edges"]
        assert {e["target"] for e in edges} == {"p_nato", "p_grain", "p_sanctions"}
        graphml = client.get("/networks/subtract", params={"format": "graphml"})
        assert graphml.headers["content-type"].startswith("application/graphml+xml")
        assert b"<graphml" in graphml.content[:400]
        coalitions_ = client.get("/networks/coalitions").json()
        assert coalitions_["bridges"][0]["name"] == "Turkey" and len(coalitions_["coalitions"]) == 2
        months = client.get("/networks/polarization", params={"window": "month"}).json()["windows"]
        assert [w["conflict"] for w in months] == [4, 10, 2]
        changes = client.get("/networks/stance-changes", params={"actor": "state:TUR"}).json()
        assert changes["total"] == 1 and changes["items"][0]["after"]["date"] == "2022-06-28"
        assert client.get("/networks/nonsense").status_code == 422
        backwards = {"since": "2022-07-01", "until": "2022-06-01"}
        assert client.get("/networks/conflict", params=backwards).status_code == 422


# ---- the real pipeline (skipped until ingest.extract is importable) ----
@pytest.mark.skipif(not HAS_PIPELINE, reason="ingest.extract is not importable yet")
def test_networks_from_the_real_ingest(driver, neo4j_settings, tmp_path):
    """Fixture articles (samples/nordic-nato.jsonl) through the real pipeline, then networks."""
    from networks.rows import fetch_rows

    store = GraphStore(driver, neo4j_settings.neo4j_database).reset()
    summary, _ = store.ingest(SAMPLES, force=True)
    assert summary.articles == 3
    rows = fetch_rows(Graph(neo4j_settings, driver))
    assert rows, "the pipeline found no stances in the sample articles"
    two_mode = actor_position(rows)
    assert two_mode.number_of_edges() > 0
    assert sum(d["weight"] for *_, d in two_mode.edges(data=True)) == len(rows)
    for kind in ("congruence", "conflict", "subtract", "position-cosupport"):
        build(kind, rows)  # builds without error
    back = nx.read_graphml(write(two_mode, tmp_path / "real.graphml")[0])
    assert back.number_of_edges() == two_mode.number_of_edges()
    assert draw(two_mode, tmp_path / "real.png").stat().st_size > 10_000
