// GET /actors without q: every actor (optionally one kind), the most outspoken first.
MATCH (a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
WITH a, COUNT { (a)-[:MADE]->(:Statement) } AS statements
ORDER BY statements DESC, a.name, a.id
WITH collect({id: a.id, score: null}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
