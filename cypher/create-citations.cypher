// New citations of existing sources. CREATE, not MERGE: the uniqueness constraint on the id
// (relation and source) refuses a second citation of one source by one relation. Answers how
// many found their source.
// Parameters: $citations (list of maps: id, relationId, sourceId, claimant, claimantActorId, locator,
// stance, credibility).
UNWIND $citations AS c
MATCH (s:Source {id: c.sourceId})
CREATE (x:Citation {id: c.id})-[:FROM_SOURCE]->(s)
SET x.relationId = c.relationId, x.claimant = c.claimant, x.claimantActorId = c.claimantActorId, x.locator = c.locator,
    x.stance = c.stance, x.credibility = c.credibility
RETURN count(*) AS created
