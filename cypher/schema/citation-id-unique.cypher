// Parameters: none.
CREATE CONSTRAINT citation_id_unique IF NOT EXISTS FOR (c:Citation) REQUIRE c.id IS UNIQUE
