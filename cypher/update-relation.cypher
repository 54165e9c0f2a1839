// Rewrites the fields of one relation that may change in place (an import with --update).
// Parameters: $id, $from, $to (the relation and its two actors, as recorded), $since, $until,
// $precision, $summary, $places, $sinceBound.
MATCH (:Actor {id: $from})-[r]->(:Actor {id: $to})
WHERE r.id = $id
SET r.since = date($since), r.until = date($until), r.precision = $precision, r.summary = $summary, r.places = $places, r.sinceBound = $sinceBound
RETURN count(r) AS updated
