// Actors by id, in the order given, with their counts.
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Actor {id: $ids[i]})
RETURN a {.id, .name, .kind, .aliases, .iso3} AS actor,
       {statements: COUNT { (a)-[:MADE]->(:Statement) },
        positions: COUNT { MATCH (a)-[:SUPPORTS|OPPOSES|UNDECIDED_ON]->(p:Position) RETURN DISTINCT p },
        articles: COUNT { (a)-[:MENTIONED_IN]->(:Article) }} AS counts
ORDER BY i
