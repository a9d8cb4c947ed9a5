// Every node and relationship removed, schema kept (benchmarks and tests). CALL … IN TRANSACTIONS
// needs an auto-commit transaction (session.run), not a managed one.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
