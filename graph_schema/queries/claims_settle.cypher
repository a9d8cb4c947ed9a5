// After a batch is written, inside its transaction: the claims of the articles written go, the
// rest of this run's claims are extended (a run that stops extending them has died).
MATCH (c:Claim {owner: $owner})
SET c.until = datetime() + duration({seconds: $lease})
WITH c WHERE c.id IN $written
DELETE c
