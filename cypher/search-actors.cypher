// One page of actors by id, matching folded names and aliases and kinds.
// Parameters: $search (folded text or null), $kinds (list or null), $afterId (string or null),
// $limit (integer: page size + 1, to tell whether more follow).
// The optional filters (`$x IS NULL OR ...`) keep the text index out of the plan: a label scan
// with a Top, fine for tens of thousands of actors.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeByLabelScan, Top.
MATCH (a:Actor)
WHERE ($afterId IS NULL OR a.id > $afterId)
  AND ($kinds IS NULL OR a.kind IN $kinds)
  AND ($search IS NULL OR a.searchText CONTAINS $search)
RETURN a {.id, .name, .kind, .aliases, .description} AS actor
ORDER BY a.id
LIMIT $limit
