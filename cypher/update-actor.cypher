// Rewrites an existing actor's fields (the whole actor after a patch or a merge).
// Parameters: $actor (map: id, name, kind, aliases, description, searchText).
MATCH (x:Actor {id: $actor.id})
SET x.name = $actor.name, x.kind = $actor.kind, x.aliases = $actor.aliases, x.description = $actor.description,
    x.searchText = $actor.searchText
RETURN count(x) AS updated
