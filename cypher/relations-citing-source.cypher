// The ids of the relations that cite one source, whose evidence a regrading changes.
// Parameters: $id (a source id).
MATCH (c:Citation)-[:FROM_SOURCE]->(:Source {id: $id})
RETURN DISTINCT c.relationId AS id
ORDER BY id
