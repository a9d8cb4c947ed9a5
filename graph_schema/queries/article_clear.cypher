// Remove what an earlier ingest of this article wrote, so that a changed article is replaced.
MATCH (a:Article {id: $article_id})
OPTIONAL MATCH (s:Statement)-[:IN]->(a)
DETACH DELETE s
WITH DISTINCT a
OPTIONAL MATCH (:Actor)-[m:MENTIONED_IN]->(a)
DELETE m
WITH DISTINCT a
OPTIONAL MATCH (:Person)-[r:HOLDS_ROLE]->(:Actor)
WHERE $article_id IN r.articles
SET r.articles = [x IN r.articles WHERE x <> $article_id]
WITH r WHERE r IS NOT NULL AND size(r.articles) = 0
DELETE r
