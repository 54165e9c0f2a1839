import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

/**
 * Static limits checked before a request runs: a rejected document never reaches the store.
 * They leave room for every query the README and the explorer send.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3_000,
  maxCost: 50_000,
  maxDirectives: 20,
} as const;

/** graphql-armor: depth, aliases, tokens, cost and directives; field suggestions hidden in production. */
export function queryLimits(production: boolean): Plugin {
  const exposeLimits = !production;
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits, flattenFragments: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits },
    blockFieldSuggestion: { enabled: production },
  }) as Plugin;
}

/**
 * Request bodies: at most `maxBytes`, and a POST must say its length (411 otherwise), so a huge
 * or endless body is refused before it is read.
 */
export function bodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (length === null) return refuse(411, 'A POST request must carry a Content-Length header.');
      if (!/^\d+$/.test(length) || Number(length) > maxBytes)
        return refuse(413, `The request body is larger than ${maxBytes} bytes.`);
    },
  };
}
