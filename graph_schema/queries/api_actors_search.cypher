// GET /actors?q=: full-text search over names and aliases ($lucene is built from the user's words,
// escaped, demonyms folded with their countries), optionally one kind. Relevance weighs the
// full-text score by salience, log(2 + statements + mentions), so that Vladimir Putin, with
// hundreds of mentions, ranks above "pro-Putin" for "putin"; $sort may order by name, statements,
// mentions or articles instead. A page of ids with scores, best first, and the total.
CALL db.index.fulltext.queryNodes('actor_search', $lucene) YIELD node, score
WHERE $kind IS NULL OR node.kind = $kind
CALL (node) {
  OPTIONAL MATCH (node)-[m:MENTIONED_IN]->(:Article)
  RETURN coalesce(sum(m.count), 0) AS mentions, count(m) AS articles
}
WITH node, mentions, articles, COUNT { (node)-[:MADE]->(:Statement) } AS statements, score
WITH node, mentions, articles, statements, score * log(2 + statements + mentions) AS relevance
ORDER BY CASE $sort WHEN 'name' THEN node.name END,
         CASE $sort WHEN 'statements' THEN statements WHEN 'mentions' THEN mentions
                    WHEN 'articles' THEN articles WHEN 'name' THEN 0 ELSE relevance END DESC,
         relevance DESC, node.name, node.id
WITH collect({id: node.id, score: relevance}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
