import { GraphQLError } from 'graphql';
import type { Written } from '../service/write-service.js';
import type { WriteService } from '../service/write-service.js';
import { StorageUnwritableError, StoreTimeoutError, StoreUnavailableError } from '../store/store-errors.js';
import { requireWriter } from './auth.js';
import { createLoaders, type GraphContext } from './context.js';

/** The description of every mutation's `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'A key you choose for this write (a UUID, say; printable ASCII, at most 200 characters). ' +
  'Sending the same mutation again with the same key applies it at most once: a repeat ' +
  'answers the first result and writes nothing. Use one when a write may be retried, for ' +
  'instance after a REQUEST_TIMEOUT or STORE_UNAVAILABLE answer, which do not say whether the ' +
  'write was applied.';

/**
 * Runs one mutation's write: the caller must hold a write token; the write service validates,
 * applies the write policies and has the store check and apply the command atomically. The
 * request's loaders are renewed so the answer shows the new state, the policy's notices go to
 * `extensions.notices`, and subscribers hear what changed (not for a replayed write: nothing did).
 */
export async function runWrite<T>(
  context: GraphContext,
  write: (service: WriteService) => Promise<Written<T>>,
): Promise<T> {
  requireWriter(context.access, context.writesEnabled);
  let written: Written<T>;
  try {
    written = await write(context.service);
  } catch (error) {
    throw outcomeUnknown(error);
  }
  context.notices.push(...written.notices);
  context.loaders = createLoaders(context.store);
  if (!written.replayed) {
    const { actorIds, relationIds, citationIds, sourceIds } = written.result;
    context.events.publish('graphChanged', {
      operation: written.operation,
      at: new Date().toISOString(),
      by: written.by,
      actorIds,
      relationIds,
      citationIds,
      sourceIds,
    });
  }
  return written.value;
}

/**
 * A write that failed on the way to or from the store may still have been applied (Neo4j commits
 * on the server; the answer can be lost): the error says so, and how to retry safely.
 */
function outcomeUnknown(error: unknown): unknown {
  const retry = 'It may still have been applied: retry with the same idempotencyKey, which applies it at most once.';
  // A data folder that cannot be written undoes the write: its own error says it was not kept.
  if (error instanceof StoreUnavailableError && !(error instanceof StorageUnwritableError))
    return new GraphQLError(`The graph store became unavailable during the write. ${retry}`, {
      extensions: { code: 'STORE_UNAVAILABLE', http: { status: 503 } },
    });
  if (error instanceof StoreTimeoutError)
    return new GraphQLError(`${error.message} ${retry}`, { extensions: { code: 'QUERY_TIMEOUT' } });
  return error;
}
