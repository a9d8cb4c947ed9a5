// The ids of every person node: cross-article resolution starts from them.
MATCH (p:Person) RETURN p.id AS id
