// An actor's reference, or no row.
MATCH (a:Actor {id: $id})
RETURN a {.id, .name, .kind} AS actor
