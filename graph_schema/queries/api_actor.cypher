// GET /actors/{id}: the actor, its counts, the roles it holds and who holds roles in it (the
// latest first, undated last).
MATCH (a:Actor {id: $id})
RETURN a {.id, .name, .kind, .aliases, .iso3} AS actor,
       {statements: COUNT { (a)-[:MADE]->(:Statement) },
        positions: COUNT { MATCH (a)-[:SUPPORTS|OPPOSES|UNDECIDED_ON]->(p:Position) RETURN DISTINCT p },
        articles: COUNT { (a)-[:MENTIONED_IN]->(:Article) }} AS counts,
       COLLECT { MATCH (a)-[r:HOLDS_ROLE]->(of:Actor)
                 RETURN {title: r.title, of: of {.id, .name, .kind}, first_seen: r.first_seen,
                         last_seen: r.last_seen, articles: size(r.articles), evidence: r.evidence}
                 ORDER BY r.last_seen IS NULL, r.last_seen DESC, r.title } AS roles,
       COLLECT { MATCH (p:Person)-[r:HOLDS_ROLE]->(a)
                 RETURN {title: r.title, person: p {.id, .name, .kind}, first_seen: r.first_seen,
                         last_seen: r.last_seen}
                 ORDER BY r.last_seen IS NULL, r.last_seen DESC, p.name } AS role_holders
