/**
 * `npm run neo4j -- [--port N] [--data-dir DIR]`: run the local Neo4j server in the foreground.
 *
 * Env: NEO4J_LOCAL_PORT (default 7687), NEO4J_LOCAL_DIR (default .neo4j/data in the repo);
 * the flags override them. Ctrl-C / SIGTERM stop Neo4j cleanly, then this exits.
 * See local-neo4j/index.ts for the rest (NEO4J_JAVA_HOME, NEO4J_MAVEN_REPO).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_NEO4J_DATA_DIR,
  DEFAULT_NEO4J_PORT,
  LOCAL_NEO4J_PASSWORD,
  LOCAL_NEO4J_USER,
  findJava,
  startLocalNeo4j,
  watchAncestors,
  type LocalNeo4j,
} from '../local-neo4j/index.js';

const USAGE = `usage: npm run neo4j -- [--port N] [--data-dir DIR]
  --port N         Bolt port on 127.0.0.1 (env NEO4J_LOCAL_PORT, default ${DEFAULT_NEO4J_PORT})
  --data-dir DIR   Neo4j data and logs (env NEO4J_LOCAL_DIR, default .neo4j/data)`;

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parsePort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) usageError(`${from}: not a port number: ${value}`);
  return port;
}

function options(argv: string[]): { port: number; dataDir: string } {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = process.env;
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : env.NEO4J_LOCAL_PORT
        ? parsePort(env.NEO4J_LOCAL_PORT, 'NEO4J_LOCAL_PORT')
        : DEFAULT_NEO4J_PORT;
  const dir = values['data-dir'] ?? env.NEO4J_LOCAL_DIR;
  return { port, dataDir: dir ? path.resolve(dir) : DEFAULT_NEO4J_DATA_DIR };
}

async function main(): Promise<void> {
  const { port, dataDir } = options(process.argv.slice(2));

  const java = await findJava();
  if ('error' in java) {
    console.error(java.error);
    process.exit(1);
  }

  const abort = new AbortController();
  let server: LocalNeo4j | undefined;
  let stopping = false;
  const onSignal = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    if (!server) {
      abort.abort(new Error(`${reason} during startup`));
      return;
    }
    console.error(`${reason}: stopping Neo4j...`);
    const s = server;
    void s.stop().then(async () => process.exit((await s.exited) === 0 ? 0 : 1));
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  void watchAncestors(() => onSignal('parent process gone'));

  try {
    // (A start failure's own line is repeated in the error below.)
    const log = (line: string): void => {
      if (!line.startsWith('LocalNeo4j: failed to start')) console.error(line);
    };
    server = await startLocalNeo4j({ port, dataDir, signal: abort.signal, log });
  } catch (e) {
    if (stopping) process.exit(0);
    console.error(`Could not start Neo4j: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }

  console.log(`Neo4j ready at ${server.uri}`);
  console.error(
    `user ${LOCAL_NEO4J_USER}, password ${LOCAL_NEO4J_PASSWORD}; data ${dataDir}, log ${path.join(dataDir, 'logs', 'debug.log')}. Ctrl-C stops it.`,
  );
  const code = await server.exited;
  if (!stopping) {
    console.error(`Neo4j exited unexpectedly (code ${code}); see ${path.join(dataDir, 'logs', 'debug.log')}`);
    process.exit(code || 1);
  }
}

void main();
