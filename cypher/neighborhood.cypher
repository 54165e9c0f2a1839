// The actors within a number of hops of one actor, walking relations in either direction that pass
// the filters, and every passing relation among them: the whole neighbourhood in one round trip.
// The reach is a breadth-first expansion that visits each actor once (a pruning var-length
// expand); the relations among the reached actors are then read from each actor's outgoing side,
// so each is found once. Order is left to the caller.
// Parameters: $actorId, $kinds (list or null), $from and $to (YYYY-MM-DD or null).
// The hop bound is the one part that cannot be a parameter: the adapter replaces the `3` of
// `*0..3` below with the validated integer hops (1 to 3), never with client text.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, VarLengthExpand(Pruning,BFS,All), RollUpApply.
MATCH (a:Actor {id: $actorId})
MATCH (a)-[rs*0..3]-(b:Actor)
WHERE all(r IN rs WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND ($to IS NULL OR r.since <= date($to))
  AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from)))
WITH DISTINCT b
WITH collect(b) AS nodes
RETURN [n IN nodes | n.id] AS actorIds,
  COLLECT {
    UNWIND nodes AS x
    MATCH (x)-[r]->(y:Actor)
    WHERE y IN nodes
      AND ($kinds IS NULL OR type(r) IN $kinds)
      AND ($to IS NULL OR r.since <= date($to))
      AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from))
    RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id}
  } AS relations
