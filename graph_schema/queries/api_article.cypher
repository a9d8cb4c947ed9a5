// GET /articles/{id}: the article with its text, the actors it mentions, the roles it states, its
// statements (their offsets index into the text) and the ids of its attributions in text order
// (api_attributions reads them).
MATCH (art:Article {id: $id})
RETURN art {.id, .title, .source, .path, .url, .published_at, .date, .words, .ingested_at, .text} AS article,
       COLLECT { MATCH (a:Actor)-[m:MENTIONED_IN]->(art)
                 RETURN a {.id, .name, .kind, count: m.count} ORDER BY m.count DESC, a.name } AS actors,
       COLLECT { MATCH (person:Person)-[:MENTIONED_IN]->(art)
                 MATCH (person)-[r:HOLDS_ROLE]->(of:Actor) WHERE $id IN r.articles
                 RETURN {person: person {.id, .name, .kind}, title: r.title, of: of {.id, .name, .kind}}
                 ORDER BY person.name, r.title } AS roles,
       COLLECT { MATCH (a:Actor)-[:MADE]->(s:Statement)-[:IN]->(art), (s)-[:ABOUT]->(p:Position)
                 RETURN {id: s.id, actor: a {.id, .name, .kind}, kind: s.kind, polarity: s.polarity,
                         modality: s.modality, confidence: s.confidence, plover: s.plover, cameo: s.cameo,
                         evidence: s.evidence, start: s.start, end: s.end, date: s.date,
                         position: p {.id, .label}, article: art {.id, .title, .url, .source, .date},
                         target: head([(s)-[:TARGETS]->(t:Actor) | t {.id, .name, .kind}]),
                         on_behalf_of: head([(s)-[:ON_BEHALF_OF]->(b:Actor) | b {.id, .name, .kind}])}
                 ORDER BY s.start, s.id } AS statements,
       COLLECT { MATCH (q:Attribution)-[:IN]->(art) RETURN q.id ORDER BY q.start, q.id } AS attributions
