import type { Direction, Relation, RelationFilter, RelationKind } from './types.js';
import { inReading } from './reading.js';

/** FIGHTS and NEGOTIATES hold both ways; SUPPORTS and MEMBER_OF go from `from` to `to`. */
export const MUTUAL_KINDS: ReadonlySet<RelationKind> = new Set(['FIGHTS', 'NEGOTIATES']);

export const isMutual = (kind: RelationKind) => MUTUAL_KINDS.has(kind);

/**
 * Whether `relation` leaves (`OUTGOING`) or reaches (`INCOMING`) `actorId`. A mutual relation
 * both leaves and reaches each of its two actors.
 */
export function matchesDirection(relation: Relation, actorId: string, direction: Direction): boolean {
  if (direction === 'ANY' || isMutual(relation.kind)) return relation.from === actorId || relation.to === actorId;
  return direction === 'OUTGOING' ? relation.from === actorId : relation.to === actorId;
}

/** The filter of `Actor.relations`, applied to one relation of `actorId`. */
export function matchesFilter(relation: Relation, actorId: string, filter: RelationFilter): boolean {
  if (filter.kinds && !filter.kinds.includes(relation.kind)) return false;
  return matchesDirection(relation, actorId, filter.direction) && inReading(relation, filter.reading);
}

export const otherEnd = (relation: Relation, actorId: string) =>
  relation.from === actorId ? relation.to : relation.from;
