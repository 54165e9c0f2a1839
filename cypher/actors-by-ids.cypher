// Actors by id; misses are simply absent (the adapter restores input order).
// Parameters: $ids (list of string).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a {.id, .name, .kind, .aliases, .description} AS actor
