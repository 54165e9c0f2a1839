// Simple paths (no actor twice) between two actors, shortest first, then by actor ids, then by
// relation ids. Every rule is applied while the search expands, so a partial path that breaks one
// is dropped at once instead of being extended and thrown away at the end:
// - the filters on each relation, inside the quantified pattern;
// - the simple-path rule (an actor reached is not one the path already holds, the start included)
//   and the time-respecting rule (each relation starts no earlier than the one before it:
//   rs[i].since >= rs[i-1].since), as `allReduce` terms over the pattern's group variables, which
//   Cypher 25 evaluates after each step of the expansion (hence `CYPHER 25`).
// Parameters: $source, $target, $kinds, the reading's parameters (read by the in-reading fragment), $directed, $mutualKinds, $timeRespecting (boolean), $first (integer).
// As in shortest-path.cypher, the adapter replaces the /*@maxHops*/ mark with the validated maxHops.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, Repeat(All, Trail), Top.
CYPHER 25
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = (a)((x)-[r]-(y)
    WHERE ($kinds IS NULL OR type(r) IN $kinds)
      AND /*@in-reading(r)*/
      AND (NOT $directed OR type(r) IN $mutualKinds OR startNode(r) = x)){1,/*@maxHops*/}(b)
WHERE allReduce(seen = {ids: [$source], ok: true}, n IN y | {ids: seen.ids + n.id, ok: NOT n.id IN seen.ids}, seen.ok)
  AND allReduce(last = {since: null, ok: true}, rel IN r |
        {since: rel.since, ok: NOT $timeRespecting OR last.since IS NULL OR rel.since >= last.since}, last.ok)
WITH [n IN nodes(p) | n.id] AS actorIds, relationships(p) AS rs
WITH actorIds, rs, [rel IN rs | rel.id] AS relationIds
RETURN actorIds, [rel IN rs | rel {.*, since: toString(rel.since), until: toString(rel.until), kind: type(rel), from: startNode(rel).id, to: endNode(rel).id}] AS relations
ORDER BY size(rs), actorIds, relationIds
LIMIT $first
