// After an article is replaced: positions nobody speaks about and actors with no link left go.
UNWIND $pairs AS pair
OPTIONAL MATCH (p:Position {id: pair.position}) WHERE NOT ()-[:ABOUT]->(p)
DETACH DELETE p
WITH DISTINCT pair
OPTIONAL MATCH (a:Actor {id: pair.actor}) WHERE NOT (a)--()
DELETE a
