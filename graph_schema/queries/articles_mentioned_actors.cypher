UNWIND $ids AS article_id
MATCH (actor:Actor)-[:MENTIONED_IN]->(:Article {id: article_id})
RETURN DISTINCT actor.id AS id
