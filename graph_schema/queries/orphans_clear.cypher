// After articles are replaced: positions nobody speaks about and actors with no link left go.
CALL () {
  UNWIND $positions AS id
  MATCH (p:Position {id: id}) WHERE NOT ()-[:ABOUT]->(p)
  DETACH DELETE p
}
CALL () {
  UNWIND $actors AS id
  MATCH (a:Actor {id: id}) WHERE NOT (a)--()
  DELETE a
}
