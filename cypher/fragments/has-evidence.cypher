// The evidence filter, the one place Cypher states it (TypeScript: `hasEvidence` in
// src/domain/reading.ts). It tests the evidence properties every write keeps on the relationship
// (derived by `deriveRelation`, src/domain/evidence.ts), never the citations themselves.
// Parameters: $minSources, $minPublishers (integers, 0 keeps all), $statedOnly, $excludeDisputed
// (booleans), $graded (boolean: whether a reliability is required) and $minReliability ('A'..'F'),
// from `readingParams` in statements.ts.
r.evidenceSources >= $minSources
AND r.evidencePublishers >= $minPublishers
AND (NOT $statedOnly OR r.evidenceStated)
AND (NOT $excludeDisputed OR NOT r.evidenceDisputed)
AND (NOT $graded OR (r.evidenceSources > 0 AND r.evidenceReliability <= $minReliability))
