// Derived edges for analysts and Neo4j Browser: per (actor, position) and polarity, one
// SUPPORTS / OPPOSES / UNDECIDED_ON edge carrying the count, first and last dates, and the
// polarity of the actor's latest statement on the position (a change of mind shows as two edges).
UNWIND $pairs AS pair
MATCH (actor:Actor {id: pair.actor}), (p:Position {id: pair.position})
CALL (actor, p) {
  OPTIONAL MATCH (actor)-[old:SUPPORTS|OPPOSES|UNDECIDED_ON]->(p)
  DELETE old
}
CALL (actor, p) {
  MATCH (actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p), (s)-[:IN]->(art:Article)
  // "Latest" is the same order everywhere (the API's queries too): date, then publication, article, offset.
  WITH actor, p, s ORDER BY s.date IS NOT NULL, s.date, art.published_at, art.id, s.start
  WITH actor, p, collect(s) AS ordered
  WITH actor, p, ordered, last(ordered) AS latest
  UNWIND ordered AS s
  WITH actor, p, latest, s.polarity AS polarity, collect(s) AS group
  WITH actor, p, latest, polarity, group, [x IN group WHERE x.date IS NOT NULL | x.date] AS dates
  MERGE (actor)-[e:$(CASE polarity WHEN 1 THEN 'SUPPORTS' WHEN -1 THEN 'OPPOSES' ELSE 'UNDECIDED_ON' END)]->(p)
  SET e.statements = size(group),
      e.first_seen = dates[0],
      e.last_seen = dates[-1],
      e.latest_polarity = latest.polarity
}
