MERGE (a:Article {id: $article.id})
SET a += $article, a.ingested_at = datetime()
