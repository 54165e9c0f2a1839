import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import type { Config } from './config.js';
import { schema } from './graphql/index.js';
import { accessOf, requireReader } from './graphql/auth.js';
import { createContext } from './graphql/context.js';
import { createGraphEvents } from './graphql/events.js';
import { maskError } from './graphql/errors.js';
import { EXAMPLE_QUERY } from './graphql/example-query.js';
import { explorerPlugin } from './http/explorer.js';
import type { GraphStore } from './store/port.js';

export type AppConfig = Pick<Config, 'env' | 'corsOrigins'> & Partial<Pick<Config, 'apiTokens' | 'reads'>>;

/**
 * Builds the HTTP app (GraphQL at /graphql, /health). It never listens: `main.ts` does. Writes
 * need a token from `apiTokens`; with `reads: 'token'`, reads do too.
 */
export function createApp(store: GraphStore, config: AppConfig) {
  const events = createGraphEvents();
  const tokens = config.apiTokens ?? [];
  return createYoga({
    schema,
    context: ({ request }) => {
      const access = accessOf(request, tokens);
      if (config.reads === 'token') requireReader(access);
      return createContext(store, { access, writesEnabled: tokens.length > 0, events });
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'Idlib actor graph', defaultQuery: EXAMPLE_QUERY },
    renderGraphiQL,
    maskedErrors: { maskError, isDev: false },
    cors: corsFor(config),
    logging: false,
    plugins: [explorerPlugin()],
  });
}

function corsFor(config: AppConfig) {
  if (config.corsOrigins !== null) return { origin: config.corsOrigins, credentials: false };
  // Unconfigured: any origin in development, none but our own in production.
  return config.env === 'production' ? { origin: [] as string[] } : undefined;
}
