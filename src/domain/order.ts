import type { RelationFacts } from './types.js';

/** The API's one order for lists of relations: oldest first, then by id. */
export function compareRelations(
  a: Pick<RelationFacts, 'since' | 'id'>,
  b: Pick<RelationFacts, 'since' | 'id'>,
): number {
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
