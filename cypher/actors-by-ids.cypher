// Actors by id; an id merged into another actor resolves to that actor; misses are absent (the
// adapter restores input order). Parameters: $ids (list of string).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek.
UNWIND $ids AS id
OPTIONAL MATCH (direct:Actor {id: id})
OPTIONAL MATCH (:MergedActor {id: id})-[:MERGED_INTO]->(survivor:Actor)
WITH id, coalesce(direct, survivor) AS a
WHERE a IS NOT NULL
RETURN id AS asked, a {.id, .name, .kind, .aliases, .description} AS actor
