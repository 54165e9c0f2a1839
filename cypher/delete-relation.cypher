// Deletes one relation (its citations go with delete-citations).
// Parameters: $id, $from, $to (the relation and its two actors, as recorded).
MATCH (:Actor {id: $from})-[r]->(:Actor {id: $to})
WHERE r.id = $id
DELETE r
