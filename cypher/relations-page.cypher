// Relations in (since, id) order that pass the filters, after a keyset position.
// Parameters: $kinds (list or null), $from and $to (YYYY-MM-DD or null), $afterSince and
// $afterId (the last position returned, or null), $limit (integer).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeByLabelScan, Expand(All), Top.
MATCH (x:Actor)-[r]->(y:Actor)
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND ($to IS NULL OR r.since <= date($to))
  AND ($from IS NULL OR r.until IS NULL OR r.until >= date($from))
  AND ($afterSince IS NULL OR r.since > date($afterSince) OR (r.since = date($afterSince) AND r.id > $afterId))
RETURN r {.*, kind: type(r), from: x.id, to: y.id} AS relation
ORDER BY r.since, r.id
LIMIT $limit
