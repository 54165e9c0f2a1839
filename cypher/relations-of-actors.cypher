// Relations touching each actor that pass one filter, oldest first per actor.
// Parameters: $ids (list of actor ids), $kinds (list of kind names or null), the reading's parameters (read by the in-reading fragment), $direction ('OUTGOING' |
// 'INCOMING' | 'ANY'), $mutualKinds (the kinds that count both ways).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Expand(All).
UNWIND $ids AS actorId
MATCH (a:Actor {id: actorId})-[r]-(other:Actor)
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND /*@in-reading(r)*/
  AND ($direction = 'ANY' OR type(r) IN $mutualKinds OR (startNode(r) = a) = ($direction = 'OUTGOING'))
RETURN actorId, r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
