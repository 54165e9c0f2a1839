// Relations that began or ended between two dates (inclusive), oldest first.
// Parameters: $from, $to (YYYY-MM-DD).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeByLabelScan, Expand(All).
MATCH (x:Actor)-[r]->(y:Actor)
WHERE (r.since >= date($from) AND r.since <= date($to))
   OR (r.until >= date($from) AND r.until <= date($to))
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id} AS relation
ORDER BY r.since, r.id
