// The (actor, position) pairs the current statements of these articles touch: their derived
// edges are recomputed after the articles are replaced.
UNWIND $ids AS article_id
MATCH (actor:Actor)-[:MADE]->(s:Statement)-[:IN]->(:Article {id: article_id})
MATCH (s)-[:ABOUT]->(p:Position)
RETURN DISTINCT actor.id AS actor, p.id AS position
