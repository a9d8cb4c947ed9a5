// How many constraints exist (SHOW cannot run inside a CALL subquery: one query per count).
SHOW CONSTRAINTS YIELD name RETURN count(*) AS n
