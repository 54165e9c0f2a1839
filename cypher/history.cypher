// The edit history, newest first, one page; the filters mirror `inHistory` (src/domain/edits.ts).
// Parameters: $beforeSeq (only older edits; null: from the newest), $relationId, $actorId, $by,
// $from, $to (the window on the day of `at`, YYYY-MM-DD; each null: no filter), $limit.
MATCH (e:Edit)
WHERE e.seq IS NOT NULL
  AND ($beforeSeq IS NULL OR e.seq < $beforeSeq)
  AND ($relationId IS NULL OR $relationId IN e.relationIds)
  AND ($actorId IS NULL OR $actorId IN e.actorIds)
  AND ($by IS NULL OR e.by = $by)
  AND ($from IS NULL OR substring(e.at, 0, 10) >= $from)
  AND ($to IS NULL OR substring(e.at, 0, 10) <= $to)
RETURN e {.*} AS edit
ORDER BY e.seq DESC
LIMIT $limit
