// One node per attribution (who said, thought or wants what), linked to its article, to its source
// actor when the source is one (an unnamed "campaign aide" stays in source_text), and from the
// statements its content states. Runs after statements_write, in the same transaction.
UNWIND $attributions AS row
MATCH (article:Article {id: row.props.article})
CREATE (q:Attribution)-[:IN]->(article)
SET q = row.props
WITH q, row
CALL (q, row) {
  OPTIONAL MATCH (source:Actor {id: row.source})
  FOREACH (a IN CASE WHEN source IS NULL THEN [] ELSE [source] END | CREATE (a)-[:SAID]->(q))
}
CALL (q, row) {
  UNWIND row.statements AS statement_id
  MATCH (s:Statement {id: statement_id})
  CREATE (s)-[:FROM]->(q)
}
