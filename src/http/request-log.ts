import { randomUUID } from 'node:crypto';
import { getOperationAST, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { storeFailureCause, unexpectedCause } from '../graphql/errors.js';
import type { Logger } from '../logger.js';

const started = new WeakMap<Request, { id: string; at: number; operation: string | null }>();

/**
 * One structured log line per request: request id (from `x-request-id` when it looks safe, or
 * new), method, path, operation name, status and duration. The query text is logged at debug
 * only; tokens never. Every unexpected error (what the client sees as "Unexpected error.") is
 * logged once, at error level, with the request id, the field's path and the stack; a store
 * failure (outage, hang, full disk, timeout) once at warn level, with its cause and no stack.
 */
export function requestLog(log: Logger): Plugin {
  /** Errors already logged: one failure shared by several fields (a DataLoader's) is one line. */
  const logged = new WeakSet<Error>();
  const logUnexpected = (request: Request | undefined, result: ExecutionResult) => {
    for (const error of result.errors ?? []) {
      const cause = unexpectedCause(error);
      const store = cause ? null : storeFailureCause(error);
      const logging = cause ?? store;
      if (!logging || logged.has(logging)) continue;
      logged.add(logging);
      const entry = request ? started.get(request) : undefined;
      const where = { reqId: entry?.id, operation: entry?.operation, path: (error as GraphQLError).path?.join('.') };
      if (cause) log.error({ ...where, err: cause }, 'unexpected error');
      else log.warn({ ...where, cause: store!.message }, 'store failure');
    }
  };
  const requestOf = (context: unknown) => (context as { request?: Request } | undefined)?.request;
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
    // Before the errors are masked (Yoga masks them after every plugin's own hooks), so the cause is there.
    onExecute({ args }) {
      const request = requestOf(args.contextValue);
      // The operation's name from the document when the client did not send `operationName`.
      const entry = request ? started.get(request) : undefined;
      if (entry) entry.operation ??= getOperationAST(args.document, args.operationName)?.name?.value ?? null;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return { onNext: ({ result: next }) => logUnexpected(request, next) };
          logUnexpected(request, result);
        },
      };
    },
    onSubscribe({ args }) {
      const request = requestOf(args.contextValue);
      return {
        onSubscribeResult({ result }) {
          if (Symbol.asyncIterator in result) return { onNext: ({ result: next }) => logUnexpected(request, next) };
          logUnexpected(request, result);
        },
        onSubscribeError({ error }) {
          logUnexpected(request, { errors: [error as GraphQLError] });
        },
      };
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
