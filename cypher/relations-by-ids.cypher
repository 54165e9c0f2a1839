// Relations by id, over every relationship type. Each branch seeks that type's id index.
// Parameters: $ids (list of string).
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
RETURN r {.*, kind: type(r), from: x.id, to: y.id} AS relation
