import type { IncomingMessage } from 'node:http';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga } from 'graphql-yoga';
import { credentialsOf, SUBSCRIPTION_DEFAULTS, type Config, type TokenEntry } from './config.js';
import { schema } from './graphql/index.js';
import { identify, mayRead, requireReader } from './graphql/auth.js';
import { createContext } from './graphql/context.js';
import { createGraphEvents, type GraphChangeEvent } from './graphql/events.js';
import { argumentPaths, maskError } from './graphql/errors.js';
import { EXAMPLE_QUERY } from './graphql/example-query.js';
import { noticesPlugin } from './graphql/notices.js';
import { requestDeadline } from './http/deadline.js';
import { compression } from './http/compression.js';
import { compiledExecution } from './http/compiled-execution.js';
import { costLimits } from './http/expensive.js';
import { explorerPlugin } from './http/explorer.js';
import { graphiqlRenderer } from './http/graphiql-page.js';
import { exportsPlugin } from './http/exports.js';
import { clientKey } from './http/client-key.js';
import { bodyLimit, queryLimits } from './http/limits.js';
import { graphiqlFor, pagesNeedToken } from './http/read-access.js';
import { readiness } from './http/readiness.js';
import { requestLog } from './http/request-log.js';
import { endStreamsOn } from './http/shutdown.js';
import type { EventRelay } from './live/relay.js';
import type { Logger } from './logger.js';
import type { GraphStore } from './store/port.js';

export type AppConfig = Pick<Config, 'env' | 'corsOrigins'> & {
  /** Write tokens: `name:token`, bare (named `token-1`, ... by position), or named. */
  apiTokens?: readonly TokenEntry[];
  /** Read-only tokens, likewise. */
  readTokens?: readonly TokenEntry[];
} & Partial<
    Pick<
      Config,
      | 'reads'
      | 'graphiql'
      | 'introspection'
      | 'jit'
      | 'requestTimeoutMs'
      | 'maxBodyBytes'
      | 'readyTimeoutMs'
      | 'subscriptions'
      | 'expensive'
    >
  > & {
    /** Overrides `QUERY_COST.max` (tests that measure something else with a deliberately large query). */
    maxQueryCost?: number;
    /** Overrides `MAX_CAMP_RELATIONS` (tests that reach the camps cap with a small graph). */
    maxCampRelations?: number;
  };

/** What the process running the app tells it: `shutdown` aborts when it stops (open subscriptions then end). */
export interface AppLifecycle {
  shutdown?: AbortSignal;
  /** How `graphChanged` events reach the subscribers of every API process (default: this process only). */
  relay?: EventRelay<GraphChangeEvent>;
}

/**
 * Builds the HTTP app: GraphQL (and GraphiQL) at /graphql, /health, /ready, the explorer at
 * /explore, the graph as files under /export/. It never listens: `main.ts` does. Writes need a token
 * from `apiTokens` (and are kept in the history under its name); with
 * `reads: 'token'`, reads (and the GraphiQL and explorer pages) do too. Defaults not given fall
 * back to development settings.
 */
export function createApp(store: GraphStore, config: AppConfig, log?: Logger, lifecycle: AppLifecycle = {}) {
  const events = createGraphEvents(config.subscriptions ?? SUBSCRIPTION_DEFAULTS, log, lifecycle.relay);
  const tokens = credentialsOf(config.apiTokens ?? [], config.readTokens ?? []);
  const writesEnabled = tokens.some((t) => t.role === 'writer');
  const production = config.env === 'production';
  return createYoga<{ req?: IncomingMessage }>({
    schema,
    context: ({ request, req }) => {
      const { access, name } = identify(request, tokens);
      if (config.reads === 'token') requireReader(access);
      const client = clientKey(request, mayRead(access), req);
      return createContext(store, {
        access,
        writer: name,
        writesEnabled,
        events,
        client,
        signal: request.signal,
        maxCampRelations: config.maxCampRelations,
      });
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql:
      (config.graphiql ?? !production)
        ? graphiqlFor(
            { title: 'Idlib actor graph', defaultQuery: EXAMPLE_QUERY },
            config.reads === 'token' ? tokens : null,
          )
        : false,
    renderGraphiQL: graphiqlRenderer(),
    maskedErrors: { maskError, isDev: false },
    cors: corsFor(config),
    batching: false,
    logging: false,
    plugins: [
      ...(log ? [requestLog(log)] : []),
      ...(config.reads === 'token' ? [pagesNeedToken(tokens)] : []),
      bodyLimit(config.maxBodyBytes ?? 100_000),
      queryLimits(production),
      argumentPaths(),
      // Before the plugins that wrap execution (cost, deadline): they wrap the compiled query.
      ...compiledExecution(config.jit ?? true),
      ...((config.introspection ?? !production) ? [] : [useDisableIntrospection()]),
      // Inside the deadline: a query waiting for an expensive slot waits on the request's time.
      costLimits(production, config.expensive, config.maxQueryCost),
      requestDeadline(config.requestTimeoutMs ?? 15_000),
      noticesPlugin(),
      readiness(store, events.relay, config.readyTimeoutMs ?? 2_000, log),
      ...(lifecycle.shutdown ? [endStreamsOn(lifecycle.shutdown)] : []),
      exportsPlugin(store, config.reads === 'token' ? tokens : null, log),
      explorerPlugin(),
      // Last: it compresses the response every other plugin has finished.
      compression(),
    ],
  });
}

/**
 * CORS: the configured origins; unconfigured, any origin in development and none but our own in
 * production. `Origin: null` (a sandboxed frame, a local file) is never allowed. Only an allowed
 * origin is ever echoed back: an origin outside the list gets no CORS headers at all.
 */
function corsFor(config: AppConfig) {
  const allowed = config.corsOrigins ?? (config.env === 'production' ? [] : null);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || origin === 'null' || (allowed !== null && !allowed.includes(origin))) return false;
    return { origin: [origin], credentials: false };
  };
}
