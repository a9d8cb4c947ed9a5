// GET /actors/{id}/quotes?q=: the actor's attributions whose content matches the full-text query
// ($lucene is built from the user's words, escaped) within [$since, $until]; best match first, a
// page of ids with scores and the total.
CALL db.index.fulltext.queryNodes('attribution_search', $lucene) YIELD node AS q, score
WHERE (:Actor {id: $id})-[:SAID]->(q)
  AND ($since IS NULL OR q.date >= $since) AND ($until IS NULL OR q.date <= $until)
WITH q, score ORDER BY score DESC, q.date DESC, q.article, q.start
WITH collect({id: q.id, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
