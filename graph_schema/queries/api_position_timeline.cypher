// GET /positions/{id}/timeline: every statement on the position in time order (undated last).
MATCH (a:Actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p:Position {id: $id})
WHERE ($since IS NULL OR s.date >= $since) AND ($until IS NULL OR s.date <= $until)
MATCH (s)-[:IN]->(art:Article)
WITH a, s, p, art ORDER BY s.date IS NULL, s.date, art.published_at, art.id, s.start
RETURN s.id AS id, a {.id, .name, .kind} AS actor, s.kind AS kind, s.polarity AS polarity,
       s.modality AS modality, s.confidence AS confidence, s.plover AS plover, s.cameo AS cameo,
       s.evidence AS evidence, s.start AS start, s.end AS end, s.date AS date,
       p {.id, .label} AS position, art {.id, .title, .url, .source, .date} AS article,
       head([(s)-[:TARGETS]->(t:Actor) | t {.id, .name, .kind}]) AS target,
       head([(s)-[:ON_BEHALF_OF]->(b:Actor) | b {.id, .name, .kind}]) AS on_behalf_of
