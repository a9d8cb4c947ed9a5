// A role is one edge per (person, title, of); `articles` lists where it was seen.
UNWIND $roles AS row
MATCH (person:Person {id: row.person}), (of:Actor {id: row.of})
MERGE (person)-[r:HOLDS_ROLE {title: row.title}]->(of)
  ON CREATE SET r.articles = [], r.first_seen = row.date, r.last_seen = row.date
SET r.articles = CASE WHEN $article_id IN r.articles THEN r.articles ELSE r.articles + $article_id END,
    r.first_seen = CASE WHEN row.date IS NOT NULL AND (r.first_seen IS NULL OR row.date < r.first_seen)
                        THEN row.date ELSE r.first_seen END,
    r.last_seen = CASE WHEN row.date IS NOT NULL AND (r.last_seen IS NULL OR row.date >= r.last_seen)
                       THEN row.date ELSE r.last_seen END,
    r.evidence = row.evidence, r.start = row.start, r.end = row.end, r.article = $article_id
