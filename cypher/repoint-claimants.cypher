// Citations whose claimant was the merged actor now name the survivor.
// Parameters: $mergedId, $survivorId.
MATCH (c:Citation {claimantActorId: $mergedId})
SET c.claimantActorId = $survivorId
RETURN c.id AS id
