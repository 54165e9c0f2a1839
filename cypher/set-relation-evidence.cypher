// Sets what each relation's citations vouch for, as `deriveRelation` (src/domain/evidence.ts)
// computed it inside the same write transaction: the properties the in-reading fragment tests.
// Answers how many relations it found, so the caller can tell that each was set.
// Parameters: $relations (list of maps: id, from, to, lastReported, sources, publishers, stated,
// claimants, selfReported, disputed, reliability).
// Each relation is sought by its id in its type's unique index, one branch per type, as in
// relations-by-ids, then checked against its two actors: matching the actors first expanded a hub's
// thousands of relations per row (205 s for the bench's 10^6 relations).
// Expected plan (checked by tests/contract/cypher-plans.neo4j.test.ts): Union, DirectedRelationshipUniqueIndexSeek(Locking).
UNWIND $relations AS rel
CALL (rel) {
  MATCH (x)-[r:FIGHTS {id: rel.id}]->(y) RETURN r, x, y
  UNION
  MATCH (x)-[r:SUPPORTS {id: rel.id}]->(y) RETURN r, x, y
  UNION
  MATCH (x)-[r:NEGOTIATES {id: rel.id}]->(y) RETURN r, x, y
  UNION
  MATCH (x)-[r:MEMBER_OF {id: rel.id}]->(y) RETURN r, x, y
}
WITH rel, r, x, y
WHERE x:Actor AND x.id = rel.from AND y:Actor AND y.id = rel.to
SET r.lastReported = date(rel.lastReported), r.evidenceSources = rel.sources,
    r.evidencePublishers = rel.publishers, r.evidenceStated = rel.stated, r.evidenceClaimants = rel.claimants,
    r.evidenceSelfReported = rel.selfReported, r.evidenceDisputed = rel.disputed,
    r.evidenceReliability = rel.reliability
RETURN count(r) AS updated
