// At the end of a run: the claims of articles it did not write (failed) are given up.
MATCH (c:Claim {owner: $owner})
DELETE c
