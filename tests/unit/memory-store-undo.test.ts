import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import type { WriteCommand } from '../../src/domain/commands.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import {
  buildActor,
  buildCitation,
  buildDataset,
  buildRelation,
  buildSource,
  conflictDataset,
} from '../support/build.js';

/** Every structure the store keeps (the active index is a cache, rebuilt on demand). */
const FIELDS = [
  'actors',
  'actorOrder',
  'relations',
  'timeline',
  'byKind',
  'citations',
  'citationsById',
  'sources',
  'redirects',
] as const;

/** A deep copy of the store's memory, to compare before and after a failed write. */
const memoryOf = (store: MemoryStore) =>
  Object.fromEntries(FIELDS.map((f) => [f, structuredClone((store as unknown as Record<string, unknown>)[f])]));

/** The primitives every change goes through: a fault injected before any of them is a fault halfway. */
const PRIMITIVES = [
  'putSource',
  'setRedirect',
  'putActor',
  'removeActor',
  'putRelation',
  'removeRelation',
  'putCitation',
  'removeCitation',
] as const;

/** Makes the `failAt`-th primitive call (0-based) throw before it changes anything; counts calls. */
function injectFault(store: MemoryStore, failAt: number): { calls: () => number } {
  let calls = 0;
  const target = store as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of PRIMITIVES) {
    const original = target[name].bind(store);
    target[name] = (...args: unknown[]) => {
      if (calls++ === failAt) throw new Error(`injected fault in ${name}`);
      return original(...args);
    };
  }
  return { calls: () => calls };
}

const source = buildSource({ id: 'extra-source' });
const twoKinds = (): Dataset =>
  buildDataset({
    actors: [buildActor({ id: 'a' }), buildActor({ id: 'b' }), buildActor({ id: 'c' })],
    relations: [buildRelation({ id: 'ab', from: 'a', to: 'b' })],
  });

/** One case per command, each touching as many structures as it can. */
const CASES: { name: string; dataset: () => Dataset; setup?: WriteCommand[]; command: WriteCommand }[] = [
  { name: 'addSource', dataset: conflictDataset, command: { op: 'addSource', source } },
  { name: 'createActor', dataset: conflictDataset, command: { op: 'createActor', actor: buildActor({ id: 'aaa' }) } },
  {
    name: 'updateActor',
    dataset: conflictDataset,
    command: { op: 'updateActor', id: 'gov', patch: { name: 'Renamed', aliases: ['X'] } },
  },
  {
    name: 'recordRelation of a kind the store has not seen',
    dataset: twoKinds,
    command: {
      op: 'recordRelation',
      relation: buildRelation({ id: 'bc', kind: 'NEGOTIATES', from: 'b', to: 'c' }),
      citations: [buildCitation('bc', buildSource())],
    },
  },
  {
    name: 'closeRelation',
    dataset: conflictDataset,
    command: { op: 'closeRelation', id: 'ru-supports-gov', until: '2020-01-01' },
  },
  { name: 'retractRelation', dataset: conflictDataset, command: { op: 'retractRelation', id: 'gov-fights-rebels' } },
  {
    name: 'addCitation',
    dataset: conflictDataset,
    setup: [{ op: 'addSource', source }],
    command: { op: 'addCitation', citation: buildCitation('rebels-fight-daesh', source) },
  },
  {
    name: 'retractCitation',
    dataset: conflictDataset,
    command: { op: 'retractCitation', id: 'gov-fights-rebels@monitor-2018-02-09' },
  },
  {
    name: 'mergeActors after an earlier merge (redirects repointed)',
    dataset: conflictDataset,
    setup: [{ op: 'mergeActors', survivorId: 'rebels', mergedId: 'tr' }],
    command: { op: 'mergeActors', survivorId: 'gov', mergedId: 'rebels' },
  },
  {
    name: 'mergeActors of a claimant (citations rewritten)',
    dataset: conflictDataset,
    command: { op: 'mergeActors', survivorId: 'cell', mergedId: 'loner' },
  },
];

async function storeFor(c: (typeof CASES)[number]): Promise<MemoryStore> {
  const store = MemoryStore.fromDataset(c.dataset());
  await store.writeBatch(c.setup ?? []);
  return store;
}

describe('the embedded store undo log', () => {
  for (const c of CASES) {
    it(`leaves memory exactly as it was when ${c.name} fails at any step`, async () => {
      const clean = await storeFor(c);
      const counter = injectFault(clean, -1);
      await clean.write(c.command);
      const steps = counter.calls();
      expect(steps).toBeGreaterThan(0);
      const after = memoryOf(clean);

      for (let failAt = 0; failAt < steps; failAt++) {
        const store = await storeFor(c);
        const before = memoryOf(store);
        injectFault(store, failAt);
        await expect(store.write(c.command)).rejects.toThrow(/injected fault/);
        expect(memoryOf(store), `fault at step ${failAt} of ${steps}`).toEqual(before);
        // Nothing is left half-done: the same write then succeeds and ends where a clean one does.
        injectFault(store, -1);
        await store.write(c.command);
        expect(memoryOf(store)).toEqual(after);
      }

      // Fully applied, then refused with the rest of its batch: undone too.
      const store = await storeFor(c);
      const before = memoryOf(store);
      const refused: WriteCommand = { op: 'createActor', actor: buildActor({ id: c.dataset().actors[0].id }) };
      await expect(store.writeBatch([c.command, refused])).rejects.toThrow(/already exists/);
      expect(memoryOf(store)).toEqual(before);
    });
  }
});

describe('writeBatch', () => {
  it('applies the commands in order, each checked against the ones before it', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    const results = await store.writeBatch([
      { op: 'createActor', actor: buildActor({ id: 'new-a' }) },
      {
        op: 'recordRelation',
        relation: buildRelation({ id: 'new-rel', from: 'new-a', to: 'gov' }),
        citations: [buildCitation('new-rel', conflictDataset().sources[0])],
      },
      { op: 'closeRelation', id: 'new-rel', until: '2019-01-01' },
    ]);
    expect(results.map((r) => [r.actorIds, r.relationIds])).toEqual([
      [['new-a'], []],
      [['new-a', 'gov'], ['new-rel']],
      [['new-a', 'gov'], ['new-rel']],
    ]);
    expect((await store.relationsByIds(['new-rel']))[0]?.until).toBe('2019-01-01');
  });

  it('writes nothing when a later command is refused', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    const before = memoryOf(store);
    const batch: WriteCommand[] = [
      { op: 'addSource', source },
      { op: 'createActor', actor: buildActor({ id: 'new-a' }) },
      { op: 'mergeActors', survivorId: 'gov', mergedId: 'ir' },
      { op: 'retractRelation', id: 'tr-supports-rebels' },
      { op: 'createActor', actor: buildActor({ id: 'new-a' }) },
    ];
    await expect(store.writeBatch(batch)).rejects.toThrow(/actor with id "new-a" already exists/);
    expect(memoryOf(store)).toEqual(before);
    expect(await store.actorsByIds(['new-a', 'ir'])).toEqual([null, expect.objectContaining({ id: 'ir' })]);
    // The store is still usable, and the same batch without the faulty command goes through.
    expect(await store.writeBatch(batch.slice(0, -1))).toHaveLength(4);
  });

  it('answers an empty batch with no results and no change', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    const before = memoryOf(store);
    expect(await store.writeBatch([])).toEqual([]);
    expect(memoryOf(store)).toEqual(before);
  });
});

describe('idempotency keys', () => {
  const create = (id: string): WriteCommand => ({ op: 'createActor', actor: buildActor({ id }) });

  it('answers a repeated key with the first result and writes nothing', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    const first = await store.write(create('k-1'), { idempotencyKey: 'key-1' });
    expect(first).toMatchObject({ actorIds: ['k-1'], replayed: false });
    const before = memoryOf(store);
    // Even a different command: the key names the write, and that write already happened.
    const again = await store.write(create('k-2'), { idempotencyKey: 'key-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(memoryOf(store)).toEqual(before);
    expect(await store.actorsByIds(['k-2'])).toEqual([null]);
  });

  it('does not keep the key of a refused write, so the client can retry it', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    await expect(store.write(create('gov'), { idempotencyKey: 'key-2' })).rejects.toThrow(/already exists/);
    expect(await store.write(create('k-3'), { idempotencyKey: 'key-2' })).toMatchObject({ replayed: false });
  });

  it('runs writes without a key, or with different keys, every time', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    expect(await store.write(create('k-4'))).toMatchObject({ replayed: false });
    await expect(store.write(create('k-4'))).rejects.toThrow(/already exists/);
    expect(await store.write(create('k-5'), { idempotencyKey: 'a' })).toMatchObject({ replayed: false });
    expect(await store.write(create('k-6'), { idempotencyKey: 'b' })).toMatchObject({ replayed: false });
  });

  it('answers concurrent writes with the same key once', async () => {
    const store = MemoryStore.fromDataset(conflictDataset());
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => store.write(create('k-7'), { idempotencyKey: 'same' })),
    );
    expect(outcomes.map((o) => o.replayed)).toEqual([false, true, true, true, true]);
  });
});
