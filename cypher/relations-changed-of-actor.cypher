// Like relations-changed, but only relations touching one actor.
// Parameters: $actorId, $from, $to (YYYY-MM-DD).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All).
MATCH (a:Actor {id: $actorId})-[r]-(:Actor)
WHERE (r.since >= date($from) AND r.since <= date($to))
   OR (r.until >= date($from) AND r.until <= date($to))
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
