// Sets the last day of one relation. Parameters: $id, $from, $to (the relation and its two actors,
// as recorded), $until.
MATCH (:Actor {id: $from})-[r]->(:Actor {id: $to})
WHERE r.id = $id
SET r.until = date($until)
RETURN count(r) AS updated
