// GET /graph/neighborhood/{id}: the actor or position the neighborhood is centred on.
OPTIONAL MATCH (a:Actor {id: $id})
OPTIONAL MATCH (p:Position {id: $id})
WITH coalesce(a, p) AS n
WHERE n IS NOT NULL
RETURN elementId(n) AS element_id, n.id AS id, coalesce(n.name, n.label) AS label,
       CASE WHEN n:Position THEN 'position' ELSE 'actor' END AS type, n.kind AS kind
