// Sets what each relation's citations vouch for, as `deriveRelation` (src/domain/evidence.ts)
// computed it inside the same write transaction: the properties the in-reading fragment tests.
// Answers how many relations it found, so the caller can tell that each was set.
// Parameters: $relations (list of maps: id, from, to, lastReported, sources, publishers, stated,
// claimants, selfReported, disputed, reliability).
UNWIND $relations AS rel
MATCH (:Actor {id: rel.from})-[r]->(:Actor {id: rel.to})
WHERE r.id = rel.id
SET r.lastReported = date(rel.lastReported), r.evidenceSources = rel.sources,
    r.evidencePublishers = rel.publishers, r.evidenceStated = rel.stated, r.evidenceClaimants = rel.claimants,
    r.evidenceSelfReported = rel.selfReported, r.evidenceDisputed = rel.disputed,
    r.evidenceReliability = rel.reliability
RETURN count(r) AS updated
