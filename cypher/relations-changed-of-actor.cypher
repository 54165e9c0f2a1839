// Like relations-changed, but only relations touching one actor.
// Parameters: $actorId, $changedFrom, $changedTo (YYYY-MM-DD, as in relations-changed).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All).
MATCH (a:Actor {id: $actorId})-[r]-(:Actor)
WHERE (r.since >= date($changedFrom) AND r.since <= date($changedTo))
   OR (r.until >= date($changedFrom) AND r.until <= date($changedTo))
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
