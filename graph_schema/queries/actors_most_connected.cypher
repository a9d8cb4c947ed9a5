// The $n actors with the most statements (benchmarks ask the API about them).
MATCH (a:Actor)
RETURN a.id AS id, COUNT { (a)-[:MADE]->(:Statement) } AS statements
ORDER BY statements DESC, id LIMIT $n
