// Keeps a merged actor's id resolving to the survivor. Parameters: $mergedId, $survivorId.
MATCH (s:Actor {id: $survivorId})
MERGE (m:MergedActor {id: $mergedId})
MERGE (m)-[:MERGED_INTO]->(s)
