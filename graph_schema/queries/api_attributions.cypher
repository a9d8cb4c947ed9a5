// The attributions with the ids $ids, in that order: who said it (the source actor, or the words
// naming an unnamed source), cue, content and their offsets, the article, and the stances it states.
UNWIND range(0, size($ids) - 1) AS n
MATCH (q:Attribution {id: $ids[n]})-[:IN]->(art:Article)
RETURN q {.id, .type, .cue, .content, .source_text, .start, .end, .date,
          cue_span: [q.cue_start, q.cue_end],
          content_spans: [i IN range(0, size(q.content_starts) - 1) | [q.content_starts[i], q.content_ends[i]]],
          source_span: CASE WHEN q.source_start IS NULL THEN null ELSE [q.source_start, q.source_end] END,
          source: head([(a:Actor)-[:SAID]->(q) | a {.id, .name, .kind}]),
          article: art {.id, .title, .url, .source, .date},
          stances: COLLECT { MATCH (actor:Actor)-[:MADE]->(s:Statement)-[:FROM]->(q), (s)-[:ABOUT]->(p:Position)
                             RETURN {id: s.id, actor: actor {.id, .name, .kind}, kind: s.kind, polarity: s.polarity,
                                     modality: s.modality, position: p {.id, .label}}
                             ORDER BY s.start, s.id }} AS attribution
ORDER BY n
