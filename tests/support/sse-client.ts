import { createClient } from 'graphql-sse';

/**
 * Subscribes through graphql-sse's client to an app served in process (Yoga speaks GraphQL over SSE
 * in its "distinct connections" mode: one stream per subscription, `next` events, then `complete`).
 * Resolves once the server has started listening, with the first event still to come.
 */
export async function subscribeInProcess<T>(
  app: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> },
  query: string,
) {
  const client = createClient({
    url: 'http://test/graphql',
    fetchFn: (url: string, init: RequestInit) => app.fetch(url, init),
    retryAttempts: 0,
  });
  let live!: () => void;
  const connected = new Promise<void>((resolve) => (live = resolve));
  const events = client.iterate<T>({ query }, { connected: () => live() });
  const first = events.next();
  await connected;
  const close = async () => {
    await events.return?.();
    client.dispose();
  };
  return { first, close };
}
