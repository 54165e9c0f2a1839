// A relation's recording edits are found by the relation's id (relations-recorded). Parameters: none.
CREATE INDEX edit_recorded IF NOT EXISTS FOR (e:Edit) ON (e.recorded)
