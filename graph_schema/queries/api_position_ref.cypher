// A position's reference, or no row.
MATCH (p:Position {id: $id})
RETURN p {.id, .label} AS position
