// The (actor, position) pairs an article's current statements touch: their derived edges are
// recomputed after the article is replaced.
MATCH (actor:Actor)-[:MADE]->(s:Statement)-[:IN]->(:Article {id: $article_id})
MATCH (s)-[:ABOUT]->(p:Position)
RETURN DISTINCT actor.id AS actor, p.id AS position
