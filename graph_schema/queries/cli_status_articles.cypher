// `stancegraph status`: the articles in the graph and when the latest was written.
MATCH (a:Article)
RETURN count(a) AS articles, max(a.ingested_at) AS last_ingest
