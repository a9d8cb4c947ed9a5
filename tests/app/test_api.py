"""The REST API over HTTP (FastAPI's TestClient) against the real test Neo4j of conftest.py.

Two graphs are used, loaded on demand (one at a time; the database is refilled when a test needs
the other):
- "hand": hand-built extractions resolved and written as the pipeline does, with dates, a change of mind and
  an undated article, so that every field and filter can be checked exactly;
- "seed": ../shared/corpus/seed/paris-security-guarantees.txt ingested by the real pipeline
  (`ingest.pipeline.Pipeline.ingest`, what `stancegraph ingest` runs). The acceptance checks (Zelenskiy
  -1 on Donbas withdrawal with its sentence, Russia a supporter, a negative alignment) run on both.
"""

from __future__ import annotations

import importlib.util

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from ingest.records import Actor, Article, Extraction, Position, Role, Stance
from tests.conftest import SHARED, GraphStore

API_KEY = "test-api-key"
SEED = SHARED / "corpus" / "seed" / "paris-security-guarantees.txt"
HAS_PIPELINE = importlib.util.find_spec("ingest.extract") is not None and importlib.util.find_spec("spacy") is not None

ZELENSKIY = "person:volodymyr zelensky"  # the resolver folds Zelenskiy/Zelensky/Zelenskyy
RUSSIA = "state:RUS"
UKRAINE = "state:UKR"

WITHDRAWAL = Position("p_withdraw", "withdrawal of Ukrainian forces from Donbas", "donbas force ukraine withdraw")
CEASEFIRE = Position("p_ceasefire", "an immediate ceasefire", "ceasefire immediate")
GUARANTEES = Position("p_guarantees", "security guarantees for Ukraine", "guarantee security ukraine")

ZELENSKIY_REJECTS = "Zelenskiy has repeatedly rejected the demand to withdraw from Donbas."
RUSSIA_DEMANDS = "Russia demanded that Ukrainian forces withdraw from the Donbas region."


# --- the graphs --------------------------------------------------------------------------------

def _sentence(text: str, sentence: str) -> tuple[str, int, int]:
    start = text.index(sentence)
    return sentence, start, start + len(sentence)


def _actors() -> list[Actor]:
    return [
        Actor("a1", "Volodymyr Zelenskiy", "person", ["Zelenskiy"], key="person:volodymyr zelenskiy", mentions=2),
        Actor("a2", "Ukraine", "state", ["Kyiv"], key=UKRAINE, iso3="UKR", mentions=1),
        Actor("a3", "Russia", "state", ["Kremlin", "Moscow"], key=RUSSIA, iso3="RUS", mentions=2),
    ]


def hand_built() -> list[Extraction]:
    """Three articles: Jan (Russia demands withdrawal, Zelenskiy rejects it and a ceasefire),
    Feb (both again; Zelenskiy now accepts a ceasefire, Ukraine and Zelenskiy want guarantees),
    and an undated one (Russia rejects guarantees)."""
    text1 = (f"{RUSSIA_DEMANDS} {ZELENSKIY_REJECTS} Ukrainian President Volodymyr Zelenskiy "
             "also rejected an immediate ceasefire.")
    one = Extraction(Article("art-jan", text1, "jan.txt", title="Talks stall in January",
                             published_at="2025-01-06", url="https://example.org/jan", outlet="Example News"))
    one.actors = _actors()
    one.roles = [Role("a1", "President", "a2", *_sentence(text1, "Ukrainian President Volodymyr Zelenskiy "
                                                                 "also rejected an immediate ceasefire."))]
    one.stances = [
        Stance("a3", "DEMAND", 1, WITHDRAWAL, *_sentence(text1, RUSSIA_DEMANDS), 0.8),
        Stance("a1", "REJECT", -1, WITHDRAWAL, *_sentence(text1, ZELENSKIY_REJECTS), 0.8,
               target="a3", on_behalf_of="a2"),
        Stance("a1", "REJECT", -1, CEASEFIRE, *_sentence(text1, "Ukrainian President Volodymyr Zelenskiy "
                                                                "also rejected an immediate ceasefire."), 0.7),
    ]
    text2 = ("The Kremlin again insisted on a withdrawal from Donbas. Zelenskiy said he would accept an "
             "immediate ceasefire. Kyiv called for security guarantees, and Zelensky backed them.")
    two = Extraction(Article("art-feb", text2, "feb.txt", title="A ceasefire in sight",
                             published_at="2025-02-01", url="https://example.org/feb", outlet="Example News"))
    two.actors = _actors()
    two.stances = [
        Stance("a3", "DEMAND", 1, WITHDRAWAL, *_sentence(text2, "The Kremlin again insisted on a withdrawal "
                                                                "from Donbas."), 0.8),
        Stance("a1", "ACCEPT", 1, CEASEFIRE, *_sentence(text2, "Zelenskiy said he would accept an immediate "
                                                               "ceasefire."), 0.8),
        Stance("a2", "REQUEST", 1, GUARANTEES, *_sentence(text2, "Kyiv called for security guarantees, and "
                                                                 "Zelensky backed them."), 0.8),
        Stance("a1", "SUPPORT", 1, GUARANTEES, *_sentence(text2, "Kyiv called for security guarantees, and "
                                                                 "Zelensky backed them."), 0.8),
    ]
    text3 = "Moscow rejected any security guarantees for Ukraine."
    three = Extraction(Article("art-undated", text3, "undated.txt", title="Undated wire"))
    three.actors = _actors()[1:]
    three.stances = [Stance("a3", "REJECT", -1, GUARANTEES, *_sentence(text3, text3), 0.8)]
    return [one, two, three]


class Graphs:
    """Which graph the test database holds; refilled only when a test needs another one."""

    def __init__(self, driver, database: str):
        self.store, self.driver, self.database, self.loaded = GraphStore(driver, database), driver, database, None

    def clear(self) -> None:
        self.store.reset()
        self.loaded = None

    def use(self, name: str) -> None:
        if self.loaded == name:
            return
        self.clear()
        if name == "hand":
            self.store.write(*hand_built())
        elif name == "seed":
            self._ingest_seed()
        self.loaded = name

    def _ingest_seed(self) -> None:
        # ---- the real pipeline: the same code path as `stancegraph ingest <seed article>` ----
        if not HAS_PIPELINE:
            pytest.skip("ingest.extract is not importable yet: the real-pipeline graph is unavailable")
        if not SEED.exists():
            pytest.skip(f"{SEED} is missing")
        summary, errors = self.store.ingest(SEED)
        assert summary.ok and summary.articles == 1, errors

    def count(self) -> tuple[int, int]:
        record = self.driver.execute_query(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
            "RETURN nodes, rels", database_=self.database).records[0]
        return record["nodes"], record["rels"]


@pytest.fixture(scope="module")
def graphs(driver, neo4j_settings) -> Graphs:
    return Graphs(driver, neo4j_settings.neo4j_database)


@pytest.fixture(scope="module")
def api_settings(neo4j_settings):
    return neo4j_settings.model_copy(update={"api_key": SecretStr(API_KEY)})


@pytest.fixture(scope="module")
def client(api_settings, graphs):
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def hand(graphs, client) -> TestClient:
    graphs.use("hand")
    return client


@pytest.fixture(params=["hand", "seed"])
def either(request, graphs, client) -> TestClient:
    """Run the acceptance checks on the hand-built graph and on the real pipeline's graph."""
    graphs.use(request.param)
    return client


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["error"], str) and "Traceback" not in response.text
    return body


def donbas_position(client: TestClient) -> dict:
    items = ok(client.get("/positions", params={"q": "donbas withdraw"}))["items"]
    assert items, "no Donbas withdrawal position"
    return items[0]


# --- acceptance ------------------------------------------------------------------------------

def test_zelenskiy_opposes_donbas_withdrawal_with_the_sentence(either):
    hits = ok(either.get("/actors", params={"q": "zelensky"}))["items"]
    assert hits[0]["id"] == ZELENSKIY and hits[0]["name"] == "Volodymyr Zelenskiy"
    positions = ok(either.get(f"/actors/{ZELENSKIY}/positions"))["items"]
    donbas = [p for p in positions if "Donbas" in p["position"]["label"]]
    assert len(donbas) == 1
    assert donbas[0]["polarity"] == -1 and donbas[0]["net_polarity"] == -1
    assert "REJECT" in donbas[0]["kinds"]
    assert "Zelenskiy has repeatedly rejected the demand" in donbas[0]["latest"]["evidence"]
    assert donbas[0]["latest"]["article"]["id"]


def test_donbas_position_lists_russia_for_and_zelenskiy_against(either):
    position = donbas_position(either)
    detail = ok(either.get(f"/positions/{position['id']}"))
    assert RUSSIA in [s["actor"]["id"] for s in detail["supporters"]]
    assert ZELENSKIY in [s["actor"]["id"] for s in detail["opponents"]]
    russia = next(s for s in detail["supporters"] if s["actor"]["id"] == RUSSIA)
    assert russia["evidence"] and all("withdraw" in e["evidence"] for e in russia["evidence"])
    assert detail["counts"]["supporters"] >= 1 and detail["counts"]["opponents"] >= 1


def test_zelenskiy_and_russia_are_negatively_aligned(either):
    body = ok(either.get("/alignment", params={"a": ZELENSKIY, "b": RUSSIA}))
    assert body["shared"] >= 1 and body["conflicts"] >= 1
    assert body["score"] < 0
    assert body["score"] == (body["agreements"] - body["conflicts"]) / body["shared"]


def test_kremlin_finds_russia(either):
    hits = ok(either.get("/actors", params={"q": "kremlin"}))["items"]
    assert hits[0]["id"] == RUSSIA


# --- health and errors -----------------------------------------------------------------------

def test_health(hand, api_settings):
    assert ok(hand.get("/health")) == {"status": "ok", "neo4j": "reachable", "database": "neo4j",
                                       "uri": api_settings.bolt_uri}


def test_neo4j_down_is_503_and_the_app_still_starts(monkeypatch, api_settings):
    import graph_schema.reader

    monkeypatch.setattr(graph_schema.reader, "STARTUP_RETRY_SECONDS", 0.0)
    down = api_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9", "neo4j_password": SecretStr("x")})
    with TestClient(create_app(down), raise_server_exceptions=False) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "unavailable" and "127.0.0.1:9" in health.json()["neo4j"]
        error(client.get("/actors"), 503)
        error(client.get(f"/actors/{ZELENSKIY}/positions"), 503)


def test_docs_and_openapi(client):
    assert client.get("/docs").status_code == 200
    spec = ok(client.get("/openapi.json"))
    for path in ("/health", "/actors", "/actors/{actor_id}", "/actors/{actor_id}/positions",
                 "/actors/{actor_id}/statements", "/positions", "/positions/{position_id}",
                 "/positions/{position_id}/timeline", "/alignment", "/articles/{article_id}", "/articles",
                 "/graph/neighborhood/{node_id}", "/cypher"):
        assert path in spec["paths"], path
    assert "ActorPositionList" in spec["components"]["schemas"]
    assert "(agreements - conflicts) / shared" in spec["paths"]["/alignment"]["get"]["description"]


@pytest.mark.parametrize("path", [
    "/actors/state:XXX", "/actors/state:XXX/positions", "/actors/state:XXX/statements",
    "/positions/p_nope", "/positions/p_nope/timeline", "/articles/nope",
    "/graph/neighborhood/nope", f"/alignment?a={ZELENSKIY}&b=state:XXX",
])
def test_unknown_ids_are_404_json(hand, path):
    assert "nope" in error(hand.get(path), 404)["error"] or "XXX" in error(hand.get(path), 404)["error"]


@pytest.mark.parametrize("path", [
    "/actors?kind=planet", "/actors?limit=0", "/actors?limit=501", "/actors?offset=-1", "/actors?q=%21%21",
    f"/actors/{ZELENSKIY}/positions?since=yesterday", f"/actors/{ZELENSKIY}/positions?polarity=2",
    f"/actors/{ZELENSKIY}/positions?since=2025-03-01&until=2025-01-01",
    f"/alignment?a={ZELENSKIY}", "/graph/neighborhood/state:RUS?depth=4", "/graph/neighborhood/state:RUS?depth=0",
])
def test_bad_parameters_are_422_json(hand, path):
    error(hand.get(path), 422)


def test_browser_style_and_guide_are_served_to_any_origin(client):
    style = client.get("/browser/style.grass", headers={"Origin": "http://127.0.0.1:7474"})
    assert style.status_code == 200 and "node.Statement" in style.text
    assert style.headers["access-control-allow-origin"] == "*"
    guide = client.get("/browser/guide.html")
    assert guide.status_code == 200 and "<slide" in guide.text
    # The Browser sends pragma and cache-control headers, hence a preflight.
    preflight = client.options("/browser/guide.html", headers={
        "Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "pragma,cache-control"})
    assert preflight.status_code == 204 and "pragma" in preflight.headers["access-control-allow-headers"]
    error(client.get("/browser/secrets.txt"), 404)


def test_security_headers(hand):
    health = hand.get("/health")
    assert health.headers["x-content-type-options"] == "nosniff"
    assert health.headers["cache-control"] == "no-store"
    assert hand.get("/actors/nope").headers["cache-control"] == "no-store"
    docs = hand.get("/docs")
    assert docs.headers["x-content-type-options"] == "nosniff" and "cache-control" not in docs.headers


def test_head_health(hand):
    response = hand.head("/health")
    assert response.status_code == 200 and response.content == b""


def test_health_says_neo4j_is_unreachable_when_it_stopped(api_settings):
    """A driver that was connected, to a server that is gone (here: a port nothing listens on)."""
    from neo4j import GraphDatabase

    from graph_schema.reader import Graph

    with TestClient(create_app(api_settings), raise_server_exceptions=False) as client:
        gone = "bolt://127.0.0.1:9"
        client.app.state.graph.close()
        client.app.state.graph = Graph(api_settings.model_copy(update={"neo4j_uri": gone}),
                                       GraphDatabase.driver(gone, auth=("neo4j", "x")))
        response = client.get("/health")
        assert response.status_code == 503
        reason = response.json()["neo4j"]
        assert reason.startswith(f"unreachable at {gone}") and "50N42" not in reason, reason
        client.app.state.graph.close()


def test_unknown_long_id_is_not_echoed_whole(hand):
    long_id = "x" * 50_000  # near the longest URL the test client sends
    for path in (f"/actors/{long_id}", f"/positions/{long_id}", f"/articles/{long_id}"):
        response = hand.get(path)
        assert response.status_code == 404 and len(response.content) < 500, len(response.content)
        assert "50,000 characters" in response.json()["error"]


# --- actors ----------------------------------------------------------------------------------

def test_actor_search_kind_and_pages(hand):
    body = ok(hand.get("/actors", params={"kind": "state"}))
    assert body["total"] == 2 and {a["id"] for a in body["items"]} == {RUSSIA, UKRAINE}
    first = ok(hand.get("/actors", params={"limit": 1}))
    second = ok(hand.get("/actors", params={"limit": 1, "offset": 1}))
    assert first["total"] == second["total"] == 3
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert ok(hand.get("/actors", params={"q": "zelensky", "kind": "state"}))["total"] == 0
    moscow = ok(hand.get("/actors", params={"q": "moscow"}))["items"]
    assert moscow[0]["id"] == RUSSIA and moscow[0]["score"] > 0
    assert ok(hand.get("/actors", params={"q": "volodymyr zelenskyy"}))["items"][0]["id"] == ZELENSKIY


def test_actor_detail_roles_and_counts(hand):
    body = ok(hand.get(f"/actors/{ZELENSKIY}"))
    assert body["kind"] == "person" and "Zelenskiy" in body["aliases"]
    assert body["counts"] == {"statements": 4, "positions": 3, "articles": 2}
    assert body["roles"] == [{"title": "President", "of": {"id": UKRAINE, "name": "Ukraine", "kind": "state"},
                              "first_seen": "2025-01-06", "last_seen": "2025-01-06", "articles": 1,
                              "evidence": "Ukrainian President Volodymyr Zelenskiy also rejected an immediate "
                                          "ceasefire."}]
    ukraine = ok(hand.get(f"/actors/{UKRAINE}"))
    assert ukraine["role_holders"][0]["person"]["id"] == ZELENSKIY


def test_actor_positions_fields_change_and_filters(hand):
    body = ok(hand.get(f"/actors/{ZELENSKIY}/positions"))
    assert body["actor"]["id"] == ZELENSKIY and body["total"] == 3
    by_label = {p["position"]["label"]: p for p in body["items"]}
    ceasefire = by_label[CEASEFIRE.label]
    assert ceasefire["changed"] is True and ceasefire["polarity"] == 1 and ceasefire["polarities"] == [-1, 1]
    assert ceasefire["kinds"] == ["REJECT", "ACCEPT"] and ceasefire["statements"] == 2
    assert (ceasefire["first_seen"], ceasefire["last_seen"]) == ("2025-01-06", "2025-02-01")
    assert ceasefire["latest"]["evidence"] == "Zelenskiy said he would accept an immediate ceasefire."
    assert ceasefire["latest"]["article"] == {"id": "art-feb", "title": "A ceasefire in sight",
                                              "url": "https://example.org/feb", "source": "Example News",
                                              "date": "2025-02-01"}
    withdrawal = by_label[WITHDRAWAL.label]
    assert withdrawal["changed"] is False and withdrawal["latest"]["evidence"] == ZELENSKIY_REJECTS
    assert body["items"][0]["last_seen"] == "2025-02-01"  # the most recent first

    january = ok(hand.get(f"/actors/{ZELENSKIY}/positions", params={"until": "2025-01-31"}))
    assert {p["position"]["label"] for p in january["items"]} == {WITHDRAWAL.label, CEASEFIRE.label}
    assert all(not p["changed"] and p["polarity"] == -1 for p in january["items"])
    against = ok(hand.get(f"/actors/{ZELENSKIY}/positions", params={"polarity": -1}))
    assert [p["position"]["label"] for p in against["items"]] == [WITHDRAWAL.label]
    paged = ok(hand.get(f"/actors/{ZELENSKIY}/positions", params={"limit": 1, "offset": 2}))
    assert paged["total"] == 3 and len(paged["items"]) == 1


def test_undated_statements_only_without_a_date_filter(hand):
    everything = ok(hand.get(f"/actors/{RUSSIA}/positions"))
    assert GUARANTEES.label in {p["position"]["label"] for p in everything["items"]}
    since = ok(hand.get(f"/actors/{RUSSIA}/positions", params={"since": "2000-01-01"}))
    assert GUARANTEES.label not in {p["position"]["label"] for p in since["items"]}
    statements = ok(hand.get(f"/actors/{RUSSIA}/statements"))["items"]
    assert statements[-1]["date"] is None  # undated last


def test_actor_statements_in_time_order(hand):
    body = ok(hand.get(f"/actors/{ZELENSKIY}/statements"))
    assert body["total"] == 4
    dates = [s["date"] for s in body["items"]]
    assert dates == sorted(dates)
    first = body["items"][0]
    assert first["evidence"] == ZELENSKIY_REJECTS and first["kind"] == "REJECT"
    assert first["article"] == {"id": "art-jan", "title": "Talks stall in January", "url": "https://example.org/jan",
                                "source": "Example News", "date": "2025-01-06"}
    assert first["target"]["id"] == RUSSIA and first["on_behalf_of"]["id"] == UKRAINE
    assert first["position"]["label"] == WITHDRAWAL.label
    february = ok(hand.get(f"/actors/{ZELENSKIY}/statements", params={"since": "2025-02-01", "until": "2025-02-01"}))
    assert february["total"] == 2 and {s["date"] for s in february["items"]} == {"2025-02-01"}


# --- positions -------------------------------------------------------------------------------

def test_position_search_and_counts(hand):
    body = ok(hand.get("/positions", params={"q": "ceasefire"}))
    assert body["items"][0]["label"] == CEASEFIRE.label
    assert body["items"][0]["counts"] == {"statements": 2, "supporters": 1, "opponents": 0, "undecided": 0}
    everything = ok(hand.get("/positions"))
    assert everything["total"] == 3
    assert ok(hand.get("/positions", params={"q": "guarantee"}))["items"][0]["label"] == GUARANTEES.label


def test_position_detail_groups_by_latest_polarity(hand):
    ceasefire = ok(hand.get("/positions/p_ceasefire"))
    assert [s["actor"]["id"] for s in ceasefire["supporters"]] == [ZELENSKIY]
    assert ceasefire["opponents"] == [] and ceasefire["supporters"][0]["changed"] is True
    evidence = ceasefire["supporters"][0]["evidence"]
    assert [e["polarity"] for e in evidence] == [1, -1]  # latest first
    guarantees = ok(hand.get("/positions/p_guarantees"))
    assert {s["actor"]["id"] for s in guarantees["supporters"]} == {ZELENSKIY, UKRAINE}
    assert [s["actor"]["id"] for s in guarantees["opponents"]] == [RUSSIA]


def test_position_timeline_shows_who_moved(hand):
    body = ok(hand.get("/positions/p_ceasefire/timeline"))
    assert body["position"] == {"id": "p_ceasefire", "label": CEASEFIRE.label}
    assert [(s["date"], s["polarity"], s["moved"]) for s in body["items"]] == [
        ("2025-01-06", -1, False), ("2025-02-01", 1, True)]
    withdrawal = ok(hand.get("/positions/p_withdraw/timeline"))
    assert [s["actor"]["id"] for s in withdrawal["items"]] == [RUSSIA, ZELENSKIY, RUSSIA]
    assert not any(s["moved"] for s in withdrawal["items"])
    page = ok(hand.get("/positions/p_withdraw/timeline", params={"offset": 2, "limit": 5}))
    assert page["total"] == 3 and [s["date"] for s in page["items"]] == ["2025-02-01"]


# --- alignment -------------------------------------------------------------------------------

def test_alignment_counts_and_score(hand):
    body = ok(hand.get("/alignment", params={"a": ZELENSKIY, "b": RUSSIA}))
    assert (body["shared"], body["agreements"], body["conflicts"], body["neutral"]) == (2, 0, 2, 0)
    assert body["score"] == -1.0
    assert {p["position"]["id"]: p["relation"] for p in body["positions"]} == {
        "p_withdraw": "conflict", "p_guarantees": "conflict"}
    allies = ok(hand.get("/alignment", params={"a": ZELENSKIY, "b": UKRAINE}))
    assert (allies["shared"], allies["agreements"], allies["score"]) == (1, 1, 1.0)
    dated = ok(hand.get("/alignment", params={"a": ZELENSKIY, "b": RUSSIA, "since": "2025-01-01"}))
    assert dated["shared"] == 1  # Russia's guarantees statement is undated
    nothing = ok(hand.get("/alignment", params={"a": UKRAINE, "b": RUSSIA, "until": "2025-01-31"}))
    assert (nothing["shared"], nothing["score"]) == (0, 0.0)


# --- articles --------------------------------------------------------------------------------

def test_article_detail(hand):
    body = ok(hand.get("/articles/art-jan"))
    assert (body["title"], body["url"], body["source"], body["date"]) == (
        "Talks stall in January", "https://example.org/jan", "Example News", "2025-01-06")
    assert body["ingested_at"] and body["words"] > 10
    assert {a["id"]: a["count"] for a in body["actors"]} == {ZELENSKIY: 2, UKRAINE: 1, RUSSIA: 2}
    assert body["roles"] == [{"person": {"id": ZELENSKIY, "name": "Volodymyr Zelenskiy", "kind": "person"},
                              "title": "President", "of": {"id": UKRAINE, "name": "Ukraine", "kind": "state"}}]
    assert [s["evidence"] for s in body["statements"]][:2] == [RUSSIA_DEMANDS, ZELENSKIY_REJECTS]
    assert [s["start"] for s in body["statements"]] == sorted(s["start"] for s in body["statements"])


# --- graph -----------------------------------------------------------------------------------

def test_neighborhood_is_cytoscape_elements(hand):
    body = ok(hand.get(f"/graph/neighborhood/{RUSSIA}"))
    ids = {n["data"]["id"] for n in body["nodes"]}
    assert ids == {RUSSIA, "p_withdraw", "p_guarantees"} and body["center"] == RUSSIA
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in body["edges"])
    assert {(e["data"]["source"], e["data"]["type"], e["data"]["target"]) for e in body["edges"]} == {
        (RUSSIA, "SUPPORTS", "p_withdraw"), (RUSSIA, "OPPOSES", "p_guarantees")}
    deeper = ok(hand.get(f"/graph/neighborhood/{RUSSIA}", params={"depth": 2}))
    assert {n["data"]["id"] for n in deeper["nodes"]} == {RUSSIA, "p_withdraw", "p_guarantees", ZELENSKIY, UKRAINE}
    role = ok(hand.get(f"/graph/neighborhood/{ZELENSKIY}", params={"depth": 1}))
    assert any(e["data"]["type"] == "HOLDS_ROLE" and e["data"]["label"] == "President" for e in role["edges"])
    position = ok(hand.get("/graph/neighborhood/p_ceasefire"))
    assert {n["data"]["type"] for n in position["nodes"]} == {"position", "actor"}
    cut = ok(hand.get(f"/graph/neighborhood/{RUSSIA}", params={"depth": 3, "limit": 2}))
    assert len(cut["nodes"]) == 2 and cut["truncated"] is True
    cut_ids = {n["data"]["id"] for n in cut["nodes"]}
    assert all(e["data"]["source"] in cut_ids and e["data"]["target"] in cut_ids for e in cut["edges"])


# --- read-only Cypher ------------------------------------------------------------------------

def test_cypher_reads_with_parameters_and_a_row_limit(hand):
    body = ok(hand.post("/cypher", json={"query": "MATCH (a:Actor {id: $id}) RETURN a.name AS name, a",
                                         "parameters": {"id": RUSSIA}}))
    assert body["columns"] == ["name", "a"] and body["rows"][0]["name"] == "Russia"
    assert body["rows"][0]["a"]["labels"] == ["Actor", "State"] and body["truncated"] is False
    dated = ok(hand.post("/cypher", json={"query": "MATCH (s:Statement) RETURN s.date AS d ORDER BY d LIMIT 1"}))
    assert dated["rows"] == [{"d": "2025-01-06"}]
    cut = ok(hand.post("/cypher", json={"query": "UNWIND range(1, 100) AS x RETURN x", "limit": 10}))
    assert len(cut["rows"]) == 10 and cut["truncated"] is True
    search = ok(hand.post("/cypher", json={
        "query": "CALL db.index.fulltext.queryNodes('actor_search', 'kremlin') YIELD node RETURN node.id AS id"}))
    assert search["rows"][0]["id"] == RUSSIA


@pytest.mark.parametrize("query", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Actor {id: 'x'})",
    "MATCH (a:Actor) SET a.name = 'changed'",
    "MERGE (a:Actor {id: 'state:RUS'}) ON MATCH SET a.kind = 'x' RETURN a",
    "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = 1)",
    "CREATE INDEX hacked IF NOT EXISTS FOR (n:Actor) ON (n.hacked)",
    "DROP INDEX actor_search",
    "CREATE USER mallory SET PASSWORD 'secret-password'",
    "CALL dbms.components()",
    "CALL db.clearQueryCaches()",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "STOP DATABASE neo4j",
])
def test_cypher_refuses_writes_and_admin_and_touches_nothing(hand, graphs, query):
    before = graphs.count()
    error(hand.post("/cypher", json={"query": query}), 403)
    assert graphs.count() == before
    indexes = graphs.driver.execute_query("SHOW INDEXES YIELD name RETURN collect(name) AS names").records[0]
    assert "hacked" not in indexes["names"] and "actor_search" in indexes["names"]
    assert ok(hand.get(f"/actors/{RUSSIA}"))["name"] == "Russia"


def test_cypher_answer_is_bounded_in_bytes(hand, api_settings):
    big = ("WITH reduce(s = 'x', i IN range(1, 20) | s + s) AS big "  # 1 MB
           "UNWIND range(1, $rows) AS i RETURN i, big")
    refused = error(hand.post("/cypher", json={"query": big, "parameters": {"rows": 20}}), 422)
    assert "16,000,000 byte limit" in refused["error"] and "STANCEGRAPH_CYPHER_MAX_BYTES" in refused["error"]
    fits = ok(hand.post("/cypher", json={"query": big, "parameters": {"rows": 10}}))
    assert len(fits["rows"]) == 10 and len(fits["rows"][0]["big"]) == 2 ** 20
    small = api_settings.model_copy(update={"cypher_max_bytes": 1_000})
    with TestClient(create_app(small), raise_server_exceptions=False) as client:
        rows = "UNWIND range(1, $n) AS i RETURN i"
        assert len(ok(client.post("/cypher", json={"query": rows, "parameters": {"n": 50}}))["rows"]) == 50
        assert "1,000 byte limit" in error(client.post("/cypher", json={"query": rows, "parameters": {"n": 500}}),
                                           422)["error"]


def test_cypher_reads_values_python_cannot_hold(hand):
    body = ok(hand.post("/cypher", json={"query": "RETURN date('-999999-01-01') AS d, [date('+99999-12-31')] AS e, "
                                                  "localdatetime('-0044-03-15T12:00:00') AS f, date('-0001-01-01') AS g"}))
    assert body["rows"] == [{"d": "-999999-01-01", "e": ["+99999-12-31"], "f": "-0044-03-15T12:00:00",
                             "g": "-0001-01-01"}]
    deep = ok(hand.post("/cypher", json={"query": "RETURN reduce(l = [], i IN range(1, 300) | [l]) AS deep"}))
    depth, value = 0, deep["rows"][0]["deep"]
    while value:
        depth, value = depth + 1, value[0]
    assert depth == 300


def test_cypher_relationships_keep_their_ends(hand):
    body = ok(hand.post("/cypher", json={"query": "MATCH (a:Actor {id: $id})-[r:MADE]->(s) "
                                                  "RETURN r, elementId(a) AS a, elementId(s) AS s LIMIT 1",
                                         "parameters": {"id": RUSSIA}}))
    row = body["rows"][0]
    assert (row["r"]["start"], row["r"]["end"]) == (row["a"], row["s"])


def test_cypher_column_named_like_a_refused_namespace(hand):
    body = ok(hand.post("/cypher", json={"query": "MATCH (a:Actor {id: $id}) RETURN a.name AS `dbms.name`",
                                         "parameters": {"id": RUSSIA}}))
    assert body["rows"] == [{"dbms.name": "Russia"}]


def test_cypher_bad_query_is_400_and_timeout_408(hand, monkeypatch):
    import app.api.routes.cypher

    error(hand.post("/cypher", json={"query": "MATCH (n RETURN n"}), 400)
    error(hand.post("/cypher", json={"query": ""}), 422)
    monkeypatch.setattr(app.api.routes.cypher, "TIMEOUT_SECONDS", 0.2)
    error(hand.post("/cypher", json={"query": "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 "
                                              "RETURN count(x)"}), 408)


# --- ingest ----------------------------------------------------------------------------------

ARTICLE = {
    "id": "posted-1",
    "title": "Kremlin repeats its demand",
    "url": "https://example.org/posted",
    "source": "Example News",
    "published_at": "2025-03-03",
    "text": ("Russia demanded that Ukrainian forces withdraw from the eastern Donbas region. "
             "Ukrainian President Volodymyr Zelenskiy rejected the demand."),
}


def test_post_articles_needs_the_api_key(hand, graphs):
    before = graphs.count()
    error(hand.post("/articles", json=ARTICLE), 401)
    error(hand.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}), 401)
    error(hand.post("/articles", json=ARTICLE, headers={"Authorization": f"Basic {API_KEY}"}), 401)
    assert graphs.count() == before
    error(hand.get("/articles/posted-1"), 404)


def test_post_articles_checks_the_key_before_the_body(hand):
    for body in (b'{"articles": [', b'{"nope": 1}', b'{"articles": [' + b'{}, ' * 10 + b'{}]}'):
        refused = error(hand.post("/articles", content=body, headers={"Content-Type": "application/json"}), 401)
        assert "detail" not in refused


def test_post_articles_limits(hand):
    auth = {"Authorization": f"Bearer {API_KEY}"}
    error(hand.post("/articles", json={**ARTICLE, "text": "   "}, headers=auth), 422)
    too_many = error(hand.post("/articles", json={"articles": [ARTICLE] * 11}, headers=auth), 422)
    assert "at most 10 articles" in too_many["error"] and "ArticleIn" not in too_many["error"]
    missing = error(hand.post("/articles", json={"articles": [{"title": "no text"}]}, headers=auth), 422)
    assert "articles.0.text" in missing["error"]
    error(hand.post("/articles", json={"articles": [ARTICLE, ARTICLE]}, headers=auth), 422)
    error(hand.post("/articles", content=b'{"text": "Germany \\ud800 said no."}',
                    headers={**auth, "Content-Type": "application/json"}), 422)
    error(hand.post("/articles", content=b"{" + b" " * 1_100_000 + b"}", headers={**auth, "Content-Type":
                                                                                  "application/json"}), 413)


@pytest.mark.skipif(not HAS_PIPELINE, reason="ingest.extract is not importable yet")
def test_post_articles_with_the_key_adds_the_article(hand, graphs):
    auth = {"Authorization": f"Bearer {API_KEY}"}
    try:
        body = ok(hand.post("/articles", json=ARTICLE, headers=auth), 201)
        assert body["articles"][0]["id"] == "posted-1" and body["articles"][0]["written"] is True
        assert body["articles"][0]["statements"] >= 1
        article = ok(hand.get("/articles/posted-1"))
        assert article["title"] == ARTICLE["title"] and article["date"] == "2025-03-03"
        assert {a["id"] for a in article["actors"]} >= {RUSSIA, ZELENSKIY}
        assert any(s["actor"]["id"] == ZELENSKIY and s["polarity"] == -1 for s in article["statements"])
        # The same text again changes nothing.
        again = ok(hand.post("/articles", json={"articles": [ARTICLE]}, headers=auth), 200)
        assert again["articles"] == [{"id": "posted-1", "written": False, "actors": 0, "positions": 0,
                                      "statements": 0, "roles": 0, "warnings": []}]
        # Without an id, the id is the one `stancegraph ingest` gives the text.
        anonymous = ok(hand.post("/articles", json={"text": "Germany supports security guarantees for Ukraine."},
                                 headers=auth), 201)
        assert anonymous["articles"][0]["id"].startswith("sha1:")
        assert anonymous["articles"][0]["warnings"] == []
        # A text over the extractor's 100,000 characters is cut, and the answer says so.
        long = ok(hand.post("/articles", json={"id": "long/one", "text": "Germany supports security guarantees "
                                               "for Ukraine.\n" + "Nothing happened today.\n" * 4_200},
                            headers=auth), 201)["articles"][0]
        assert long["written"] and "only the first 100,000" in long["warnings"][0]
        assert ok(hand.get("/articles/long/one"))["id"] == "long/one"  # an id with a slash is reachable
    finally:
        graphs.loaded = None  # the graph is no longer the hand-built one


# --- pages, sorting, ids ---------------------------------------------------------------------

def test_every_list_has_next_links(hand):
    seen, url = [], "/actors?limit=1"
    while url:
        body = ok(hand.get(url))
        seen += [a["id"] for a in body["items"]]
        url = body["next"]
        assert url is None or ("offset=" in url and "limit=1" in url)
    assert sorted(seen) == sorted([ZELENSKIY, RUSSIA, UKRAINE])
    for path in (f"/actors/{ZELENSKIY}/positions", f"/actors/{ZELENSKIY}/statements", "/positions",
                 "/positions/p_withdraw/timeline"):
        first = ok(hand.get(path, params={"limit": 1}))
        assert first["total"] > 1 and first["next"], path
        second = ok(hand.get(first["next"]))
        assert second["offset"] == 1 and second["items"] != first["items"], path
        last = ok(hand.get(path, params={"limit": 1, "offset": first["total"] - 1}))
        assert last["next"] is None, path
    changes = ok(hand.get("/networks/stance-changes", params={"limit": 1}))  # Zelenskiy on the ceasefire
    assert (changes["total"], changes["limit"], changes["next"]) == (1, 1, None)


def test_every_list_sorts(hand):
    names = [a["name"] for a in ok(hand.get("/actors", params={"sort": "name"}))["items"]]
    assert names == sorted(names)
    assert ok(hand.get("/actors", params={"sort": "statements"}))["items"][0]["id"] == ZELENSKIY
    labels = [p["label"] for p in ok(hand.get("/positions", params={"sort": "label"}))["items"]]
    assert labels == sorted(labels)
    by_label = ok(hand.get(f"/actors/{ZELENSKIY}/positions", params={"sort": "label"}))["items"]
    assert [p["position"]["label"] for p in by_label] == sorted(p["position"]["label"] for p in by_label)
    oldest = ok(hand.get(f"/actors/{ZELENSKIY}/positions", params={"sort": "first_seen"}))["items"]
    assert oldest[0]["first_seen"] == "2025-01-06" and oldest[-1]["first_seen"] == "2025-02-01"
    newest = [s["date"] for s in ok(hand.get(f"/actors/{ZELENSKIY}/statements", params={"sort": "-date"}))["items"]]
    assert newest == sorted(newest, reverse=True)
    timeline = ok(hand.get("/positions/p_ceasefire/timeline", params={"sort": "-date"}))["items"]
    assert [(s["date"], s["moved"]) for s in timeline] == [("2025-02-01", True), ("2025-01-06", False)]
    error(hand.get("/actors", params={"sort": "shoe-size"}), 422)


def test_article_has_its_text_and_highlighted_statements(hand):
    body = ok(hand.get("/articles/art-jan"))
    assert body["text"].startswith(RUSSIA_DEMANDS)
    evidence = {s["id"]: s["evidence"] for s in body["statements"]}
    assert {i for h in body["highlights"] for i in h["statements"]} == set(evidence)
    for highlight in body["highlights"]:
        assert all(body["text"][highlight["start"]:highlight["end"]] == evidence[i] for i in highlight["statements"])
    assert [h["start"] for h in body["highlights"]] == sorted(h["start"] for h in body["highlights"])


def test_alignment_gives_the_statements_it_rests_on(hand):
    body = ok(hand.get("/alignment", params={"a": ZELENSKIY, "b": RUSSIA}))
    withdrawal = next(p for p in body["positions"] if p["position"]["id"] == "p_withdraw")
    assert [e["evidence"] for e in withdrawal["a_evidence"]] == [ZELENSKIY_REJECTS]
    assert [e["article"]["id"] for e in withdrawal["b_evidence"]] == ["art-jan", "art-feb"]
    assert len(withdrawal["b_evidence"]) == withdrawal["b_statements"] == 2


def test_search_folds_demonyms_with_countries(hand):
    assert ok(hand.get("/actors", params={"q": "russian"}))["items"][0]["id"] == RUSSIA
    assert ok(hand.get("/actors", params={"q": "ukrainian"}))["items"][0]["id"] == UKRAINE
    # The label says "Ukrainian"; the key, which the index also covers, says "ukraine".
    found = ok(hand.get("/positions", params={"q": "ukraine withdrawal"}))["items"]
    assert found and found[0]["id"] == "p_withdraw"


ODD_ID = "group:pro-Russia / left?#% & more"


def test_search_ranks_by_salience_and_ids_may_hold_anything(hand, graphs):
    from urllib.parse import quote

    text = "Pro-Russia activists demanded a withdrawal from Donbas."
    extra = Extraction(Article("art-odd", text, "odd.txt", title="A fringe", published_at="2025-02-02"))
    extra.actors = [Actor("a1", "pro-Russia", "group", [], key=ODD_ID, mentions=1)]
    extra.stances = [Stance("a1", "DEMAND", 1, WITHDRAWAL, *_sentence(text, text), 0.8)]
    try:
        graphs.store.write(extra)
        hits = [a["id"] for a in ok(hand.get("/actors", params={"q": "russia"}))["items"]]
        assert hits[:2] == [RUSSIA, ODD_ID]  # Russia's mentions and statements outweigh the fringe
        encoded = quote(ODD_ID, safe="")
        assert ok(hand.get(f"/actors/{encoded}"))["id"] == ODD_ID
        assert ok(hand.get(f"/actors/{encoded}/positions"))["items"][0]["position"]["id"] == "p_withdraw"
        assert ok(hand.get(f"/actors/{encoded}/statements"))["total"] == 1
        assert ok(hand.get(f"/graph/neighborhood/{encoded}"))["center"] == ODD_ID
        assert ok(hand.get("/alignment", params={"a": ODD_ID, "b": RUSSIA}))["agreements"] == 1
    finally:
        graphs.loaded = None  # the graph is no longer the hand-built one
