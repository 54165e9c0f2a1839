// Range index on the start date, for window filters over all relations of one kind. Parameters: none.
CREATE INDEX relation_since_negotiates IF NOT EXISTS FOR ()-[r:NEGOTIATES]-() ON (r.since)
