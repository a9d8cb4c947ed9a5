// One node per real-world actor across articles; aliases accumulate.
UNWIND $actors AS row
MERGE (actor:Actor {id: row.id})
  ON CREATE SET actor.name = row.name, actor.kind = row.kind, actor.aliases = []
SET actor:$(row.label),
    actor.iso3 = coalesce(actor.iso3, row.iso3),
    actor.aliases = reduce(acc = actor.aliases, x IN [row.name] + row.aliases |
                           CASE WHEN x IN acc OR x = actor.name THEN acc ELSE acc + x END)
WITH actor, row
MATCH (article:Article {id: $article_id})
MERGE (actor)-[m:MENTIONED_IN]->(article)
SET m.count = row.mentions
