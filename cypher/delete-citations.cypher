// Parameters: $ids (citation ids).
MATCH (c:Citation)
WHERE c.id IN $ids
DETACH DELETE c
