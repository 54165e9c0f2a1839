// Relations by id, over every relationship type. Each branch seeks that type's id index.
// Parameters: $ids (list of string).
// (On a tiny graph the planner may prefer a relationship index scan for a type; the
// plan test seeds enough relations that it seeks.)
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): Union, DirectedRelationshipUniqueIndexSeek.
UNWIND $ids AS id
CALL {
  WITH id MATCH (x)-[r:FIGHTS {id: id}]->(y) RETURN r, x, y
  UNION
  WITH id MATCH (x)-[r:SUPPORTS {id: id}]->(y) RETURN r, x, y
  UNION
  WITH id MATCH (x)-[r:NEGOTIATES {id: id}]->(y) RETURN r, x, y
  UNION
  WITH id MATCH (x)-[r:MEMBER_OF {id: id}]->(y) RETURN r, x, y
}
RETURN r {.*, since: toString(r.since), until: toString(r.until), kind: type(r), from: x.id, to: y.id} AS relation
