// A new actor. CREATE, not MERGE: the uniqueness constraint refuses an id that exists.
// Parameters: $actor (map: id, name, kind, aliases, description, searchText).
CREATE (x:Actor {id: $actor.id})
SET x.name = $actor.name, x.kind = $actor.kind, x.aliases = $actor.aliases, x.description = $actor.description,
    x.searchText = $actor.searchText
