UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a
