// Citations are fetched by the relation they cite (citations-of-relations). Parameters: none.
CREATE INDEX citation_relation IF NOT EXISTS FOR (c:Citation) ON (c.relationId)
