// GET /positions/{id}: the position and, per actor who spoke about it, the polarity of its latest
// statement, its count, first/last seen, whether it changed, and its latest three statements.
MATCH (p:Position {id: $id})
CALL (p) {
  OPTIONAL MATCH (a:Actor)-[:MADE]->(s:Statement)-[:ABOUT]->(p)
  OPTIONAL MATCH (s)-[:IN]->(art:Article)
  WITH a, s, art ORDER BY s.date IS NOT NULL, s.date, art.published_at, art.id, s.start
  WITH a, collect({s: s, art: art}) AS ss WHERE a IS NOT NULL
  WITH a, ss, [x IN ss | x.s.polarity] AS pols, [x IN ss WHERE x.s.date IS NOT NULL | x.s.date] AS dates
  RETURN collect({
    actor: a {.id, .name, .kind},
    polarity: pols[-1],
    statements: size(ss),
    first_seen: dates[0],
    last_seen: dates[-1],
    changed: any(x IN pols WHERE x <> pols[0]),
    evidence: [x IN reverse(ss)[0..3] | {statement: x.s.id, kind: x.s.kind, polarity: x.s.polarity,
               modality: x.s.modality, evidence: x.s.evidence, date: x.s.date,
               article: {id: x.art.id, title: x.art.title, url: x.art.url,
                         source: x.art.source, date: x.art.date}}]
  }) AS stances
}
RETURN p {.id, .label, .key} AS position, stances
