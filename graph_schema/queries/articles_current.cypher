// Of the given (id, content hash, publication date) rows, the ids already in the graph with this
// exact text, date and extractor version: those articles need no extraction. One query per batch.
UNWIND $articles AS given
MATCH (a:Article {id: given.id})
WHERE a.content_hash = given.hash AND a.extractor_version = $version
  AND coalesce(a.published_at, '') = coalesce(given.published_at, '')
RETURN a.id AS id
