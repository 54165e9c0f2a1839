// Ids merged earlier into the actor now being merged move on to the survivor, so chains of
// merges still resolve in one step. Parameters: $mergedId, $survivorId.
MATCH (m:MergedActor)-[old:MERGED_INTO]->(:Actor {id: $mergedId})
MATCH (s:Actor {id: $survivorId})
DELETE old
MERGE (m)-[:MERGED_INTO]->(s)
