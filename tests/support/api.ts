import { createApp, type AppConfig } from '../../src/app.js';
import type { GraphStore } from '../../src/store/port.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
  extensions?: { notices?: { code: string; field: string; message: string; given: string; used: string }[] };
}

/** A client for the app with no socket: requests go through `yoga.fetch`. */
export function apiClient(store: GraphStore, config: Partial<AppConfig> = {}, token?: string) {
  const app = createApp(store, { env: 'test', corsOrigins: null, ...config });
  return async function query<T = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
    as = token,
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
      body: JSON.stringify({ query: document, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/** Wraps a store so a test can count the calls the API makes to it. */
export function countingStore(store: GraphStore): { store: GraphStore; calls: Map<string, number>; total(): number } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls, total: () => [...calls.values()].reduce((a, b) => a + b, 0) };
}
