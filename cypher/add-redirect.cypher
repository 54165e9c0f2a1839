// Keeps a merged actor's id resolving to the survivor. CREATE, not MERGE: a merged id redirects to
// exactly one actor, and its uniqueness constraint refuses a second redirect. Parameters:
// $mergedId, $survivorId.
MATCH (s:Actor {id: $survivorId})
CREATE (:MergedActor {id: $mergedId})-[:MERGED_INTO]->(s)
RETURN count(s) AS created
