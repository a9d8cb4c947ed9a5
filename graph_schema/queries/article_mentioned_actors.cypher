MATCH (actor:Actor)-[:MENTIONED_IN]->(:Article {id: $article_id})
RETURN actor.id AS id
