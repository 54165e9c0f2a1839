// The actors within a number of hops of one actor, walking relations in either direction that pass
// the filters, and every passing relation among them: the whole neighbourhood in one round trip.
// The reach is a breadth-first expansion that visits each actor once (a pruning var-length
// expand); the relations among the reached actors are then read from each actor's outgoing side,
// so each is found once. Order is left to the caller.
// Parameters: $actorId, $kinds (list or null), the reading's parameters (read by the in-reading fragment).
// The hop bound is the one part that cannot be a parameter: the adapter replaces the /*@hops*/ mark
// below with the validated integer hops (up to LIMITS.neighborhoodHops), never with client text.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, VarLengthExpand(Pruning,BFS,All), RollUpApply.
MATCH (a:Actor {id: $actorId})
MATCH (a)-[rs*0../*@hops*/]-(b:Actor)
WHERE all(r IN rs WHERE ($kinds IS NULL OR type(r) IN $kinds) AND /*@in-reading(r)*/)
WITH DISTINCT b
WITH collect(b) AS nodes
RETURN [n IN nodes | n.id] AS actorIds,
  COLLECT {
    UNWIND nodes AS x
    MATCH (x)-[r]->(y:Actor)
    WHERE y IN nodes
      AND ($kinds IS NULL OR type(r) IN $kinds)
      AND /*@in-reading(r)*/
    RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id}
  } AS relations
