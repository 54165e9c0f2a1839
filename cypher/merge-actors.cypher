// Parameters: $actors (list of maps: id, name, kind, aliases, description, searchText).
UNWIND $actors AS a
MERGE (x:Actor {id: a.id})
SET x.name = a.name, x.kind = a.kind, x.aliases = a.aliases, x.description = a.description,
    x.searchText = a.searchText
