// Citations of many relations, with their source article.
// Parameters: $ids (list of relation ids). Expected plan: NodeIndexSeek on citation_relation.
MATCH (c:Citation)-[:FROM_SOURCE]->(s:Source)
WHERE c.relationId IN $ids
RETURN c {.id, .relationId, .claimant, .claimantActorId,
          sourceId: s.id, title: s.title, publisher: s.publisher, published: s.published,
          publishedApproximate: s.publishedApproximate} AS citation
ORDER BY c.id
