// stancegraph graph schema: constraints and indexes. Applied by `stancegraph schema apply`,
// one statement at a time; every statement is idempotent (IF NOT EXISTS).
// The data model is described in graph_schema/README.md.

// Identity
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (n:Group) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT position_id IF NOT EXISTS FOR (n:Position) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT position_key IF NOT EXISTS FOR (n:Position) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT attribution_id IF NOT EXISTS FOR (n:Attribution) REQUIRE n.id IS UNIQUE;
// An article being ingested: concurrent runs claim articles so as not to do the same work twice.
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;

// Lookups
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published_at);
CREATE INDEX article_path IF NOT EXISTS FOR (n:Article) ON (n.path);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX state_iso3 IF NOT EXISTS FOR (n:State) ON (n.iso3);
CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date);
CREATE INDEX statement_kind IF NOT EXISTS FOR (n:Statement) ON (n.kind);
CREATE INDEX attribution_date IF NOT EXISTS FOR (n:Attribution) ON (n.date);

// Full-text search ("zelensky" finds Volodymyr Zelenskiy, "kremlin" finds Russia, "tanks" what was
// said about tanks). Positions are searched by label and key (the key names the country where the
// label has its demonym). An index is never redefined in place, so a changed one gets a new name
// and its predecessor is dropped.
CREATE FULLTEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliases];
DROP INDEX position_search IF EXISTS;
CREATE FULLTEXT INDEX position_text IF NOT EXISTS FOR (n:Position) ON EACH [n.label, n.key];
CREATE FULLTEXT INDEX attribution_search IF NOT EXISTS FOR (n:Attribution) ON EACH [n.content];
