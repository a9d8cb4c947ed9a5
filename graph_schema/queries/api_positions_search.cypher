// GET /positions?q=: full-text search over position labels; a page of ids, best first, and the total.
CALL db.index.fulltext.queryNodes('position_search', $lucene) YIELD node, score
WITH node, score ORDER BY score DESC, node.label, node.id
WITH collect({id: node.id, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
