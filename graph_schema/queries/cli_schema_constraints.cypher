// The constraints that exist.
SHOW CONSTRAINTS YIELD name RETURN name
