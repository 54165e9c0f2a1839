// Range index on the start date, for window filters over all relations of one kind. Parameters: none.
CREATE INDEX relation_since_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.since)
