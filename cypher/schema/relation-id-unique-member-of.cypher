// Relation ids are unique per relationship type; the constraint's index serves lookups by id
// (relations-by-ids). Parameters: none.
CREATE CONSTRAINT relation_id_unique_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE
