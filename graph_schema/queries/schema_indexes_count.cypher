// How many indexes exist that no constraint owns.
SHOW INDEXES YIELD name, owningConstraint WHERE owningConstraint IS NULL RETURN count(*) AS n
