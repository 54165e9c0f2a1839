// Like relations-changed, but only relations touching one actor.
// Parameters: $actorId, and those of the changed-in-span and has-evidence fragments.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All).
MATCH (a:Actor {id: $actorId})-[r]-(:Actor)
WHERE /*@changed-in-span(r)*/ AND /*@has-evidence(r)*/
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
