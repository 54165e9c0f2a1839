// Relation ids are unique per relationship type; the constraint's index serves lookups by id
// (relations-by-ids). Parameters: none.
CREATE CONSTRAINT relation_id_unique_fights IF NOT EXISTS FOR ()-[r:FIGHTS]-() REQUIRE r.id IS UNIQUE
