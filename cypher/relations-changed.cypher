// Relations with a change date between two dates (inclusive) that pass the evidence filter, oldest
// first (the changed-in-span fragment says what a change date is).
// Parameters: those of the changed-in-span fragment ($changedFrom, $changedTo: the span, not a
// window, whose condition is "active", not "changed"; $openEnd) and of the has-evidence fragment.
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): NodeByLabelScan, Expand(All).
MATCH (x:Actor)-[r]->(y:Actor)
WHERE /*@changed-in-span(r)*/ AND /*@has-evidence(r)*/
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id} AS relation
ORDER BY r.since, r.id
