UNWIND $positions AS row
MERGE (p:Position {key: row.key})
  ON CREATE SET p.id = row.id, p.label = row.label
