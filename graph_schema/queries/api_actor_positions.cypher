// GET /actors/{id}/positions: per position the actor spoke about (statements dated within
// [$since, $until]; undated ones only without a filter): latest polarity, net polarity, kinds,
// count, first/last seen, the latest statement with its article, and whether the polarity changed.
// Optionally only positions whose latest polarity is $polarity. Ordered by $sort: recent (the most
// recently seen first), statements, first_seen (the oldest first) or label. A page and the total.
MATCH (:Actor {id: $id})-[:MADE]->(s:Statement)-[:ABOUT]->(p:Position)
WHERE ($since IS NULL OR s.date >= $since) AND ($until IS NULL OR s.date <= $until)
MATCH (s)-[:IN]->(art:Article)
WITH p, s, art ORDER BY s.date IS NOT NULL, s.date, art.published_at, art.id, s.start
WITH p, collect(s) AS ss, last(collect(art)) AS art
WITH p, ss, art, last(ss) AS latest, [x IN ss WHERE x.date IS NOT NULL | x.date] AS dates,
     [x IN ss | x.polarity] AS pols
WHERE $polarity IS NULL OR latest.polarity = $polarity
WITH p, ss, art, latest, dates, pols
ORDER BY CASE $sort WHEN 'statements' THEN size(ss) END DESC,
         CASE $sort WHEN 'first_seen' THEN dates[0] IS NULL END, CASE $sort WHEN 'first_seen' THEN dates[0] END,
         CASE $sort WHEN 'label' THEN p.label END,
         dates[-1] IS NULL, dates[-1] DESC, size(ss) DESC, p.label
WITH collect({
  position: p {.id, .label},
  polarity: latest.polarity,
  net_polarity: sign(reduce(t = 0, x IN pols | t + x)),
  polarities: reduce(acc = [], x IN pols | CASE WHEN x IN acc THEN acc ELSE acc + x END),
  kinds: reduce(acc = [], x IN ss | CASE WHEN x.kind IN acc THEN acc ELSE acc + x.kind END),
  statements: size(ss),
  first_seen: dates[0],
  last_seen: dates[-1],
  changed: any(x IN pols WHERE x <> pols[0]),
  latest: {statement: latest.id, kind: latest.kind, polarity: latest.polarity, modality: latest.modality,
           evidence: latest.evidence, date: latest.date,
           article: art {.id, .title, .url, .source, .date}}
}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
