// Citations of many relations, with their source article.
// Parameters: $ids (list of relation ids).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeIndexSeek, Expand(All).
MATCH (c:Citation)-[:FROM_SOURCE]->(s:Source)
WHERE c.relationId IN $ids
RETURN c {.id, .relationId, .claimant, .claimantActorId, .locator, .stance, .credibility,
          sourceId: s.id, title: s.title, publisher: s.publisher, published: s.published,
          publishedApproximate: s.publishedApproximate} AS citation
ORDER BY c.id
