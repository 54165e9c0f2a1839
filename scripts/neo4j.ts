/**
 * `npm run neo4j -- [--port N] [--data-dir DIR]`: run the local Neo4j server in the foreground.
 *
 * Env: NEO4J_LOCAL_PORT (default 7687), NEO4J_LOCAL_DIR (default .neo4j/data in the repo);
 * the flags override them. Ctrl-C / SIGTERM stop Neo4j cleanly, then this exits.
 * See scripts/neo4j/local-server.ts for the rest (NEO4J_JAVA_HOME, NEO4J_MAVEN_REPO).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_NEO4J_DATA_DIR,
  DEFAULT_NEO4J_PORT,
  LOCAL_NEO4J_PASSWORD,
  LOCAL_NEO4J_USER,
  findJava,
  startLocalNeo4j,
  type LocalNeo4j,
} from './neo4j/local-server.js';

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

function parseArgs(argv: string[]): { port: number; dataDir: string } {
  let port = process.env.NEO4J_LOCAL_PORT
    ? parsePort(process.env.NEO4J_LOCAL_PORT, 'NEO4J_LOCAL_PORT')
    : DEFAULT_NEO4J_PORT;
  let dataDir = process.env.NEO4J_LOCAL_DIR ? path.resolve(process.env.NEO4J_LOCAL_DIR) : DEFAULT_NEO4J_DATA_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) usageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        port = parsePort(value(), '--port');
        break;
      case '--data-dir':
        dataDir = path.resolve(value());
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        usageError(`unknown argument: ${arg}`);
    }
  }
  return { port, dataDir };
}

/** Parent pid of a process (Linux /proc), or null. */
async function parentOf(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Calls onGone once any ancestor process has exited. `npm run` / `npx` (npm 11) exit on a
 * SIGTERM sent to their own pid without passing it on, which would leave this process and Java
 * running; an exited ancestor shows up as a changed parent pid somewhere up the chain.
 */
async function watchAncestors(onGone: () => void): Promise<void> {
  const chain: number[] = [process.ppid];
  while (chain.length < 32) {
    const parent = await parentOf(chain[chain.length - 1]);
    if (parent === null || parent <= 1) break;
    chain.push(parent);
  }
  if (chain.length < 2 && (await parentOf(process.pid)) === null) return; // no /proc: not Linux
  const timer = setInterval(() => {
    void (async () => {
      let intact = process.ppid === chain[0];
      for (let i = 0; intact && i + 1 < chain.length; i++) intact = (await parentOf(chain[i])) === chain[i + 1];
      if (!intact) {
        clearInterval(timer);
        onGone();
      }
    })();
  }, 1000);
  timer.unref();
}

async function main(): Promise<void> {
  const { port, dataDir } = parseArgs(process.argv.slice(2));

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
