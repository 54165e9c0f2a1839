// Keeps one write's edit in the write's own transaction, numbered after the newest edit (the
// transaction holds the write lock, so two writes never take one number; the uniqueness constraint
// is the backstop). `at` never goes back as `seq` goes up.
// Parameters: $edit (at, by, operation, actorIds, relationIds, citationIds, sourceIds, before,
// after, recorded: the relation a recording edit created, else null).
OPTIONAL MATCH (last:Edit) WHERE last.seq IS NOT NULL
WITH last ORDER BY last.seq DESC LIMIT 1
CREATE (e:Edit)
SET e = $edit
SET e.seq = coalesce(last.seq, 0) + 1, e.at = CASE WHEN last.at > $edit.at THEN last.at ELSE $edit.at END
RETURN e.seq AS seq
