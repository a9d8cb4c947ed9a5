// `stancegraph export`: every relationship, its type and properties, between the elements of
// cli_export_nodes read in the same transaction.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, properties(r) AS properties
ORDER BY source, type, target
