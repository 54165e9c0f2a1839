import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';
import { conflictDataset } from '../support/build.js';
import { startFailing, startServer, type ServerProcess } from '../support/server-process.js';

const TOKEN = 'durability-token';
/** Kills of a writing process at random moments (the store's own writer, quick to start). */
const RUNS = 20;
/** Kills of the real server, whose start takes seconds. */
const SERVER_RUNS = 3;
/** Longest wait for a run's writes to be acknowledged: a writer that stalls fails the test, not the timeout. */
const ACK_DEADLINE_MS = 15_000;

async function gql(server: ServerProcess, query: string, token?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

/** Every actor whose name matches `search`, through the API's pages. */
async function actorIds(server: ServerProcess, search: string): Promise<Set<string>> {
  const present = new Set<string>();
  for (let after: string | null = null; ;) {
    const page = await gql(
      server,
      `{ actors(search: "${search}", first: 100${after ? `, after: "${after}"` : ''}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
    );
    const actors = page.data?.actors as {
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    if (!actors) throw new Error(`listing actors failed: ${JSON.stringify(page)}`);
    actors.edges.forEach((e) => present.add(e.node.id));
    if (!actors.pageInfo.hasNextPage) return present;
    after = actors.pageInfo.endCursor;
  }
}

/**
 * Four writers in parallel against `server` until it is killed, so writes are in flight when it dies.
 * `reached(n)` resolves once `n` writes of this stream are acknowledged and rejects at once with the
 * first writer's error, or after ACK_DEADLINE_MS.
 */
function writeStream(server: ServerProcess, run: number, acknowledged: { actors: string[]; relations: string[] }) {
  let killed = false;
  let count = 0;
  let target = Infinity;
  let onTarget = () => {};
  const writer = async (w: number) => {
    for (let i = 0; !killed; i++) {
      const id = `durable-${run}-${w}-${i}`;
      try {
        const res = await gql(
          server,
          `mutation { createActor(input: { id: "${id}", name: "Durable ${run} ${w} ${i}", kind: ARMED_GROUP }) { id } }`,
          TOKEN,
        );
        if (!res.data?.createActor) throw new Error(`createActor ${id} failed: ${JSON.stringify(res)}`);
        acknowledged.actors.push(id);
        if (w === 0 && i % 5 === 4) {
          const rel = await gql(
            server,
            `mutation { recordRelation(input: { id: "rel-${id}", kind: FIGHTS, from: "${id}", to: "daesh", since: "2018-01-01", summary: "Test fight.", citations: [{ source: "arab-news-2017-12-10" }] }) { id } }`,
            TOKEN,
          );
          if (!rel.data?.recordRelation) throw new Error(`recordRelation failed: ${JSON.stringify(rel)}`);
          acknowledged.relations.push(`rel-${id}`);
        }
      } catch (error) {
        if (killed) return;
        throw error;
      }
      if (++count >= target) onTarget();
    }
  };
  const writers = Promise.all([0, 1, 2, 3].map(writer));
  return {
    reached(n: number): Promise<void> {
      target = n;
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        new Promise<void>((resolve) => (count >= n ? resolve() : (onTarget = resolve))),
        writers.then(() => Promise.reject(new Error('the writers stopped before the server was killed'))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`only ${count} of ${n} writes acknowledged in ${ACK_DEADLINE_MS} ms`)),
            ACK_DEADLINE_MS,
          );
        }),
      ]).finally(() => clearTimeout(timer));
    },
    /** Marks the stream as killed; resolves when every writer has seen its request fail. */
    async stop(): Promise<void> {
      killed = true;
      await writers;
    },
  };
}

/** Resolves after `ms`, or rejects with `message`: every wait here is bounded. */
function deadline(ms: number, message: () => string): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * Runs `tests/support/store-writer.ts` on `dir`, kills it with SIGKILL once `killAfter` writes are
 * acknowledged (plus up to 5 ms, so the kill lands anywhere in a write), and returns what it had
 * acknowledged. A writer that fails or stalls fails the run at once.
 */
async function killWriterMidStream(dir: string, run: number, killAfter: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/store-writer.ts', dir, String(run)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const acked = { actors: [] as string[], relations: [] as string[], batches: [] as string[][] };
  let count = 0;
  let killed = false;
  const reached = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [kind, ...ids] = line.split(' ');
      if (kind === 'actor') acked.actors.push(ids[0]);
      else if (kind === 'relation') acked.relations.push(ids[0]);
      else if (kind === 'batch') acked.batches.push(ids);
      else return;
      if (++count === killAfter) resolve();
    });
  });
  const limit = deadline(
    ACK_DEADLINE_MS,
    () => `run ${run}: only ${count} of ${killAfter} writes acknowledged in ${ACK_DEADLINE_MS} ms\n${stderr}`,
  );
  try {
    await Promise.race([
      reached,
      exited.then((code) => {
        if (!killed) throw new Error(`run ${run}: the writer exited with ${code} before it was killed:\n${stderr}`);
      }),
      limit.promise,
    ]);
  } finally {
    limit.clear();
  }
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
  killed = true;
  child.kill('SIGKILL');
  await exited;
  return acked;
}

describe('durability of the embedded store (SIGKILL mid-stream)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idlib-data-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const env = () => ({ STORE: 'memory', DATA_DIR: dir, API_TOKEN: TOKEN });

  it(`keeps every acknowledged write across ${RUNS} kill -9 of a writing process at random moments`, async () => {
    const storeDir = join(dir, 'store');
    const acknowledged = new Set<string>();
    let relations = 0;
    let batches = 0;
    for (let run = 0; run < RUNS; run++) {
      const killAfter = 1 + Math.floor(Math.random() * 60);
      const acked = await killWriterMidStream(storeDir, run, killAfter);
      acked.actors.forEach((id) => acknowledged.add(id));
      relations += acked.relations.length;
      batches += acked.batches.length;

      const { store } = await openDataFolder(storeDir, { seed: async () => conflictDataset() });
      try {
        const ids = [...acknowledged];
        const found = await store.actorsByIds(ids);
        expect(
          ids.filter((id, i) => found[i]?.id !== id),
          `run ${run} (killed after ${killAfter} writes): acknowledged actors lost`,
        ).toEqual([]);
        const rels = await store.relationsByIds(acked.relations);
        expect(
          acked.relations.filter((id, i) => rels[i] === null),
          `run ${run}: relations lost`,
        ).toEqual([]);
        for (const batch of acked.batches) {
          expect(
            (await store.actorsByIds(batch)).every((a) => a !== null),
            `run ${run}: batch ${batch}`,
          ).toBe(true);
        }
        // A batch in flight at the kill is all there or not at all.
        const all = await store.searchActors({
          foldedSearch: `durable-${run}-3-`,
          kinds: null,
          afterId: null,
          limit: 1e6,
        });
        const halves = new Map<string, number>();
        for (const actor of all.items)
          if (/-[ab]$/.test(actor.id)) halves.set(actor.id.slice(0, -2), (halves.get(actor.id.slice(0, -2)) ?? 0) + 1);
        expect(
          [...halves].filter(([, n]) => n !== 2),
          `run ${run}: half a batch`,
        ).toEqual([]);
        // Whatever else is there was in flight at the kill: at most one write per writer.
        const durable = await store.searchActors({ foldedSearch: 'durable-', kinds: null, afterId: null, limit: 1e6 });
        const extra = durable.items.filter((a) => !acknowledged.has(a.id) && !/-[ab]$/.test(a.id));
        expect(extra.length, `run ${run}: unacknowledged actors`).toBeLessThanOrEqual(4);
        extra.forEach((a) => acknowledged.add(a.id));
      } finally {
        await store.close();
      }
    }
    console.log(
      `[durability] ${RUNS} kills: ${acknowledged.size} actors, ${relations} relations, ${batches} batches acknowledged, none lost`,
    );
  }, 300_000);

  it(`keeps every write the server acknowledged across ${SERVER_RUNS} kill -9 of the server`, async () => {
    const acknowledged = { actors: [] as string[], relations: [] as string[] };
    let server = await startServer(env());
    try {
      for (let run = 0; run < SERVER_RUNS; run++) {
        const stream = writeStream(server, run, acknowledged);
        await stream.reached(1 + Math.floor(Math.random() * 40));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        server.child.kill('SIGKILL');
        await stream.stop();
        await server.stop();
        const acked = new Set(acknowledged.actors);

        server = await startServer(env());
        const present = await actorIds(server, 'durable');
        expect(
          [...acked].filter((id) => !present.has(id)),
          `run ${run}: acknowledged but lost`,
        ).toEqual([]);
        // Only a write in flight at the kill may be there without its acknowledgement: one per writer.
        const unacknowledged = [...present].filter((id) => !acked.has(id));
        expect(unacknowledged.length).toBeLessThanOrEqual(4);
        unacknowledged.forEach((id) => acknowledged.actors.push(id));
      }
      const relations = await gql(server, '{ actor(id: "daesh") { name relations(kinds: [FIGHTS]) { id } } }');
      const daesh = relations.data?.actor as { name: string; relations: { id: string }[] };
      expect(daesh.name).toBe('Daesh (Islamic State)');
      const relationIds = new Set(daesh.relations.map((r) => r.id));
      expect(acknowledged.relations.filter((id) => !relationIds.has(id))).toEqual([]);
      const after = await gql(
        server,
        'mutation { createActor(input: { id: "after-restart", name: "After", kind: STATE }) { id } }',
        TOKEN,
      );
      expect(after.data).toEqual({ createActor: { id: 'after-restart' } });
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('refuses a second server on the same data folder, saying why', async () => {
    const server = await startServer(env());
    try {
      const second = await startFailing(env());
      expect(second.code).toBe(1);
      expect(second.output).toMatch(
        new RegExp(`The data folder .* is in use by another process \\(pid ${server.child.pid}, a running server`),
      );
      expect(second.output).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('says at start-up that writes are not kept without DATA_DIR', async () => {
    const server = await startServer({ STORE: 'memory' });
    await server.stop();
    expect(server.output()).toMatch(/DATA_DIR is not set: writes to the embedded store will not be kept/);
  }, 60_000);
});
