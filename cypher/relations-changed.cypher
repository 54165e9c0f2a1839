// Relations that began or ended between two dates (inclusive), oldest first.
// Parameters: $changedFrom, $changedTo (YYYY-MM-DD: the span, both ends included; not a window, whose
// condition is "active", not "began or ended").
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeByLabelScan, Expand(All).
MATCH (x:Actor)-[r]->(y:Actor)
WHERE (r.since >= date($changedFrom) AND r.since <= date($changedTo))
   OR (r.until >= date($changedFrom) AND r.until <= date($changedTo))
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id} AS relation
ORDER BY r.since, r.id
