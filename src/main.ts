import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatasetError } from './dataset/load-dataset.js';
import { createHttpServer } from './http/connections.js';
import { EXPLORER_DIST } from './http/explorer.js';
import { createLogger } from './logger.js';
import { openStore } from './store/open-store.js';
import { StoreUnavailableError } from './store/store-errors.js';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const store = await openStore(config, log);
  if (config.apiTokens.length === 0) log.info('API_TOKEN is not set: mutations are refused');
  const server = createHttpServer(createApp(store, config, log), config.connections, log);
  server.requestTimeout = config.requestTimeoutMs + 5_000;
  server.headersTimeout = 10_000;
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.host}:${port}`;
    const api = config.graphiql ? `GraphiQL at ${base}/graphql` : `GraphQL API at ${base}/graphql (GraphiQL off)`;
    const built = existsSync(join(EXPLORER_DIST, 'index.html')) ? '' : ' (not built: run npm run explorer:build)';
    log.info({ store: store.name }, `${api}, explorer at ${base}/explore/${built}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(() => {
      store.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Start-up failures a user can fix are told plainly, without a stack trace.
  if (error instanceof ConfigError || error instanceof DatasetError || error instanceof StoreUnavailableError) {
    console.error(error.message);
  } else {
    console.error('Failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
