// Relations in (since, id) order that pass the filters, after a keyset position.
// One branch per relationship type, each walking that type's `since` index in order and stopping
// after $limit rows, so a page costs about $limit index entries per type, not a scan of the graph
// (tests/unit/cypher-files.test.ts checks that every relation kind has its branch).
// Parameters: $kinds (list or null), the reading's parameters (read by the in-reading fragment), $seekSinceMin and $seekSinceMax (the range of each kind's `since`
// index to walk: from the keyset position or the earliest date to the window's end or the latest
// date; never null, so the planner can seek; `seekSince` in statements.ts makes them), $afterSince
// and $afterId (the last position returned, or null), $limit (integer).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): DirectedRelationshipIndexSeekByRange, PartialTop, Union, Top.
CALL () {
  WITH $kinds AS kinds WHERE kinds IS NULL OR 'FIGHTS' IN kinds
  MATCH (x:Actor)-[r:FIGHTS]->(y:Actor)
  WHERE date($seekSinceMin) <= r.since <= date($seekSinceMax)
    AND /*@in-reading(r)*/
    AND ($afterSince IS NULL OR r.since > date($afterSince) OR r.id > $afterId)
  RETURN r, x, y ORDER BY r.since, r.id LIMIT $limit
  UNION ALL
  WITH $kinds AS kinds WHERE kinds IS NULL OR 'SUPPORTS' IN kinds
  MATCH (x:Actor)-[r:SUPPORTS]->(y:Actor)
  WHERE date($seekSinceMin) <= r.since <= date($seekSinceMax)
    AND /*@in-reading(r)*/
    AND ($afterSince IS NULL OR r.since > date($afterSince) OR r.id > $afterId)
  RETURN r, x, y ORDER BY r.since, r.id LIMIT $limit
  UNION ALL
  WITH $kinds AS kinds WHERE kinds IS NULL OR 'NEGOTIATES' IN kinds
  MATCH (x:Actor)-[r:NEGOTIATES]->(y:Actor)
  WHERE date($seekSinceMin) <= r.since <= date($seekSinceMax)
    AND /*@in-reading(r)*/
    AND ($afterSince IS NULL OR r.since > date($afterSince) OR r.id > $afterId)
  RETURN r, x, y ORDER BY r.since, r.id LIMIT $limit
  UNION ALL
  WITH $kinds AS kinds WHERE kinds IS NULL OR 'MEMBER_OF' IN kinds
  MATCH (x:Actor)-[r:MEMBER_OF]->(y:Actor)
  WHERE date($seekSinceMin) <= r.since <= date($seekSinceMax)
    AND /*@in-reading(r)*/
    AND ($afterSince IS NULL OR r.since > date($afterSince) OR r.id > $afterId)
  RETURN r, x, y ORDER BY r.since, r.id LIMIT $limit
}
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id} AS relation
ORDER BY r.since, r.id
LIMIT $limit
