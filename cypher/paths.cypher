// Simple paths (no actor twice) between two actors, shortest first, then by actor ids, then by
// relation ids. Filters apply to every relation during the search (inside the quantified
// pattern); the simple-path and time-respecting rules compare relations along the whole path,
// so they are checked on each complete path before ordering and LIMIT.
// Time-respecting: each relation starts no earlier than the one before it (rs[i].since >= rs[i-1].since).
// Parameters: $source, $target, $kinds, the reading's parameters (read by the in-reading fragment), $directed, $mutualKinds, $timeRespecting (boolean), $first (integer).
// As in shortest-path.cypher, the adapter replaces the /*@maxHops*/ mark with the validated maxHops.
// The per-relation predicates are evaluated inside VarLengthExpand while it expands; the
// whole-path rules are the Filter above it.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeUniqueIndexSeek, VarLengthExpand(Into), Top.
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = (a)((x)-[r]-(y)
    WHERE ($kinds IS NULL OR type(r) IN $kinds)
      AND /*@in-reading(r)*/
      AND (NOT $directed OR type(r) IN $mutualKinds OR startNode(r) = x)){1,/*@maxHops*/}(b)
WITH nodes(p) AS ns, relationships(p) AS rs
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
  AND (NOT $timeRespecting OR all(i IN range(1, size(rs) - 1) WHERE rs[i].since >= rs[i - 1].since))
WITH [n IN ns | n.id] AS actorIds, rs, [rel IN rs | rel.id] AS relationIds
RETURN actorIds, [rel IN rs | rel {.*, since: toString(rel.since), until: toString(rel.until), kind: type(rel), from: startNode(rel).id, to: endNode(rel).id}] AS relations
ORDER BY size(rs), actorIds, relationIds
LIMIT $first
