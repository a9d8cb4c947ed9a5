// Networks (app/networks): the filtered stances as rows, one per (actor, position, article,
// polarity). Repeats of the same stance by the same actor in one article count once (DNA's
// "ignore duplicate statements"): `statements` says how many Statement nodes the row stands for,
// `statement`/`evidence` are the first of them (by offset).
// Filters: $since/$until on the statement date (undated statements only when both are null),
// $kinds on the actor kind (null: all), $words: every word in the position label or key.
MATCH (a:Actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p:Position)
WHERE ($since IS NULL OR s.date >= $since) AND ($until IS NULL OR s.date <= $until)
  AND ($kinds IS NULL OR a.kind IN $kinds)
  AND all(word IN $words WHERE toLower(p.label) CONTAINS word OR toLower(coalesce(p.key, '')) CONTAINS word)
OPTIONAL MATCH (s)-[:IN]->(art:Article)
WITH a, p, s, art, coalesce(art.id, s.article) AS article
ORDER BY s.start, s.id
WITH a, p, article, coalesce(s.polarity, 0) AS polarity, collect(s) AS group, collect(art)[0] AS art
WITH a, p, article, polarity, group, art, group[0] AS first
RETURN a.id AS actor, a.name AS actor_name, a.kind AS actor_kind,
       p.id AS position, p.label AS position_label,
       article, art.title AS article_title, coalesce(first.date, art.date) AS date,
       polarity, size(group) AS statements, first.id AS statement, first.evidence AS evidence
ORDER BY date, article, actor, position, polarity
