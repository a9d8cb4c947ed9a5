UNWIND $articles AS row
MERGE (a:Article {id: row.id})
SET a += row, a.ingested_at = datetime()
