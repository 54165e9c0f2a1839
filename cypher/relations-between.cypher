// Every relation between two actors, either direction, that passes the reading, oldest first.
// Parameters: $a, $b (actor ids), $kinds (list or null), the reading's parameters (read by the
// in-reading fragment).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(Into).
MATCH (a:Actor {id: $a})-[r]-(b:Actor {id: $b})
WHERE ($kinds IS NULL OR type(r) IN $kinds) AND /*@in-reading(r)*/
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
