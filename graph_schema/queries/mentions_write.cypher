// Which articles mention which actors, and how often (one row per actor and article).
UNWIND $mentions AS row
MATCH (actor:Actor {id: row.actor}), (article:Article {id: row.article})
MERGE (actor)-[m:MENTIONED_IN]->(article)
SET m.count = row.count
