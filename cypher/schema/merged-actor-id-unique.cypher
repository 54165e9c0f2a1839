// Merged ids resolve through (:MergedActor)-[:MERGED_INTO]->(:Actor). Parameters: none.
CREATE CONSTRAINT merged_actor_id_unique IF NOT EXISTS FOR (m:MergedActor) REQUIRE m.id IS UNIQUE
