// Earlier versions of files read again after an edit: the same path, another text, hence another
// id. Articles of the batch being written are never earlier versions of one another.
UNWIND $paths AS path
MATCH (old:Article {path: path})
WHERE NOT old.id IN $ids
RETURN DISTINCT old.id AS id
