// Remove what an earlier ingest of this article wrote (statements, attributions, mentions, role
// sightings), so that a changed article is replaced. Roles are refreshed afterwards by roles_refresh.
MATCH (a:Article {id: $article_id})
OPTIONAL MATCH (s:Statement)-[:IN]->(a)
DETACH DELETE s
WITH DISTINCT a
CALL (a) {
  // A role's person is always an actor of the article that states it: no scan of all roles.
  MATCH (person:Person)-[:MENTIONED_IN]->(a)
  MATCH (person)-[r:HOLDS_ROLE]->()
  WHERE $article_id IN r.articles
  WITH r, [i IN range(0, size(r.articles) - 1) WHERE r.articles[i] <> $article_id] AS keep
  SET r.articles = [i IN keep | r.articles[i]],
      r.evidences = [i IN keep | r.evidences[i]],
      r.starts = [i IN keep | r.starts[i]],
      r.ends = [i IN keep | r.ends[i]],
      r.days = [i IN keep | r.days[i]]
}
CALL (a) {
  MATCH (:Actor)-[m:MENTIONED_IN]->(a)
  DELETE m
}
CALL (a) {
  MATCH (q:Attribution)-[:IN]->(a)
  DETACH DELETE q
}
