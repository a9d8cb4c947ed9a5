// A role is one edge per (person, title, of). Each article that states it adds a sighting to the
// parallel lists articles / evidences / starts / ends / days; roles_refresh derives the rest.
UNWIND $roles AS row
MATCH (person:Person {id: row.person}), (of:Actor {id: row.of})
MERGE (person)-[r:HOLDS_ROLE {title: row.title}]->(of)
  ON CREATE SET r.articles = [], r.evidences = [], r.starts = [], r.ends = [], r.days = []
WITH r, row
WHERE NOT $article_id IN r.articles
SET r.articles = r.articles + $article_id,
    r.evidences = r.evidences + row.evidence,
    r.starts = r.starts + row.start,
    r.ends = r.ends + row.end,
    r.days = r.days + coalesce(toString(row.date), '')
