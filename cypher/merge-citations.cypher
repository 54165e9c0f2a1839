// Parameters: $citations (list of maps: id, relationId, sourceId, claimant, claimantActorId, locator,
// stance, credibility).
UNWIND $citations AS c
MATCH (s:Source {id: c.sourceId})
MERGE (x:Citation {id: c.id})
SET x.relationId = c.relationId, x.claimant = c.claimant, x.claimantActorId = c.claimantActorId, x.locator = c.locator,
    x.stance = c.stance, x.credibility = c.credibility
MERGE (x)-[:FROM_SOURCE]->(s)
