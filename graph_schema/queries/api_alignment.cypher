// GET /alignment: per position both actors made statements about (within the dates), the sign
// of each one's net polarity and their statement counts.
MATCH (:Actor {id: $a})-[:MADE]->(sa:Statement)-[:ABOUT]->(p:Position)
WHERE ($since IS NULL OR sa.date >= $since) AND ($until IS NULL OR sa.date <= $until)
WITH p, sum(sa.polarity) AS net_a, count(sa) AS count_a
MATCH (:Actor {id: $b})-[:MADE]->(sb:Statement)-[:ABOUT]->(p)
WHERE ($since IS NULL OR sb.date >= $since) AND ($until IS NULL OR sb.date <= $until)
WITH p, net_a, count_a, sum(sb.polarity) AS net_b, count(sb) AS count_b
RETURN p {.id, .label} AS position, sign(net_a) AS a_polarity, sign(net_b) AS b_polarity,
       count_a AS a_statements, count_b AS b_statements
ORDER BY p.label, p.id
