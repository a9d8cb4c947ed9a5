"""'What did X say': GET /actors/{id}/quotes and the attributions of GET /articles/{id}, over HTTP,
on a real ingest (the seed article and a dated JSON Lines record through `store.ingest`, the path
`stancegraph ingest` runs) into the real test Neo4j."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from ingest.sources import read_inputs
from tests.conftest import SHARED, GraphStore

SEED = SHARED / "corpus" / "seed" / "paris-security-guarantees.txt"
MERZ, ZELENSKIY = "person:friedrich merz", "person:volodymyr zelensky"
LATER = {"id": "merz-march", "published_at": "2025-03-01", "title": "Merz on defence",
         "text": "German Chancellor Friedrich Merz said Europe must spend far more on its own defence."}


@pytest.fixture(scope="module")
def texts(driver, neo4j_settings, tmp_path_factory) -> dict[str, str]:
    """The graph of the two articles; their texts by article id."""
    later = tmp_path_factory.mktemp("quotes") / "later.jsonl"
    later.write_text(json.dumps(LATER) + "\n", encoding="utf-8")
    store = GraphStore(driver, neo4j_settings.neo4j_database).reset()
    summary, errors = store.ingest(SEED, later)
    assert summary.ok and summary.articles == 2, errors
    return {a.id: a.text for a in read_inputs([str(SEED), str(later)])}


@pytest.fixture(scope="module")
def client(texts, neo4j_settings):
    with TestClient(create_app(neo4j_settings), raise_server_exceptions=False) as test_client:
        yield test_client


def ok(response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def test_quotes_come_with_their_words_offsets_article_and_stances(client, texts):
    page = ok(client.get(f"/actors/{MERZ}/quotes"))
    assert page["actor"]["name"] == "Friedrich Merz" and page["total"] == 3
    later, *seed = page["items"]  # newest first, the undated seed last
    assert later["article"] == {"id": "merz-march", "title": "Merz on defence", "url": None, "source": None,
                                "date": "2025-03-01"}
    assert later["content"] == "Europe must spend far more on its own defence" and later["cue"] == "said"
    for quote in page["items"]:
        text = texts[quote["article"]["id"]]
        assert text[slice(*quote["cue_span"])] == quote["cue"]
        assert " … ".join(text[s:e] for s, e in quote["content_spans"]) == quote["content"]
        assert text[slice(*quote["source_span"])] == quote["source_text"]
        assert quote["source"]["id"] == MERZ and quote["score"] is None
    signaled = next(q for q in seed if q["cue"] == "signaled")
    assert signaled["type"] == "indirect"
    assert [(s["kind"], s["polarity"], s["actor"]["id"]) for s in signaled["stances"]] == [("PLEDGE", 1, MERZ)]
    assert "contribute troops" in signaled["stances"][0]["position"]["label"]
    quoted = next(q for q in seed if q["type"] == "direct")
    assert len(quoted["content_spans"]) == 2 and quoted["content"].startswith("We need strong")


def test_quotes_are_searched_by_their_words_and_filtered_by_date(client):
    found = ok(client.get(f"/actors/{MERZ}/quotes", params={"q": "grateful"}))
    assert found["total"] == 1 and found["items"][0]["content"].endswith("I am very grateful that the US has "
                                                                           "been prepared to do this for some time now")
    assert found["items"][0]["score"] > 0
    dated = ok(client.get(f"/actors/{MERZ}/quotes", params={"since": "2025-02-01", "until": "2025-03-31"}))
    assert [q["article"]["id"] for q in dated["items"]] == ["merz-march"]
    assert ok(client.get(f"/actors/{MERZ}/quotes", params={"until": "2025-02-01"}))["total"] == 0
    second = ok(client.get(f"/actors/{MERZ}/quotes", params={"limit": 1, "offset": 1}))
    assert second["total"] == 3 and second["limit"] == 1 and second["offset"] == 1 and len(second["items"]) == 1
    assert "offset=2" in second["next"]
    assert ok(client.get(f"/actors/{MERZ}/quotes", params={"limit": 1, "offset": 2}))["next"] is None


def test_bad_requests_get_a_json_error(client):
    missing = client.get("/actors/person:nobody at all/quotes")
    assert missing.status_code == 404 and "nobody" in missing.json()["error"]
    assert client.get(f"/actors/{MERZ}/quotes", params={"q": "!!!"}).status_code == 422
    assert client.get(f"/actors/{MERZ}/quotes", params={"since": "2025-03-01", "until": "2025-01-01"}).status_code == 422


def test_an_article_lists_who_said_what_in_it(client, texts):
    seed_id = next(i for i in texts if i != "merz-march")
    detail = ok(client.get(f"/articles/{seed_id}"))
    attributions = detail["attributions"]
    assert [a["start"] for a in attributions] == sorted(a["start"] for a in attributions)
    rejected = next(a for a in attributions if a["cue"] == "has repeatedly rejected")
    assert rejected["source"]["id"] == ZELENSKIY
    assert [(s["kind"], s["polarity"]) for s in rejected["stances"]] == [("REJECT", -1)]
    unnamed = [a for a in attributions if a["source"] is None]
    assert unnamed and all(a["article"]["id"] == seed_id for a in attributions)
