// Like relations-page, but only relations touching one actor (either side).
// Parameters: $actorId, $kinds, the reading's parameters (read by the in-reading fragment), $afterSince and $afterId (the last position returned, or null), $limit.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All), Top.
MATCH (a:Actor {id: $actorId})-[r]-(:Actor)
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND /*@in-reading(r)*/
  AND ($afterSince IS NULL OR r.since > date($afterSince) OR (r.since = date($afterSince) AND r.id > $afterId))
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
LIMIT $limit
