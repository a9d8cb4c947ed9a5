// GET /actors?q=: full-text search over names and aliases ($lucene is built from the user's words,
// escaped), optionally one kind; a page of ids with scores, best first, and the total.
CALL db.index.fulltext.queryNodes('actor_search', $lucene) YIELD node, score
WHERE $kind IS NULL OR node.kind = $kind
WITH node, score ORDER BY score DESC, node.name, node.id
WITH collect({id: node.id, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
