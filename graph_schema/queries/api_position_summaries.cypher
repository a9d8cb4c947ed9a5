// Positions by id, in the order given, with statement counts and how many actors' latest
// statement is for, against or undecided.
UNWIND range(0, size($ids) - 1) AS i
MATCH (p:Position {id: $ids[i]})
CALL (p) {
  OPTIONAL MATCH (a:Actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p)
  OPTIONAL MATCH (s)-[:IN]->(art:Article)
  WITH a, s ORDER BY s.date IS NOT NULL, s.date, art.published_at, art.id, s.start
  WITH a, count(s) AS n, last(collect(s.polarity)) AS latest
  RETURN {statements: sum(n),
          supporters: count(CASE WHEN latest = 1 THEN a END),
          opponents: count(CASE WHEN latest = -1 THEN a END),
          undecided: count(CASE WHEN latest = 0 THEN a END)} AS counts
}
RETURN p {.id, .label, .key} AS position, counts
ORDER BY i
