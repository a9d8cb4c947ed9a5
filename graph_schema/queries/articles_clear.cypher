// Remove what earlier ingests of these articles wrote (statements, attributions, mentions, role
// sightings), so that changed articles are replaced. Roles are refreshed afterwards by roles_refresh.
CALL () {
  // A role's person is always an actor of the article that states it: no scan of all roles. One
  // row per role edge, so that no two rows rewrite the same lists.
  UNWIND $ids AS article_id
  MATCH (person:Person)-[:MENTIONED_IN]->(:Article {id: article_id})
  WITH DISTINCT person
  MATCH (person)-[r:HOLDS_ROLE]->()
  WHERE any(id IN r.articles WHERE id IN $ids)
  WITH r, [i IN range(0, size(r.articles) - 1) WHERE NOT r.articles[i] IN $ids] AS keep
  SET r.articles = [i IN keep | r.articles[i]],
      r.evidences = [i IN keep | r.evidences[i]],
      r.starts = [i IN keep | r.starts[i]],
      r.ends = [i IN keep | r.ends[i]],
      r.days = [i IN keep | r.days[i]]
}
UNWIND $ids AS article_id
MATCH (a:Article {id: article_id})
CALL (a) {
  MATCH (s:Statement)-[:IN]->(a)
  DETACH DELETE s
}
CALL (a) {
  MATCH (:Actor)-[m:MENTIONED_IN]->(a)
  DELETE m
}
CALL (a) {
  MATCH (q:Attribution)-[:IN]->(a)
  DETACH DELETE q
}
