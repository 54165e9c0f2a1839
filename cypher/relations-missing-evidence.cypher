// The ids of relations written before evidence was kept on them (no `evidenceSources`), so the
// store can derive it once when it opens the database. Parameters: none.
MATCH ()-[r]->()
WHERE r.id IS NOT NULL AND r.evidenceSources IS NULL
RETURN r.id AS id
