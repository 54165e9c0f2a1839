// Who recorded each relation and when: its latest recording edit (recordRelation, restoreRelation).
// Parameters: $ids (relation ids).
UNWIND $ids AS id
MATCH (e:Edit {recorded: id})
WITH id, e ORDER BY e.seq DESC
WITH id, collect(e)[0] AS latest
RETURN id, latest.by AS by, latest.at AS at
