import { windowProblem } from '../domain/dates.js';
import { badInput, ClientError, notFound } from '../domain/errors.js';
import type { DateWindow } from '../domain/types.js';
import type { GraphContext } from './context.js';

/** Caps on list arguments; beyond them is a client error, not a silent clamp. */
export const LIMITS = {
  actorsFirst: 100,
  relationsFirst: 200,
  neighborhoodHops: 3,
} as const;

interface WindowArg {
  from?: string | null;
  to?: string | null;
}

/** A validated window, or null when the argument is absent. */
export function toWindow(arg: WindowArg | null | undefined, field: string): DateWindow | null {
  if (!arg) return null;
  const window = { from: arg.from ?? null, to: arg.to ?? null };
  const problem = windowProblem(window);
  if (problem) throw badInput(field, `${field}: ${problem}`);
  return window;
}

export function checkRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ClientError(`${field} must be between ${min} and ${max}; got ${value}`, 'LIMIT_EXCEEDED', field);
  }
  return value;
}

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
