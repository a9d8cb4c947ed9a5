// One node per real-world actor across articles; aliases accumulate. One row per actor of the
// batch, its names in the order the batch's articles give them.
UNWIND $actors AS row
MERGE (actor:Actor {id: row.id})
  ON CREATE SET actor.name = row.name, actor.kind = row.kind, actor.aliases = []
SET actor:$(row.label),
    actor.iso3 = coalesce(actor.iso3, row.iso3),
    actor.aliases = reduce(acc = actor.aliases, x IN [row.name] + row.aliases |
                           CASE WHEN x IN acc OR x = actor.name THEN acc ELSE acc + x END)
