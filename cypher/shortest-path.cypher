// The shortest path between two actors; among several, the smallest by actor ids then relation
// ids (the API's path order). Filters apply to every relation during the search, inside the
// quantified path pattern, so the planner prunes while it expands.
// Parameters: $source, $target (actor ids), $kinds (list or null), the reading's parameters (read by the in-reading fragment), $directed (boolean), $mutualKinds (kinds walked
// both ways when directed).
// The quantifier's upper bound is the one part that cannot be a parameter: the adapter replaces
// the /*@maxHops*/ mark below with the validated integer maxHops (up to
// LIMITS.shortestPathMaxHops), never with client text.
// The reading, kind and direction predicates are evaluated inside ShortestPath while it expands.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, ShortestPath, Top.
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = ALL SHORTEST (a)((x)-[r]-(y)
    WHERE ($kinds IS NULL OR type(r) IN $kinds)
      AND /*@in-reading(r)*/
      AND (NOT $directed OR type(r) IN $mutualKinds OR startNode(r) = x)){1,/*@maxHops*/}(b)
WITH p, [n IN nodes(p) | n.id] AS actorIds, [rel IN relationships(p) | rel.id] AS relationIds
RETURN actorIds, [rel IN relationships(p) | rel {.*, since: toString(rel.since), until: toString(rel.until), kind: type(rel), from: startNode(rel).id, to: endNode(rel).id}] AS relations
ORDER BY actorIds, relationIds
LIMIT 1
