"""The graph writer on hand-built extractions: structure, idempotency, replacement, resolution."""

from __future__ import annotations

from ingest.records import Actor, Article, Attribution, Extraction, Position, Role, Stance
from ingest.resolve import ActorResolver, person_key

WITHDRAWAL = Position(id="p_withdraw", label="withdrawal of Ukrainian forces from Donbas",
                      key="donbas ukraine withdraw")


def article(article_id: str, text: str, published_at: str | None = "2025-01-06") -> Extraction:
    ext = Extraction(Article(id=article_id, text=text, source=f"{article_id}.txt", published_at=published_at))
    ext.actors = [
        Actor("a1", "Volodymyr Zelenskiy", "person", ["Zelenskiy"], key="person:volodymyr zelenskiy", mentions=2),
        Actor("a2", "Ukraine", "state", ["Kyiv"], key="state:UKR", iso3="UKR", mentions=1),
        Actor("a3", "Russia", "state", ["Kremlin"], key="state:RUS", iso3="RUS", mentions=1),
    ]
    first_end = text.index(".") + 1
    second_start = first_end + 1
    ext.roles = [Role("a1", "President", "a2", text[second_start:], second_start, len(text))]
    ext.stances = [
        Stance("a3", "DEMAND", 1, WITHDRAWAL, text[:first_end], 0, first_end, 0.8),
        Stance("a1", "REJECT", -1, WITHDRAWAL, text[second_start:], second_start, len(text), 0.8,
               target="a3", on_behalf_of="a2"),
    ]
    return ext


def test_structure_and_derived_edges(store):
    store.write(article("art-1", "Russia demands it. Zelenskiy rejects it."))
    rows = store.driver.execute_query("""
        MATCH (a:Actor)-[e:SUPPORTS|OPPOSES]->(p:Position {key: 'donbas ukraine withdraw'})
        RETURN a.id AS actor, type(e) AS edge, e.statements AS n, e.latest_polarity AS latest, e.first_seen AS first
        ORDER BY actor""").records
    assert [(r["actor"], r["edge"], r["n"], r["latest"]) for r in rows] == [
        ("person:volodymyr zelensky", "OPPOSES", 1, -1), ("state:RUS", "SUPPORTS", 1, 1)]
    assert str(rows[0]["first"]) == "2025-01-06"
    provenance = store.driver.execute_query("""
        MATCH (:Person)-[:MADE]->(s:Statement)-[:IN]->(art:Article), (s)-[:TARGETS]->(t), (s)-[:ON_BEHALF_OF]->(b)
        RETURN s.evidence AS evidence, s.start AS start, art.id AS article, t.id AS target, b.id AS behalf""").records
    assert dict(provenance[0]) == {"evidence": "Zelenskiy rejects it.", "start": 19, "article": "art-1",
                                   "target": "state:RUS", "behalf": "state:UKR"}
    role = store.driver.execute_query(
        "MATCH (:Person)-[r:HOLDS_ROLE]->(s:State) RETURN r.title AS title, s.iso3 AS iso3").records
    assert dict(role[0]) == {"title": "President", "iso3": "UKR"}
    labels = store.driver.execute_query("MATCH (a:Actor {id: 'state:UKR'}) RETURN labels(a) AS l").records
    assert set(labels[0]["l"]) == {"Actor", "State"}


def quoted(article_id: str) -> Extraction:
    """The article with its attributions: Zelenskiy's rejection states his stance; an unnamed aide's words none."""
    text = "Russia demands it. Zelenskiy rejects it. A Kremlin aide said talks could wait."
    ext = article(article_id, text)
    ext.stances[1].attribution = "q1"
    cue = text.index("rejects")
    aide, said = text.index("A Kremlin aide"), text.index("said")
    ext.attributions = [
        Attribution("q1", "a1", [19, 28], [cue, cue + 7], [[cue + 8, cue + 10]], "indirect"),
        Attribution("q2", None, [aide, aide + 14], [said, said + 4], [[said + 5, len(text) - 1]], "indirect"),
    ]
    return ext


def test_attributions_carry_source_cue_content_and_the_stances_they_state(store):
    store.write(quoted("art-1"))
    rows = store.rows("""
        MATCH (q:Attribution)-[:IN]->(art:Article)
        OPTIONAL MATCH (a:Actor)-[:SAID]->(q)
        RETURN q.cue AS cue, q.content AS content, q.type AS type, q.source_text AS source_text, a.id AS actor,
               q.content_starts AS starts, toString(q.date) AS date, art.id AS article,
               COLLECT { MATCH (s:Statement)-[:FROM]->(q) RETURN s.kind } AS stated
        ORDER BY q.start""")
    assert rows == [
        {"cue": "rejects", "content": "it", "type": "indirect", "source_text": "Zelenskiy",
         "actor": "person:volodymyr zelensky", "starts": [37], "date": "2025-01-06", "article": "art-1",
         "stated": ["REJECT"]},
        {"cue": "said", "content": "talks could wait", "type": "indirect", "source_text": "A Kremlin aide",
         "actor": None, "starts": [61], "date": "2025-01-06", "article": "art-1", "stated": []}]
    found = store.rows("CALL db.index.fulltext.queryNodes('attribution_search', 'talks') YIELD node "
                       "RETURN node.content AS content")
    assert found == [{"content": "talks could wait"}]


def test_a_replaced_article_takes_its_attributions_with_it(store):
    store.write(quoted("art-1"))
    store.write(article("art-1", "Russia demands it. Nothing else was said."))
    assert store.rows("MATCH (q:Attribution) RETURN count(q) AS n") == [{"n": 0}]
    assert not store.rows("MATCH (n) WHERE NOT (n)--() RETURN n")


def test_ingesting_twice_changes_nothing(store):
    ext = article("art-1", "Russia demands it. Zelenskiy rejects it.")
    assert store.write(ext).written
    before = store.writer.counts()
    assert not store.write(ext).written
    assert store.write(ext, force=True).written
    assert store.writer.counts() == before


def test_changed_article_replaces_its_statements(store):
    store.write(article("art-1", "Russia demands it. Zelenskiy rejects it."))
    changed = article("art-1", "Russia demands it. Nothing else was said.")
    changed.stances = changed.stances[:1]
    store.write(changed)
    edges = store.driver.execute_query(
        "MATCH (a:Actor)-[e:SUPPORTS|OPPOSES]->(:Position) RETURN a.id AS actor, type(e) AS edge").records
    assert [(r["actor"], r["edge"]) for r in edges] == [("state:RUS", "SUPPORTS")]
    n = store.driver.execute_query("MATCH (s:Statement) RETURN count(s) AS n").records[0]["n"]
    assert n == 1
    orphans = store.driver.execute_query("MATCH (n) WHERE NOT (n)--() RETURN n").records
    assert not orphans, "an actor or position left without any link"


def test_role_provenance_follows_the_articles_that_state_it(store):
    store.write(article("art-1", "Russia demands it. Zelenskiy rejects it.", "2025-01-06"))
    store.write(article("art-2", "Russia demands more. Zelenskiy rejects that.", "2025-03-01"))
    role = "MATCH (:Person)-[r:HOLDS_ROLE]->() RETURN r.article AS article, r.evidence AS evidence, " \
           "r.first_seen AS first, r.last_seen AS last, r.articles AS articles"
    latest = store.driver.execute_query(role).records[0]
    assert (latest["article"], latest["evidence"], str(latest["first"]), str(latest["last"])) == (
        "art-2", "Zelenskiy rejects that.", "2025-01-06", "2025-03-01")
    without_role = article("art-2", "Russia demands more. Zelenskiy rejects that.", "2025-03-01")
    without_role.roles = []
    store.write(without_role, force=True)
    after = store.driver.execute_query(role).records[0]
    assert (after["article"], after["evidence"], str(after["last"]), after["articles"]) == (
        "art-1", "Zelenskiy rejects it.", "2025-01-06", ["art-1"])
    gone = article("art-1", "Russia demands it. Zelenskiy rejects it.", "2025-01-06")
    gone.roles = []
    store.write(gone, force=True)
    assert not store.driver.execute_query(role).records


def test_an_edited_file_replaces_its_earlier_version(store):
    first = article("sha1:one", "Russia demands it. Zelenskiy rejects it.")
    first.article.source = "news/donbas.txt"
    store.write(first)
    edited = article("sha1:two", "Russia demands it. Zelenskiy rejects it firmly.")
    edited.article.source = "news/donbas.txt"
    store.write(edited)
    ids = [r["id"] for r in store.driver.execute_query("MATCH (a:Article) RETURN a.id AS id").records]
    assert ids == ["sha1:two"]
    edge = store.driver.execute_query("MATCH (:Person)-[e:OPPOSES]->() RETURN e.statements AS n").records
    assert [r["n"] for r in edge] == [1]


def test_same_person_across_articles_is_one_node(store):
    store.write(article("art-1", "Russia demands it. Zelenskiy rejects it."))
    second = article("art-2", "Russia demands it again. Zelensky rejects it again.", "2025-02-01")
    second.actors[0] = Actor("a1", "Zelensky", "person", [], key="person:zelensky", mentions=1)
    store.write(second)
    people = store.driver.execute_query("MATCH (p:Person) RETURN p.id AS id, p.aliases AS aliases").records
    assert len(people) == 1
    assert "Zelensky" in people[0]["aliases"]
    edge = store.driver.execute_query(
        "MATCH (:Person)-[e:OPPOSES]->(:Position) RETURN e.statements AS n, e.last_seen AS last").records[0]
    assert edge["n"] == 2 and str(edge["last"]) == "2025-02-01"


def test_person_keys_fold_transliterations():
    assert person_key("Volodymyr Zelenskiy") == person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelensky")
    assert person_key("Dmitriy Peskov") == person_key("Dmitry Peskov")
    assert person_key("Donald Trump") != person_key("Melania Trump")


def test_typos_and_organization_tags_join_the_known_person():
    resolver = ActorResolver(["person:volodymyr zelensky"])
    found = resolver.resolve([Actor("a1", "Volodomyr Zelenskiy", "person"),
                              Actor("a2", "Volodymyr Zelenskiy", "organization", key="organization:volodymyr zelenskiy"),
                              Actor("a3", "Joan Smith", "person")])
    assert found == {"a1": "person:volodymyr zelensky", "a2": "person:volodymyr zelensky", "a3": "person:joan smith"}
    assert resolver.resolve([Actor("a1", "John Smith", "person")]) == {"a1": "person:john smith"}
    resolver = ActorResolver(["person:recep tayip erdogan"])
    assert resolver.resolve([Actor("a1", "Tayyip Erdoğan", "person")]) == {"a1": "person:recep tayip erdogan"}


def test_names_in_other_scripts_keep_their_identity():
    assert person_key("Владимир Путин") == "person:владимир путин"
    assert person_key("Владимир Путин") != person_key("Си Цзиньпин")


def test_surname_joins_only_an_unambiguous_person():
    resolver = ActorResolver(["person:donald trump"])
    assert resolver.resolve([Actor("a1", "Trump", "person")]) == {"a1": "person:donald trump"}
    resolver = ActorResolver(["person:donald trump", "person:melania trump"])
    assert resolver.resolve([Actor("a1", "Trump", "person")]) == {"a1": "person:trump"}


def test_one_word_organization_that_is_a_known_surname_is_that_person():
    resolver = ActorResolver(["person:jens stoltenberg"])
    found = resolver.resolve([Actor("a1", "Stoltenberg", "organization", key="organization:stoltenberg"),
                              Actor("a2", "Nato", "group", key="group:nato")])
    assert found == {"a1": "person:jens stoltenberg", "a2": "group:nato"}


ROLE = "MATCH (:Person)-[r:HOLDS_ROLE]->() RETURN r.articles AS articles, r.starts AS starts"


def test_a_role_stated_twice_in_one_article_is_one_sighting(store):
    text = "Russia demands it. Zelenskiy rejects it. The Ukrainian president Zelenskiy said so."
    ext = article("art-1", text)
    again = text.index("The Ukrainian")
    ext.roles.append(Role("a1", "President", "a2", text[again:], again, len(text)))
    store.write(ext)
    assert [dict(r) for r in store.driver.execute_query(ROLE).records] == [
        {"articles": ["art-1"], "starts": [19]}]


def test_one_batch_gives_the_graph_that_one_article_at_a_time_gives(store):
    dates = ["2025-01-06", "2025-03-01", None]
    batch = [article(f"art-{i}", f"Russia demands it {i}. Zelenskiy rejects it {i}.", day)
             for i, day in enumerate(dates)]
    batch[1].actors[0] = Actor("a1", "Zelensky", "person", ["President Zelensky"], key="person:zelensky", mentions=3)
    store.pipeline.write_batch = 1
    store.write(*batch)
    one_by_one = store.snapshot()
    store.reset()
    summary = store.write(*batch)
    assert summary.articles == 3
    assert store.snapshot() == one_by_one
    assert store.driver.execute_query(ROLE).records[0]["articles"] == ["art-0", "art-1", "art-2"]


def test_an_article_the_graph_refuses_is_reported_and_the_rest_of_its_batch_lands(store):
    bad = article("art-bad", "Russia demands it. Zelenskiy rejects it.")
    bad.stances[0].cameo = {"not": "a property value"}  # Neo4j refuses maps as property values
    errors = []
    summary = store.pipeline.write([article("art-1", "Russia demands it. Zelenskiy rejects it."), bad,
                                    article("art-2", "Russia demands more. Zelenskiy rejects that.")],
                                   store.writer, on_error=errors.append)
    assert summary.articles == 2 and summary.failed == 1
    assert [e.source for e in errors] == ["art-bad.txt"] and "not written" in errors[0].message
    ids = {r["id"] for r in store.rows("MATCH (a:Article) RETURN a.id AS id")}
    assert ids == {"art-1", "art-2"}
    assert not store.rows("MATCH (c:Claim) RETURN c"), "the run gave up the claim of the article it could not write"


def test_articles_another_run_is_ingesting_are_left_to_it(store):
    from graph_schema.writer import GraphWriter

    batch = [article(f"art-{i}", f"Russia demands it {i}. Zelenskiy rejects it {i}.") for i in range(3)]
    other = GraphWriter(store.driver, store.database)
    assert other.claim([batch[0].article]).mine == {"art-0"}
    summary = store.write(*batch)
    assert (summary.articles, summary.busy) == (2, 1)
    assert other.claim([batch[0].article]).mine == {"art-0"}, "its own claim holds"
    assert other.claim([batch[1].article]).current == {"art-1"}, "a written article is no one's to claim"
    store.driver.execute_query("MATCH (c:Claim {id: 'art-0'}) SET c.until = datetime() - duration('PT1S')")
    summary = store.write(*batch)  # the other run died: its claim lapsed
    assert (summary.articles, summary.busy, summary.unchanged) == (1, 0, 2)
    assert not store.rows("MATCH (c:Claim) RETURN c")
