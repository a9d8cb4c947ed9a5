// GET /actors/{id}/statements: the actor's statements in time order ($sort 'date'; '-date' the
// newest first; undated last either way), each with its evidence, position, article, target and
// represented actor. A page and the total.
MATCH (a:Actor {id: $id})-[:MADE]->(s:Statement)-[:ABOUT]->(p:Position)
WHERE ($since IS NULL OR s.date >= $since) AND ($until IS NULL OR s.date <= $until)
MATCH (s)-[:IN]->(art:Article)
WITH a, s, p, art ORDER BY s.date IS NULL, CASE $sort WHEN '-date' THEN s.date END DESC, s.date,
                           art.published_at, art.id, s.start
WITH collect({
  id: s.id, actor: a {.id, .name, .kind}, kind: s.kind, polarity: s.polarity, modality: s.modality,
  confidence: s.confidence, plover: s.plover, cameo: s.cameo, evidence: s.evidence,
  start: s.start, end: s.end, date: s.date, position: p {.id, .label},
  article: art {.id, .title, .url, .source, .date},
  target: head([(s)-[:TARGETS]->(t:Actor) | t {.id, .name, .kind}]),
  on_behalf_of: head([(s)-[:ON_BEHALF_OF]->(b:Actor) | b {.id, .name, .kind}])
}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
