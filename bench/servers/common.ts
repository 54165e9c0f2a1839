/**
 * What every benchmark server shares: an HTTP server on 127.0.0.1 (a free port), counters exposed
 * at `GET /__stats`, a counting wrapper around the Neo4j driver (one `executeQuery` or
 * transaction `run` is one round trip), the one-line ready message the runner waits for, and a
 * clean stop on SIGTERM.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { createDriver, type Neo4jSettings } from '../../src/store/neo4j/neo4j-store.js';

export const READY_PREFIX = 'BENCH_READY ';

export interface ServerStats {
  /** HTTP requests served (not counting /__stats). */
  requests: number;
  /** Driver round trips: `executeQuery` calls and transaction `run` calls. */
  queries: number;
  /** Responses whose body carries a top-level GraphQL-style `errors` list. */
  errorResponses: number;
  /** The first few error bodies, for the report. */
  errorSamples: string[];
}

export const stats: ServerStats = { requests: 0, queries: 0, errorResponses: 0, errorSamples: [] };

const ERRORS_MARK = Buffer.from('"errors":[');

function noteBody(chunk: unknown): void {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
  const buffer =
    typeof chunk === 'string'
      ? Buffer.from(chunk)
      : Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : null;
  if (!buffer || buffer.indexOf(ERRORS_MARK) === -1) return;
  stats.errorResponses++;
  if (stats.errorSamples.length < 5) stats.errorSamples.push(buffer.subarray(0, 600).toString('utf8'));
}

/** Wraps a request listener with the counters, `/__stats`, and the error-body check. */
export function instrument(handler: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...stats, memory: process.memoryUsage() }));
      return;
    }
    stats.requests++;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    (res as { write: unknown }).write = (...args: unknown[]) => {
      noteBody(args[0]);
      return write(...args);
    };
    (res as { end: unknown }).end = (...args: unknown[]) => {
      noteBody(args[0]);
      return end(...args);
    };
    handler(req, res);
  };
}

/**
 * Serves on 127.0.0.1 and a free port, then prints `BENCH_READY {json}` (the port and `extra`)
 * on stdout: the runner reads it. SIGTERM and stdin EOF (the runner died) close the server.
 */
export function serve(
  handler: RequestListener,
  extra: Record<string, unknown> = {},
  onClose: () => Promise<void> = async () => undefined,
): void {
  const server = createServer({ keepAliveTimeout: 120_000 }, instrument(handler));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${READY_PREFIX}${JSON.stringify({ port, pid: process.pid, ...extra })}\n`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void onClose().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

/** Reads a request body as JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The Neo4j settings the runner passes to a server process, from its environment. */
export function neo4jSettingsFromEnv(): Neo4jSettings {
  const env = process.env;
  if (!env.BENCH_NEO4J_URI) throw new Error('BENCH_NEO4J_URI is not set');
  return {
    uri: env.BENCH_NEO4J_URI,
    user: env.BENCH_NEO4J_USER ?? 'neo4j',
    password: env.BENCH_NEO4J_PASSWORD ?? '',
    database: env.BENCH_NEO4J_DATABASE ?? 'neo4j',
    txTimeoutMs: Number(env.BENCH_TX_TIMEOUT_MS ?? 10_000),
  };
}

/**
 * A driver whose round trips are counted in `stats.queries`: each `executeQuery` call, and each
 * `run` on a transaction of a session it opens (how @neo4j/graphql reads).
 */
export function countingDriver(settings: Neo4jSettings): Driver {
  const driver = createDriver(settings);
  const countTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'run') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<ManagedTransaction['run']>) => {
          stats.queries++;
          return target.run(...args);
        };
      },
    });
  const countSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'executeRead' || property === 'executeWrite') {
          return (work: (tx: ManagedTransaction) => unknown, config?: unknown) =>
            (target[property] as (w: (tx: ManagedTransaction) => unknown, c?: unknown) => Promise<unknown>)(
              (tx) => work(countTx(tx)),
              config,
            );
        }
        if (property === 'run') {
          return (...args: Parameters<Session['run']>) => {
            stats.queries++;
            return target.run(...args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(driver, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'executeQuery') {
        return (...args: Parameters<Driver['executeQuery']>) => {
          stats.queries++;
          return target.executeQuery(...args);
        };
      }
      if (property === 'session')
        return (...args: Parameters<Driver['session']>) => countSession(target.session(...args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
