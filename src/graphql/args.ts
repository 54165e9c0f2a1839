import { badInput, notFound } from '../domain/errors.js';
import type { GraphContext } from './context.js';

/** Throws NOT_FOUND naming every id in `ids` that is not an actor. */
export async function requireActors(context: GraphContext, ids: readonly string[], field: string): Promise<void> {
  const actors = await context.loaders.actor.loadMany(ids);
  const missing = ids.filter((_, i) => actors[i] === null || actors[i] instanceof Error);
  if (missing.length > 0) throw notFound(field, 'actor', missing);
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
