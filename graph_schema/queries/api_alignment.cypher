// GET /alignment: per position both actors made statements about (within the dates), the sign
// of each one's net polarity, their statement counts, and the statements themselves in time order
// (undated last), with their evidence and article: what the score rests on.
MATCH (:Actor {id: $a})-[:MADE]->(sa:Statement)-[:ABOUT]->(p:Position)
WHERE ($since IS NULL OR sa.date >= $since) AND ($until IS NULL OR sa.date <= $until)
MATCH (sa)-[:IN]->(arta:Article)
WITH p, sa, arta ORDER BY sa.date IS NULL, sa.date, arta.id, sa.start
WITH p, sum(sa.polarity) AS net_a, collect({statement: sa.id, kind: sa.kind, polarity: sa.polarity,
     modality: sa.modality, evidence: sa.evidence, date: sa.date,
     article: arta {.id, .title, .url, .source, .date}}) AS said_a
MATCH (:Actor {id: $b})-[:MADE]->(sb:Statement)-[:ABOUT]->(p)
WHERE ($since IS NULL OR sb.date >= $since) AND ($until IS NULL OR sb.date <= $until)
MATCH (sb)-[:IN]->(artb:Article)
WITH p, net_a, said_a, sb, artb ORDER BY sb.date IS NULL, sb.date, artb.id, sb.start
WITH p, net_a, said_a, sum(sb.polarity) AS net_b, collect({statement: sb.id, kind: sb.kind,
     polarity: sb.polarity, modality: sb.modality, evidence: sb.evidence, date: sb.date,
     article: artb {.id, .title, .url, .source, .date}}) AS said_b
RETURN p {.id, .label} AS position, sign(net_a) AS a_polarity, sign(net_b) AS b_polarity,
       size(said_a) AS a_statements, size(said_b) AS b_statements, said_a AS a_evidence, said_b AS b_evidence
ORDER BY p.label, p.id
