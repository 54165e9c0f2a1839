import { compareIds, compareRelations } from './order.js';
import type { IsoDate, Relation, RelationKind } from './types.js';

/**
 * Signs of the relation kinds when the graph is read as a signed graph: FIGHTS is hostile (-);
 * SUPPORTS, NEGOTIATES and MEMBER_OF are friendly (+).
 */
export const SIGN: Record<RelationKind, 1 | -1> = { FIGHTS: -1, SUPPORTS: 1, NEGOTIATES: 1, MEMBER_OF: 1 };

export type TriadPattern = 'FRIEND_OF_BOTH_SIDES' | 'ALL_HOSTILE';

export interface Triad {
  /** The three actors, by id. */
  actorIds: [string, string, string];
  pattern: TriadPattern;
  /** For FRIEND_OF_BOTH_SIDES, the actor friendly with two actors that are hostile to each other. */
  pivotId: string | null;
  /** Every relation among the three that is active on the day, oldest first. */
  relations: Relation[];
}

export interface AmbivalentPair {
  actorIds: [string, string];
  relations: Relation[];
}

export interface BalanceReport {
  at: IsoDate;
  /** Closed triads: three actors each pair of which has at least one active relation. */
  triads: number;
  balanced: number;
  /** balanced / triads, or null when there is no triad. */
  balancedShare: number | null;
  unbalanced: Triad[];
  /** Pairs with both friendly and hostile relations that day; they count as hostile. */
  ambivalentPairs: AmbivalentPair[];
}

interface Tie {
  sign: 1 | -1;
  relations: Relation[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * Structural balance (Heider; Cartwright and Harary) of the relations active on one day. A pair
 * of actors is hostile if any relation between them is hostile, friendly otherwise. A closed
 * triad is balanced when the product of its three signs is positive (+++ or +--): "the friend
 * of my friend is my friend", "the enemy of my enemy is my friend". It is unbalanced when one
 * actor is friendly with two that fight each other (++-) or when all three are hostile (---).
 */
export function balanceAt(at: IsoDate, active: readonly Relation[]): BalanceReport {
  const ties = new Map<string, Tie>();
  const neighbours = new Map<string, Set<string>>();
  const mixed = new Set<string>();
  for (const relation of active) {
    const key = pairKey(relation.from, relation.to);
    const tie = ties.get(key) ?? { sign: SIGN[relation.kind], relations: [] };
    if (tie.relations.length && tie.sign !== SIGN[relation.kind]) mixed.add(key);
    tie.sign = tie.sign === -1 || SIGN[relation.kind] === -1 ? -1 : 1;
    tie.relations.push(relation);
    ties.set(key, tie);
    for (const [a, b] of [
      [relation.from, relation.to],
      [relation.to, relation.from],
    ]) {
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      neighbours.get(a)!.add(b);
    }
  }

  let triads = 0;
  let balanced = 0;
  const unbalanced: Triad[] = [];
  const actors = [...neighbours.keys()].sort(compareIds);
  for (const a of actors) {
    const around = [...neighbours.get(a)!].filter((n) => n > a).sort(compareIds);
    for (let i = 0; i < around.length; i++) {
      for (let j = i + 1; j < around.length; j++) {
        const [b, c] = [around[i], around[j]];
        const bc = ties.get(pairKey(b, c));
        if (!bc) continue;
        triads++;
        const ab = ties.get(pairKey(a, b))!;
        const ac = ties.get(pairKey(a, c))!;
        if (ab.sign * ac.sign * bc.sign > 0) {
          balanced++;
          continue;
        }
        const negatives = [ab, ac, bc].filter((t) => t.sign < 0).length;
        // With one hostile pair, the pivot is the actor outside it.
        const pivotId = negatives === 3 ? null : bc.sign < 0 ? a : ac.sign < 0 ? b : c;
        unbalanced.push({
          actorIds: [a, b, c],
          pattern: negatives === 3 ? 'ALL_HOSTILE' : 'FRIEND_OF_BOTH_SIDES',
          pivotId,
          relations: [...ab.relations, ...ac.relations, ...bc.relations].sort(compareRelations),
        });
      }
    }
  }

  const ambivalentPairs = [...mixed]
    .map((key) => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { actorIds: [a, b] as [string, string], relations: [...ties.get(key)!.relations].sort(compareRelations) };
    })
    .sort((x, y) => compareIds(x.actorIds[0], y.actorIds[0]) || compareIds(x.actorIds[1], y.actorIds[1]));

  return { at, triads, balanced, balancedShare: triads ? balanced / triads : null, unbalanced, ambivalentPairs };
}
