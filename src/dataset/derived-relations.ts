import { deriveRelation } from '../domain/evidence.js';
import { UNGRADED, type Citation, type Relation } from '../domain/types.js';
import type { Dataset } from './dataset.js';

/** Every relation of a dataset as a store holds it: with what its citations vouch for. */
export function derivedRelations(dataset: Dataset): Relation[] {
  const grade = new Map(dataset.sources.map((s) => [s.id, s.reliability]));
  const cited = new Map<string, Citation[]>();
  for (const c of dataset.citations) cited.set(c.relationId, [...(cited.get(c.relationId) ?? []), c]);
  return dataset.relations.map((r) => deriveRelation(r, cited.get(r.id) ?? [], (id) => grade.get(id) ?? UNGRADED));
}
