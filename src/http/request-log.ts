import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';

const started = new WeakMap<Request, { id: string; at: number; operation: string | null }>();

/**
 * One structured log line per request: request id (from `x-request-id` when it looks safe, or
 * new), method, path, operation name, status and duration. The query text is logged at debug
 * only; tokens never.
 */
export function requestLog(log: Logger): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      started.set(request, {
        id: given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID(),
        at: performance.now(),
        operation: null,
      });
    },
    onParams({ params, request }) {
      const entry = started.get(request);
      if (entry) entry.operation = params.operationName ?? null;
      log.debug({ reqId: entry?.id, query: params.query }, 'graphql query');
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const path = new URL(request.url).pathname;
      if (path === '/health' || path === '/ready') return;
      log.info(
        {
          reqId: entry.id,
          method: request.method,
          path,
          operation: entry.operation,
          status: response.status,
          ms: Math.round(performance.now() - entry.at),
        },
        'request',
      );
    },
  };
}
