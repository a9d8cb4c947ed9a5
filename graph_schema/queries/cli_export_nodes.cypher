// `stancegraph export`: every node, its labels and properties; `element` is only for pairing the
// relationships read in the same transaction.
MATCH (n)
RETURN elementId(n) AS element, labels(n) AS labels, properties(n) AS properties
ORDER BY n.id, element
