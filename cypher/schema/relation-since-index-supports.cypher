// Range index on the start date, for window filters over all relations of one kind. Parameters: none.
CREATE INDEX relation_since_supports IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.since)
