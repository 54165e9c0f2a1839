// Deletes an actor that has no relations left (after a merge). Parameters: $id.
MATCH (a:Actor {id: $id})
DETACH DELETE a
