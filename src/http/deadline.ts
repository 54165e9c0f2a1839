import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What the deadline puts on the request's context: a signal that aborts at the deadline or when the client goes away. */
export interface DeadlineContext {
  signal?: AbortSignal;
  deadline?: AbortSignal;
}

/**
 * Every execution answers by the deadline. A store query still running past it is bounded by the
 * store's own timeout (NEO4J_TX_TIMEOUT_MS); the client is not kept waiting for it. The embedded
 * store's searches, and a query waiting for an expensive slot, watch `context.deadline` and stop
 * there. A write still running may yet be applied, and the answer says so.
 */
export function requestDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const writing = getOperationAST(args.document, args.operationName)?.operation === 'mutation';
        const message = writing
          ? `The request took longer than ${timeoutMs} ms and its answer was given up; its writes may ` +
            `still be applied. Retry with the same idempotencyKey, which applies a write at most once.`
          : `The request took longer than ${timeoutMs} ms and was stopped.`;
        let timer: NodeJS.Timeout | undefined;
        const stop = new AbortController();
        const context = args.contextValue as DeadlineContext;
        context.deadline = context.signal ? AbortSignal.any([stop.signal, context.signal]) : stop.signal;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new GraphQLError(message, { extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503 } } }));
            stop.abort(new Error(message));
          }, timeoutMs);
        });
        try {
          return await Promise.race([executeFn(args), deadline]);
        } catch (error) {
          if (error instanceof GraphQLError) return { errors: [error] };
          throw error;
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
