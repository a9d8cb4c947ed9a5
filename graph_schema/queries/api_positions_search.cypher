// GET /positions?q=: full-text search over position labels and keys (the key names countries where
// the label has demonyms: "Swedish membership" is found by "sweden"); relevance weighs the score by
// log(2 + statements). $sort may order by statements, actors or label instead. A page of ids, best
// first, and the total.
CALL db.index.fulltext.queryNodes('position_text', $lucene) YIELD node, score
WITH node, score, COUNT { (node)<-[:ABOUT]-(:Statement) } AS statements,
     COUNT { MATCH (a:Actor)-[:SUPPORTS|OPPOSES|UNDECIDED_ON]->(node) RETURN DISTINCT a } AS actors
WITH node, statements, actors, score * log(2 + statements) AS relevance
ORDER BY CASE $sort WHEN 'label' THEN node.label END,
         CASE $sort WHEN 'statements' THEN statements WHEN 'actors' THEN actors WHEN 'label' THEN 0
                    ELSE relevance END DESC,
         relevance DESC, node.label, node.id
WITH collect({id: node.id, score: relevance}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS page
