import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatasetError } from './dataset/load-dataset.js';
import { createHttpServer } from './http/connections.js';
import type { GraphChangeEvent } from './graphql/events.js';
import { EXPLORER_DIST } from './http/explorer.js';
import { processRelay, type EventRelay } from './live/relay.js';
import { redisRelay } from './live/redis-relay.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './store/open-store.js';
import type { GraphStore } from './store/port.js';
import { StoreUnavailableError } from './store/store-errors.js';

/** A start-up failure said in one line, without a stack trace: the user can fix it. */
class StartError extends Error {}

async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Anything that escapes a request is a bug: logged with its stack, once, and the process goes on.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const store = await openStore(config, log);
  if (config.apiTokens.length === 0) log.info('API_TOKEN is not set: mutations are refused');
  const shutdown = new AbortController();
  const relay: EventRelay<GraphChangeEvent> = config.redisUrl ? redisRelay(config.redisUrl, log) : processRelay();
  const server = createHttpServer(
    createApp(store, config, log, { shutdown: shutdown.signal, relay }),
    config.connections,
    log,
  );
  server.requestTimeout = config.requestTimeoutMs + 5_000;
  server.headersTimeout = 10_000;
  try {
    await listen(server, config);
  } catch (error) {
    await relay.close();
    await store.close().catch(() => undefined);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host}:${port}`;
  const api = config.graphiql ? `GraphiQL at ${base}/graphql` : `GraphQL API at ${base}/graphql (GraphiQL off)`;
  const built = existsSync(join(EXPLORER_DIST, 'index.html')) ? '' : ' (not built: run npm run explorer:build)';
  log.info({ store: store.name, liveUpdates: relay.name }, `${api}, explorer at ${base}/explore/${built}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: ending subscriptions, finishing in-flight requests');
    void stopGracefully(server, store, relay, shutdown, config.shutdownGraceMs, log).then((code) => process.exit(code));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Listens, turning the errors a user can fix (port taken, not allowed) into one plain line. */
function listen(server: Server, config: Pick<Config, 'port' | 'host'>): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      if (error.code === 'EADDRINUSE')
        reject(
          new StartError(
            `Port ${config.port} on ${config.host} is already in use: stop what listens there, or set PORT.`,
          ),
        );
      else if (error.code === 'EACCES')
        reject(new StartError(`Not allowed to listen on ${where}: choose a PORT above 1023, or another HOST.`));
      else if (error.code === 'EADDRNOTAVAIL')
        reject(new StartError(`Cannot listen on ${where}: HOST is not an address of this machine.`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Stops taking connections, ends open subscriptions (their streams complete, so their connections
 * close), lets in-flight requests finish within `graceMs`, then closes the live-update relay and
 * the store (which releases the data folder). 0 when everything finished in time; 1 when requests had to be cut off.
 */
async function stopGracefully(
  server: Server,
  store: GraphStore,
  relay: EventRelay<GraphChangeEvent>,
  shutdown: AbortController,
  graceMs: number,
  log: Logger,
): Promise<number> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  shutdown.abort();
  server.closeIdleConnections();
  // A connection that was busy when close() began goes idle once its answer is sent: close it then.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const outcome = await Promise.race([closed.then(() => 'closed' as const), late]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (outcome === 'late') {
    log.warn({ graceMs }, 'requests still running at the end of the grace period were cut off');
    server.closeAllConnections();
  }
  await relay.close();
  try {
    await store.close();
  } catch (error) {
    log.error({ err: error }, 'the store did not close cleanly');
    return 1;
  }
  log.info('stopped');
  return outcome === 'late' ? 1 : 0;
}

main().catch((error: unknown) => {
  // Start-up failures a user can fix are told plainly, without a stack trace.
  if (
    error instanceof ConfigError ||
    error instanceof DatasetError ||
    error instanceof StoreUnavailableError ||
    error instanceof StartError
  ) {
    console.error(error.message);
  } else {
    console.error('Failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
