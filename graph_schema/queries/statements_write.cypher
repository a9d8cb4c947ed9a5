// One reified statement per extracted stance, linked to who made it, what about and where.
UNWIND $statements AS row
MATCH (actor:Actor {id: row.actor}), (p:Position {key: row.position_key}), (article:Article {id: row.article})
CREATE (actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p)
SET s = row.props
CREATE (s)-[:IN]->(article)
WITH s, row
CALL (s, row) {
  OPTIONAL MATCH (target:Actor {id: row.target})
  FOREACH (t IN CASE WHEN target IS NULL THEN [] ELSE [target] END | CREATE (s)-[:TARGETS]->(t))
}
CALL (s, row) {
  OPTIONAL MATCH (represented:Actor {id: row.on_behalf_of})
  FOREACH (r IN CASE WHEN represented IS NULL THEN [] ELSE [represented] END | CREATE (s)-[:ON_BEHALF_OF]->(r))
}
