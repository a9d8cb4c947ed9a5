// GET /positions without q: every position, ordered by $sort: statements (the most discussed, the
// default), actors (who spoke about it), or label. A page of ids and the total.
MATCH (p:Position)
WITH p, COUNT { (p)<-[:ABOUT]-(:Statement) } AS statements,
     COUNT { MATCH (a:Actor)-[:SUPPORTS|OPPOSES|UNDECIDED_ON]->(p) RETURN DISTINCT a } AS actors
ORDER BY CASE $sort WHEN 'label' THEN p.label END,
         CASE $sort WHEN 'actors' THEN actors WHEN 'label' THEN 0 ELSE statements END DESC,
         statements DESC, p.label, p.id
WITH collect({id: p.id, score: null}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
