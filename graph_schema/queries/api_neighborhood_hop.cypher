// One hop out of the frontier (element ids) over stance and role edges, the heaviest edges first.
UNWIND $frontier AS element_id
MATCH (n) WHERE elementId(n) = element_id
MATCH (n)-[r:SUPPORTS|OPPOSES|UNDECIDED_ON|HOLDS_ROLE]-(m)
WHERE m:Actor OR m:Position
RETURN elementId(r) AS element_id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target,
       r.statements AS statements, r.title AS title, r.first_seen AS first_seen, r.last_seen AS last_seen,
       {element_id: elementId(m), id: m.id, label: coalesce(m.name, m.label),
        type: CASE WHEN m:Position THEN 'position' ELSE 'actor' END, kind: m.kind} AS node
ORDER BY coalesce(r.statements, 1) DESC, node.label, element_id
LIMIT $limit
