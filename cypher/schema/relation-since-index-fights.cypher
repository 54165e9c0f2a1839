// Range index on the start date, for window filters over all relations of one kind. Parameters: none.
CREATE INDEX relation_since_fights IF NOT EXISTS FOR ()-[r:FIGHTS]-() ON (r.since)
