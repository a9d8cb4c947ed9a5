// GET /actors without q: every actor (optionally one kind), ordered by $sort: salience (statements
// plus mentions, the default), statements, mentions, articles, or name. A page of ids and the total.
MATCH (a:Actor)
WHERE $kind IS NULL OR a.kind = $kind
CALL (a) {
  OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(:Article)
  RETURN coalesce(sum(m.count), 0) AS mentions, count(m) AS articles
}
WITH a, mentions, articles, COUNT { (a)-[:MADE]->(:Statement) } AS statements
ORDER BY CASE $sort WHEN 'name' THEN a.name END,
         CASE $sort WHEN 'statements' THEN statements WHEN 'mentions' THEN mentions
                    WHEN 'articles' THEN articles ELSE statements + mentions END DESC,
         a.name, a.id
WITH collect({id: a.id, score: null}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
