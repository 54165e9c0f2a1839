import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Ends every subscription stream when `signal` aborts (the server is stopping): each subscriber gets
 * a last event with a SHUTTING_DOWN error, then the stream completes, so its connection closes and
 * the server can exit without waiting out its grace period. A subscription that starts afterwards
 * gets the same last event at once.
 */
export function endStreamsOn(signal: AbortSignal): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(untilAborted(result, signal));
        },
      };
    },
  };
}

const shuttingDown = (): ExecutionResult => ({
  errors: [
    new GraphQLError('The server is shutting down: subscribe again in a moment.', {
      extensions: { code: 'SHUTTING_DOWN' },
    }),
  ],
});

function untilAborted(
  source: AsyncIterable<ExecutionResult>,
  signal: AbortSignal,
): AsyncGenerator<ExecutionResult, void, unknown> {
  const iterator = source[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  async function* stream() {
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted]);
        if (next === 'aborted') {
          yield shuttingDown();
          return;
        }
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return stream();
}
