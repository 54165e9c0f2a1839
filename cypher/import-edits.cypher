// Keeps edits restored from a backup as they were (seq, at and by included), in one transaction.
// Parameters: $edits (whole edits, each as `create-edit` keeps them, with its seq).
UNWIND $edits AS edit
CREATE (e:Edit)
SET e = edit
RETURN count(e) AS created
