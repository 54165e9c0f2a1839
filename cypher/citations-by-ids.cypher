// Citations by id, with their source; misses are absent. Parameters: $ids (list of string).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All).
UNWIND $ids AS id
MATCH (c:Citation {id: id})-[:FROM_SOURCE]->(s:Source)
RETURN c {.id, .relationId, .claimant, .claimantActorId, .locator, .stance, .credibility,
          sourceId: s.id, title: s.title, publisher: s.publisher, published: s.published,
          publishedApproximate: s.publishedApproximate} AS citation
