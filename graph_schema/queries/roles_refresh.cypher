// For the roles of these people: drop roles no article states any more; otherwise derive
// first_seen / last_seen and the latest sighting's evidence, offsets and article.
UNWIND $people AS person_id
MATCH (:Person {id: person_id})-[r:HOLDS_ROLE]->()
WITH r, size(r.articles) = 0 AS stale
CALL (r, stale) {
  WITH r WHERE stale
  DELETE r
}
WITH r, stale WHERE NOT stale
WITH r, [d IN r.days WHERE d <> ''] AS known,
     reduce(last = 0, i IN range(0, size(r.days) - 1) | CASE WHEN r.days[i] >= r.days[last] THEN i ELSE last END) AS last
SET r.article = r.articles[last],
    r.evidence = r.evidences[last],
    r.start = r.starts[last],
    r.end = r.ends[last],
    r.first_seen = CASE WHEN size(known) = 0 THEN null
                   ELSE date(reduce(m = known[0], d IN known | CASE WHEN d < m THEN d ELSE m END)) END,
    r.last_seen = CASE WHEN size(known) = 0 THEN null
                  ELSE date(reduce(m = known[0], d IN known | CASE WHEN d > m THEN d ELSE m END)) END
