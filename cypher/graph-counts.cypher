// Counts of what the graph holds, printed by `npm run seed` and compared by tests.
// Parameters: none.
MATCH (a:Actor)
WITH count(a) AS actors
OPTIONAL MATCH (:Actor)-[r]->(:Actor)
WITH actors, count(r) AS relations
OPTIONAL MATCH (c:Citation)
WITH actors, relations, count(c) AS citations
OPTIONAL MATCH (s:Source)
RETURN actors, relations, citations, count(s) AS sources
