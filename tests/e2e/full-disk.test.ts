import { execFileSync } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { INPUT_LIMITS } from '../../src/domain/input-limits.js';

const TOKEN = 'full-disk-test-token';
/** Small enough to fill in a moment, large enough for the seeded database and its WAL. */
const DISK = '3m';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function gql(server: ServerProcess, query: string, token?: string): Promise<Answer> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Answer;
}

const createActor = (server: ServerProcess, id: string) =>
  gql(
    server,
    `mutation { createActor(input: { id: "${id}", name: "Full ${id}", kind: MILITIA, description: "${'d'.repeat(INPUT_LIMITS.descriptionLength)}" }) { id } }`,
    TOKEN,
  );

/**
 * Fills the file system holding `file` until it refuses another byte, then gives back `slack`
 * bytes, so the next writes succeed until one runs out of space partway.
 */
function fill(file: string, slack = 150_000): void {
  const fd = openSync(file, 'a');
  try {
    for (const size of [1 << 16, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
    ftruncateSync(fd, Math.max(0, fstatSync(fd).size - slack));
  } finally {
    closeSync(fd);
  }
}

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[full-disk] skipped: mounting a small tmpfs needs root (CI runs as root)');

describe.skipIf(!isRoot)('the embedded store on a full disk (a 3 MB tmpfs)', () => {
  let mountPoint: string;
  let dataDir: string;
  let filler: string;
  beforeAll(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'idlib-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK}`, 'tmpfs', mountPoint]);
    dataDir = join(mountPoint, 'data');
    filler = join(mountPoint, 'filler');
    await mkdir(dataDir);
  });
  afterAll(async () => {
    execFileSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });
  const env = () => ({ STORE: 'memory', DATA_DIR: dataDir, API_TOKEN: TOKEN });

  it('refuses writes with a clear error while full, loses nothing acknowledged, and starts again once space frees', async () => {
    const acknowledged: string[] = [];
    const refused: string[] = [];
    let n = 0;
    /** Writes until the store refuses one for lack of space; the answers before it are acknowledged. */
    const writeUntilFull = async (server: ServerProcess) => {
      for (let i = 0; i < 300; i++) {
        const id = `full-${n++}`;
        const answer = await createActor(server, id);
        if (answer.data?.createActor) {
          acknowledged.push(id);
          continue;
        }
        expect(answer.errors?.[0]).toMatchObject({
          extensions: { code: 'STORAGE_FULL' },
          message: expect.stringMatching(/The data folder is full or cannot be written .*the write was not kept/),
        });
        refused.push(id);
        return;
      }
      throw new Error('300 writes of 20 KB were all acknowledged on a full 3 MB disk');
    };
    const expectAllThere = async (server: ServerProcess) => {
      for (const id of acknowledged)
        expect((await gql(server, `{ actor(id: "${id}") { id } }`)).data, `acknowledged ${id}`).toEqual({
          actor: { id },
        });
      for (const id of refused)
        expect((await gql(server, `{ actor(id: "${id}") { id } }`)).data, `refused ${id}`).toEqual({ actor: null });
    };

    let server = await startServer(env());
    try {
      for (let i = 0; i < 3; i++) {
        const id = `full-${n++}`;
        expect((await createActor(server, id)).data).toEqual({ createActor: { id } });
        acknowledged.push(id);
      }
      fill(filler);
      await writeUntilFull(server);
      // Still full: every write is refused, reads go on, and a refused write left no trace in memory.
      for (let i = 0; i < 3; i++) {
        const id = `full-${n++}`;
        expect((await createActor(server, id)).errors?.[0]?.extensions?.code).toBe('STORAGE_FULL');
        refused.push(id);
      }
      await expectAllThere(server);

      // Space frees: the same process writes again.
      await rm(filler);
      const resumed = await createActor(server, `full-${n}`);
      expect(resumed, 'a write once space is freed').toEqual({ data: { createActor: { id: `full-${n}` } } });
      acknowledged.push(`full-${n++}`);

      // Full again, then the process dies.
      fill(filler);
      await writeUntilFull(server);
      server.child.kill('SIGKILL');
      await server.stop();

      // A start on the still-full disk reads what was acknowledged.
      server = await startServer(env());
      await expectAllThere(server);
      expect((await createActor(server, `full-${n}`)).errors?.[0]?.extensions?.code).toBe('STORAGE_FULL');
      refused.push(`full-${n++}`);
      await server.stop('SIGKILL');

      // Space frees: a start, every acknowledged write, and new writes.
      await rm(filler);
      server = await startServer(env());
      await expectAllThere(server);
      expect((await createActor(server, 'after-space-freed')).data).toEqual({
        createActor: { id: 'after-space-freed' },
      });
      console.log(
        `[full-disk] ${acknowledged.length} writes acknowledged, ${refused.length} refused with STORAGE_FULL, none lost`,
      );
    } finally {
      await server.stop();
    }
  }, 180_000);
});
