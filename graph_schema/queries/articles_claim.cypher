// Of the given (id, content hash, publication date) rows, which need writing and which this run ($owner) may
// write. 'current': in the graph with this exact text, date and extractor version (never with $force;
// a date found since, by a sidecar or --date, rewrites the article's dated statements);
// 'claimed': claimed for this run for $lease seconds; 'busy': claimed by another run whose claim
// still holds. Concurrent ingests of the same articles so share the work instead of doing it
// twice; the claim of a run that died lapses. One query per batch of articles.
UNWIND $articles AS given
OPTIONAL MATCH (a:Article {id: given.id})
WITH given, NOT $force AND a IS NOT NULL AND a.content_hash = given.hash
            AND a.extractor_version = $version
            AND coalesce(a.published_at, '') = coalesce(given.published_at, '') AS current
CALL (given, current) {
  WITH given WHERE NOT current
  MERGE (c:Claim {id: given.id})
    ON CREATE SET c.owner = $owner
  WITH c WHERE c.owner = $owner OR c.until < datetime()
  SET c.owner = $owner, c.until = datetime() + duration({seconds: $lease})
  RETURN count(c) = 1 AS mine
}
RETURN given.id AS id, CASE WHEN current THEN 'current' WHEN mine THEN 'claimed' ELSE 'busy' END AS status
