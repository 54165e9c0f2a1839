// Actors by id; misses are simply absent (the adapter restores input order).
// Parameters: $ids (list of string). Expected plan: NodeUniqueIndexSeek per id.
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a {.id, .name, .kind, .aliases, .description} AS actor
