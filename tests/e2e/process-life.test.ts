import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { startServer } from '../support/server-process.js';

/** Runs `src/main.ts` to its exit, keeping stdout and stderr apart. */
function runToExit(env: Record<string, string>, timeoutMs = 30_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('process life', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => taken.close(resolve)));

  it('says in one line on stderr that the port is in use, and exits 1 without a stack trace', async () => {
    const { code, stderr } = await runToExit({ STORE: 'memory', PORT: String(port) });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `Port ${port} on 127.0.0.1 is already in use: stop what listens there, or set PORT.`,
    ]);
  });

  it('on SIGTERM ends open subscriptions, exits 0 well within the grace period and leaves no lock behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'process-life-'));
    try {
      const env = { STORE: 'memory', DATA_DIR: dir, SHUTDOWN_GRACE_MS: '8000' };
      const server = await startServer(env);
      expect(await exists(join(dir, 'idlib.sqlite.owner'))).toBe(true);
      const subscription = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { graphChanged { operation } }' }),
      });
      expect(subscription.status).toBe(200);
      // Yoga answers once the stream listens; read it to its end.
      const received = subscription.text();

      const stopping = Date.now();
      const code = await server.stop('SIGTERM');
      const tookMs = Date.now() - stopping;
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(4_000);
      const stream = await received;
      expect(stream).toMatch(/"code":"SHUTTING_DOWN"/);
      expect(stream).toMatch(/event: complete/);
      expect(server.output()).not.toMatch(/cut off/);
      expect(await exists(join(dir, 'idlib.sqlite.owner'))).toBe(false);
      expect(await exists(join(dir, 'idlib.sqlite-wal'))).toBe(false);
      console.log(`[process-life] SIGTERM with an open subscription: exit 0 in ${tookMs} ms`);

      // The folder is free at once for the next process.
      const next = await startServer(env);
      expect(await next.stop('SIGTERM')).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
