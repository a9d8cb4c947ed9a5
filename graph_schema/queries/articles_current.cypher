// Of the given (id, content hash) pairs, the ids already in the graph with this exact text and
// extractor version: those articles need no extraction. One query per batch of articles.
UNWIND $articles AS given
MATCH (a:Article {id: given.id})
WHERE a.content_hash = given.hash AND a.extractor_version = $version
RETURN a.id AS id
