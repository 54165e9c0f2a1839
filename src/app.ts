import type { IncomingMessage } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import { SUBSCRIPTION_DEFAULTS, type Config } from './config.js';
import { schema } from './graphql/index.js';
import { accessOf, requireReader } from './graphql/auth.js';
import { createContext } from './graphql/context.js';
import { createGraphEvents } from './graphql/events.js';
import { maskError } from './graphql/errors.js';
import { EXAMPLE_QUERY } from './graphql/example-query.js';
import { noticesPlugin } from './graphql/notices.js';
import { requestDeadline } from './http/deadline.js';
import { explorerPlugin } from './http/explorer.js';
import { clientKey } from './http/client-key.js';
import { bodyLimit, queryLimits } from './http/limits.js';
import { requestLog } from './http/request-log.js';
import type { Logger } from './logger.js';
import type { GraphStore } from './store/port.js';

export type AppConfig = Pick<Config, 'env' | 'corsOrigins'> &
  Partial<
    Pick<
      Config,
      'apiTokens' | 'reads' | 'graphiql' | 'introspection' | 'requestTimeoutMs' | 'maxBodyBytes' | 'subscriptions'
    >
  >;

/**
 * Builds the HTTP app: GraphQL (and GraphiQL) at /graphql, /health, /ready, the explorer at
 * /explore. It never listens: `main.ts` does. Writes need a token from `apiTokens`; with
 * `reads: 'token'`, reads do too. Defaults not given fall back to development settings.
 */
export function createApp(store: GraphStore, config: AppConfig, log?: Logger) {
  const events = createGraphEvents(config.subscriptions ?? SUBSCRIPTION_DEFAULTS, log);
  const tokens = config.apiTokens ?? [];
  const production = config.env === 'production';
  return createYoga<{ req?: IncomingMessage }>({
    schema,
    context: ({ request, req }) => {
      const access = accessOf(request, tokens);
      if (config.reads === 'token') requireReader(access);
      const client = clientKey(request, access === 'writer', req);
      return createContext(store, { access, writesEnabled: tokens.length > 0, events, client, signal: request.signal });
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: (config.graphiql ?? !production) ? { title: 'Idlib actor graph', defaultQuery: EXAMPLE_QUERY } : false,
    renderGraphiQL,
    maskedErrors: { maskError, isDev: false },
    cors: corsFor(config),
    batching: false,
    logging: false,
    plugins: [
      ...(log ? [requestLog(log)] : []),
      bodyLimit(config.maxBodyBytes ?? 100_000),
      queryLimits(production),
      ...((config.introspection ?? !production) ? [] : [useDisableIntrospection()]),
      requestDeadline(config.requestTimeoutMs ?? 15_000),
      noticesPlugin(),
      useReadinessCheck({
        endpoint: '/ready',
        // A plain 503 with no detail: the reason goes to the log, not to the caller.
        check: async () => {
          try {
            await store.ping();
            return true;
          } catch (error) {
            log?.warn({ err: (error as Error).message }, 'readiness check failed');
            return false;
          }
        },
      }),
      explorerPlugin(),
    ],
  });
}

/**
 * CORS: the configured origins; unconfigured, any origin in development and none but our own in
 * production. (An empty origin list means "any" to Yoga, so "none" turns CORS headers off.)
 */
function corsFor(config: AppConfig) {
  if (config.corsOrigins !== null)
    return config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: false } : false;
  return config.env === 'production' ? false : undefined;
}
