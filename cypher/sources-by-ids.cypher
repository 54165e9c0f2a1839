// Sources by id; misses are absent. Parameters: $ids (list of string).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek.
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s {.id, .file, .title, .publisher, .published, .publishedApproximate, .reliability} AS source
