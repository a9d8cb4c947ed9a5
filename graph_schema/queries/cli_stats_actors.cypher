// `stancegraph stats`: the $top actors with the most statements, with how many positions and
// articles those statements cover and how many are for, against or neutral.
MATCH (a:Actor)
WITH a, COUNT { (a)-[:MADE]->(:Statement) } AS statements
WHERE statements > 0
ORDER BY statements DESC, a.name, a.id
LIMIT $top
MATCH (a)-[:MADE]->(s:Statement)
OPTIONAL MATCH (s)-[:ABOUT]->(p:Position)
RETURN a.id AS id, a.name AS name, a.kind AS kind, statements,
       count(DISTINCT p) AS positions, count(DISTINCT s.article) AS articles,
       count(CASE WHEN s.polarity = 1 THEN s END) AS positive,
       count(CASE WHEN s.polarity = -1 THEN s END) AS negative,
       count(CASE WHEN s.polarity = 0 THEN s END) AS neutral
ORDER BY statements DESC, name, id
