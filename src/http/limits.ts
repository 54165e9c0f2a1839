import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Static limits checked before a request runs: a rejected document never reaches the store.
 * They leave room for every query the README and the explorer send.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 3_000,
  maxDirectives: 20,
} as const;

/**
 * graphql-armor: depth, aliases, tokens and directives; field suggestions hidden in production.
 * A refusal is LIMIT_EXCEEDED with `extensions.limit` naming the limit (armor itself would call it a
 * "Syntax Error" with no code); in production the message says which limit but not its value.
 */
export function queryLimits(production: boolean): Plugin {
  const exposeLimits = !production;
  const refuse = (limit: string, errorMessage: string) => ({ exposeLimits, errorMessage, onReject: [rejectAs(limit)] });
  return EnvelopArmorPlugin({
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      flattenFragments: true,
      ...refuse('depth', 'The query is nested too deeply.'),
    },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...refuse('aliases', 'The query has too many aliases.') },
    maxTokens: { n: QUERY_LIMITS.maxTokens, ...refuse('tokens', 'The query is too long (too many tokens).') },
    // Armor's cost limit ignores arguments such as `first`: src/http/expensive.ts counts list sizes instead.
    costLimit: { enabled: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...refuse('directives', 'The query has too many directives.') },
    blockFieldSuggestion: { enabled: production },
  }) as Plugin;
}

/** An armor rejection handler: throws, in place of armor's own error, the same refusal as LIMIT_EXCEEDED. */
const rejectAs = (limit: string) => (_context: unknown, error: GraphQLError) => {
  throw new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'LIMIT_EXCEEDED', limit },
  });
};

/**
 * Request bodies: at most `maxBytes`, and a POST must say its length (411 otherwise), so a huge
 * or endless body is refused before it is read.
 */
export function bodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      const refuse = (status: number, message: string, extensions: Record<string, string>) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (length === null)
        return refuse(411, 'A POST request must carry a Content-Length header.', { code: 'BAD_REQUEST' });
      if (!/^\d+$/.test(length) || Number(length) > maxBytes)
        return refuse(413, `The request body is larger than ${maxBytes} bytes.`, {
          code: 'LIMIT_EXCEEDED',
          limit: 'body-size',
        });
    },
  };
}
