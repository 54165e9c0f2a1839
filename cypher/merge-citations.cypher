// Parameters: $citations (list of maps: id, relationId, sourceId, claimant, claimantActorId).
UNWIND $citations AS c
MATCH (s:Source {id: c.sourceId})
MERGE (x:Citation {id: c.id})
SET x.relationId = c.relationId, x.claimant = c.claimant, x.claimantActorId = c.claimantActorId
MERGE (x)-[:FROM_SOURCE]->(s)
