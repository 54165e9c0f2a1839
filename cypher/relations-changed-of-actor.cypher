// Like relations-changed, but only relations touching one actor.
// Parameters: $actorId, $from, $to (YYYY-MM-DD).
MATCH (a:Actor {id: $actorId})-[r]-(:Actor)
WHERE (r.since >= date($from) AND r.since <= date($to))
   OR (r.until >= date($from) AND r.until <= date($to))
RETURN r {.*, kind: type(r), from: startNode(r).id, to: endNode(r).id} AS relation
ORDER BY r.since, r.id
