import { closestIds, foldForSearch } from '../domain/search.js';
import { badInput, notFound } from '../domain/errors.js';
import type { GraphStore } from '../store/port.js';
import type { GraphContext } from './context.js';

/** How many actors (by id) the suggestions for an unknown id compare it with, besides those whose names contain it. */
const SUGGESTION_SCAN = 5_000;

/**
 * Checks that each named argument (`{ a: args.a, b: args.b }`; null and undefined are skipped) is
 * an actor id. The first that is not is NOT_FOUND naming that argument alone, with the closest ids
 * as suggestions. A store that fails is that failure (STORE_UNAVAILABLE, ...), never a missing actor.
 */
export async function requireActors(
  context: GraphContext,
  named: Readonly<Record<string, string | null | undefined>>,
): Promise<void> {
  const given = Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const actors = await context.loaders.actor.loadMany(given.map(([, id]) => id));
  const failure = actors.find((actor) => actor instanceof Error);
  if (failure) throw failure;
  const missing = given.find((_, i) => actors[i] === null);
  if (!missing) return;
  const [field, id] = missing;
  throw notFound(field, 'actor', [id], await suggestActorIds(context.store, id));
}

/**
 * The ids closest to an unknown one, from actor ids, names and aliases: those whose names contain
 * it, and the first `SUGGESTION_SCAN` actors. Best effort: a store error leaves no suggestion.
 */
async function suggestActorIds(store: GraphStore, given: string): Promise<string[]> {
  const folded = foldForSearch(given);
  if (folded === '') return [];
  const search = (foldedSearch: string | null, limit: number) =>
    store.searchActors({ foldedSearch, kinds: null, afterId: null, limit });
  try {
    const [containing, first] = await Promise.all([search(folded, 50), search(null, SUGGESTION_SCAN)]);
    const byId = new Map([...first.items, ...containing.items].map((actor) => [actor.id, actor]));
    return closestIds(given, [...byId.values()]);
  } catch {
    return [];
  }
}

/** Cursors are opaque to clients: base64url JSON of the position in the list's order. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string | null | undefined,
  keys: readonly K[],
  field: string,
): Record<K, string> | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value && typeof value === 'object' && keys.every((k) => typeof value[k] === 'string'))
      return value as Record<K, string>;
  } catch {
    // fall through to the client error
  }
  throw badInput(field, `${field} is not a cursor returned by this list`);
}
