// `stancegraph stats`: the $top positions with the most statements, with how many actors made
// them and how many statements are for, against or neutral.
MATCH (p:Position)
WITH p, COUNT { (p)<-[:ABOUT]-(:Statement) } AS statements
WHERE statements > 0
ORDER BY statements DESC, p.label, p.id
LIMIT $top
MATCH (p)<-[:ABOUT]-(s:Statement)
OPTIONAL MATCH (s)<-[:MADE]-(a:Actor)
RETURN p.id AS id, p.label AS label, statements, count(DISTINCT a) AS actors,
       count(CASE WHEN s.polarity = 1 THEN s END) AS positive,
       count(CASE WHEN s.polarity = -1 THEN s END) AS negative,
       count(CASE WHEN s.polarity = 0 THEN s END) AS neutral
ORDER BY statements DESC, label, id
