/**
 * Starting and stopping the launcher's JVM: Neo4j's embedded DBMS with its Bolt connector on
 * 127.0.0.1, user `neo4j` with the project's local password.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { LOCAL_NEO4J_PASSWORD } from '../src/config.js';
import { classDataSharing } from './class-data-sharing.js';
import { debugLogTail } from './debug-log.js';
import { DEFAULT_NEO4J_DATA_DIR, MAIN_CLASS } from './launcher-project.js';
import { buildLauncher } from './maven-build.js';

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1 (default 7687; 0 picks a free one, see `uri`). */
  port?: number;
  /** Neo4j home: databases in `<dataDir>/data`, logs in `<dataDir>/logs` (default .neo4j/data). */
  dataDir?: string;
  /** Progress messages and the Java process's stderr, line by line (default: process.stderr). */
  log?: (line: string) => void;
  /** Aborting stops a server that is still starting (the promise then rejects). */
  signal?: AbortSignal;
  /** Page cache in MiB (default 256): size it to the store for a large graph. */
  pageCacheMb?: number;
}

export interface LocalNeo4j {
  /** e.g. bolt://127.0.0.1:7687 */
  uri: string;
  /** pid of the Java process */
  pid: number;
  /** SIGTERM, then wait until the process has exited (SIGKILL after 60 s). Idempotent. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null if killed by a signal) once the Java process has exited. */
  exited: Promise<number | null>;
}

export const LOCAL_NEO4J_USER = 'neo4j';
/** Neo4j Community's one user database. */
export const LOCAL_NEO4J_DATABASE = 'neo4j';
export const DEFAULT_NEO4J_PORT = 7687;

const READY_RE = /^Neo4j ready at (bolt:\/\/\S+)\s*$/;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

/** JVM settings for a 2-core dev box (the page cache is the launcher's: 256 MiB unless `pageCacheMb`). */
const JVM_OPTIONS = [
  '-Xms128m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  // What Neo4j's own launcher opens up (page cache and native file access).
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

const defaultLog = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Start Neo4j on 127.0.0.1 and resolve once it accepts Bolt connections. Rejects with the reason
 * (and the tail of its log) if Java exits first or it is not ready within 120 s.
 */
export async function startLocalNeo4j(opts: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = opts.log ?? defaultLog;
  const port = opts.port ?? DEFAULT_NEO4J_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const dataDir = path.resolve(opts.dataDir ?? DEFAULT_NEO4J_DATA_DIR);
  opts.signal?.throwIfAborted();

  if (port !== 0 && (await portInUse(port))) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already in use (another Neo4j?); stop it or pick another port (--port, NEO4J_LOCAL_PORT)`,
    );
  }
  const b = await buildLauncher(log);
  opts.signal?.throwIfAborted();
  await mkdir(dataDir, { recursive: true });

  const cds = await classDataSharing(b.dir, b.javaBin);
  const jvm = [...JVM_OPTIONS, ...cds.jvmOptions];
  if (b.javaVersion >= 23) jvm.push('--sun-misc-unsafe-memory-access=allow'); // Netty, JCTools
  const args = [
    ...jvm,
    MAIN_CLASS,
    '--data-dir',
    dataDir,
    '--port',
    String(port),
    '--password',
    LOCAL_NEO4J_PASSWORD,
    '--stop-on-stdin-eof',
    ...(opts.pageCacheMb !== undefined ? ['--page-cache-mb', String(opts.pageCacheMb)] : []),
  ];
  // Classpath through the environment keeps the command line short (ps, pgrep -f LocalNeo4j).
  const child = spawn(b.javaBin, args, {
    cwd: dataDir,
    env: { ...process.env, CLASSPATH: b.classpath },
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      void cds.settle(code).finally(() => resolve(code));
    });
    child.once('error', () => {
      exitCode ??= null;
      resolve(null);
    });
  });
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    log(line);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const uri = await new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (err: Error | null, value?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value!);
    };
    const fail = async (reason: string): Promise<void> => {
      if (done) return;
      const relevant = stderrTail.filter((l) => l.startsWith('LocalNeo4j:'));
      const stderr = (relevant.length ? relevant : stderrTail.slice(-10)).join('\n');
      finish(new Error(`${reason}${stderr ? `\n${stderr}` : ''}\n${await debugLogTail(dataDir)}`));
    };
    const onAbort = (): void => {
      void stop();
      finish(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      void stop();
      void fail(`Neo4j was not ready within ${READY_TIMEOUT_MS / 1000} s (stopped it)`);
    }, READY_TIMEOUT_MS);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => void fail(`could not start ${b.javaBin}: ${e.message}`));
    void exited.then((code) => fail(`Neo4j exited (code ${code}) before it was ready`));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = READY_RE.exec(line);
      if (m) finish(null, m[1]);
      else log(line);
    });
  });

  return { uri, pid: child.pid!, stop, exited };
}
