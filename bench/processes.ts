/** Child processes of the runner: the benchmark servers (each its own process) and the load generator. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import readline from 'node:readline';
import { ROOT } from '../src/config.js';
import type { LoadJob, LoadReply, LoadSummary } from './load.js';
import { READY_PREFIX } from './servers/common.js';
import type { TargetName } from './workloads.js';

const BENCH_DIR = join(ROOT, 'bench');

export interface ServerProcess {
  target: TargetName;
  url: string;
  pid: number;
  /** What the server said when ready (the embedded server adds its load figures). */
  ready: Record<string, unknown>;
  /** Last lines of its stderr, for error messages. */
  stderrTail(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const SERVER_FILES: Record<TargetName, string> = {
  api: 'servers/api-server.ts',
  driver: 'servers/driver-server.ts',
  'neo4j-graphql': 'servers/neo4j-graphql-server.ts',
  embedded: 'servers/embedded-server.ts',
};

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  readyTimeoutMs: number;
}

/** Starts one server with tsx and resolves when it prints its ready line. */
export async function startServer(target: TargetName, options: StartOptions): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', join(BENCH_DIR, SERVER_FILES[target])],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
  });
  let exitCode: number | null | undefined;
  const exit = once(child, 'exit').then(([code]) => {
    exitCode = code as number | null;
  });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`the ${target} server was not ready within ${options.readyTimeoutMs / 1000} s:\n${tail.join('\n')}`),
      );
    }, options.readyTimeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(READY_PREFIX)) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as Record<string, unknown>);
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the ${target} server exited (code ${exitCode}) before it was ready:\n${tail.join('\n')}`));
    });
  });
  return {
    target,
    url: `http://127.0.0.1:${ready.port}`,
    pid: child.pid!,
    ready,
    stderrTail: () => tail.join('\n'),
    exited: () => exitCode !== undefined,
    stop: async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

export interface LoadWorker {
  pid: number;
  run(job: LoadJob): Promise<LoadSummary>;
  stop(): Promise<void>;
}

/** Forks bench/load.ts (autocannon) as a long-lived worker. */
export function startLoadWorker(): LoadWorker {
  const child: ChildProcess = fork(join(BENCH_DIR, 'load.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = once(child, 'exit');
  return {
    pid: child.pid!,
    run: (job) =>
      new Promise<LoadSummary>((resolve, reject) => {
        const onExit = () => reject(new Error('the load generator exited'));
        child.once('exit', onExit);
        child.once('message', (reply: LoadReply) => {
          child.off('exit', onExit);
          if (reply.ok) resolve(reply.summary);
          else reject(new Error(`autocannon failed: ${reply.error}`));
        });
        child.send(job);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      await exit;
    },
  };
}
