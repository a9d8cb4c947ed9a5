// GET /actors/{id}/quotes without q: what the actor said, thought or wants (the attributions whose
// source it is) within [$since, $until], newest first (undated last); a page of ids and the total.
MATCH (:Actor {id: $id})-[:SAID]->(q:Attribution)
WHERE ($since IS NULL OR q.date >= $since) AND ($until IS NULL OR q.date <= $until)
WITH q ORDER BY q.date IS NULL, q.date DESC, q.article, q.start
WITH collect({id: q.id, score: null}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
