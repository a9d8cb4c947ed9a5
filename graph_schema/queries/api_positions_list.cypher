// GET /positions without q: every position, the most discussed first.
MATCH (p:Position)
WITH p, COUNT { (p)<-[:ABOUT]-(:Statement) } AS statements
ORDER BY statements DESC, p.label, p.id
WITH collect({id: p.id, score: null}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
