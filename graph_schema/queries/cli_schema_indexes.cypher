// The indexes that exist (those owned by constraints too) and whether each is ready.
SHOW INDEXES YIELD name, state RETURN name, state
