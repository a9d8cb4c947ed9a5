// A role is one edge per (person, title, of). Each article that states it adds one sighting to the
// parallel lists articles / evidences / starts / ends / days; roles_refresh derives the rest.
// Rows are grouped by edge first: the planner reads every row before it writes any (Eager), so
// two rows of one edge would each append without seeing the other.
UNWIND $roles AS row
WITH row.person AS person_id, row.title AS title, row.of AS of_id, collect(row) AS sightings
MATCH (person:Person {id: person_id}), (of:Actor {id: of_id})
MERGE (person)-[r:HOLDS_ROLE {title: title}]->(of)
  ON CREATE SET r.articles = [], r.evidences = [], r.starts = [], r.ends = [], r.days = []
WITH r, reduce(new = [], s IN sightings |
               CASE WHEN s.article IN r.articles OR any(n IN new WHERE n.article = s.article) THEN new
               ELSE new + s END) AS new
SET r.articles = r.articles + [s IN new | s.article],
    r.evidences = r.evidences + [s IN new | s.evidence],
    r.starts = r.starts + [s IN new | s.start],
    r.ends = r.ends + [s IN new | s.end],
    r.days = r.days + [s IN new | coalesce(toString(s.date), '')]
