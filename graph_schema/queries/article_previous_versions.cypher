// Earlier versions of a file read again after an edit: same path, another text, hence another id.
MATCH (old:Article {path: $path})
WHERE old.id <> $article_id
RETURN old.id AS id
