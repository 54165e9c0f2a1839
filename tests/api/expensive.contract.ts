import { expect, type TestAPI } from 'vitest';
import type { Dataset } from '../../src/dataset/dataset.js';
import { QUERY_COST } from '../../src/domain/limits.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient } from '../support/api.js';
import { buildActor, buildDataset, buildRelation } from '../support/build.js';
import { denseDataset } from '../support/dense-graph.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

/** The finding of issue 18: 11 aliases of the heaviest path query, each actor with its relations (35 MB an answer). */
export const ISSUE_HEAVY_QUERY = `{ ${Array.from(
  { length: 11 },
  (_, i) =>
    `a${i}: paths(from: "d00", to: "d01", maxHops: 6, first: 50) { hops actors { id relations { id kind since from { id } to { id } } } }`,
).join(' ')} }`;

/** A path search that runs for seconds on both stores: every simple path of up to 6 hops in a complete graph. */
const RUNAWAY = '{ paths(from: "d00", to: "d01", maxHops: 6, first: 50) { hops } }';

/** One hub with `n` relations: an unbounded list (an actor's relations) far longer than the cost analysis assumes. */
export function starDataset(n: number): Dataset {
  const actors = [buildActor({ id: 'hub' }), ...Array.from({ length: n }, (_, i) => buildActor({ id: `s${i}` }))];
  const relations = actors.slice(1).map((a) => buildRelation({ id: `hub-${a.id}`, from: 'hub', to: a.id }));
  return buildDataset({ actors, relations });
}

/** The store, a promise that settles when its first `paths` call starts, and the calls' own promises. */
function watchPaths(store: GraphStore): { store: GraphStore; started: Promise<void>; calls: Promise<unknown>[] } {
  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const calls: Promise<unknown>[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'paths' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        started();
        const call = value.apply(target, args) as Promise<unknown>;
        calls.push(call);
        return call;
      };
    },
  });
  return { store: proxy, started: startedPromise, calls };
}

/** Issue 18, "expensive reads": what the cost analysis admits is bounded, and a long search keeps to the deadline. */
export function expensiveContract(it: TestAPI, open: OpenStore): void {
  it('refuses the issue heavy query before it runs, naming the cost limit, and answers the heaviest it admits', async () => {
    const query = apiClient(await open(denseDataset(8, 1)));
    const refused = await query(ISSUE_HEAVY_QUERY);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'cost' } });
    expect(refused.data).toBeUndefined();
    // Two aliases of the largest path query with small selections fit; a third does not.
    const sel = 'hops actors { id name kind } relations { id kind since until }';
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: paths(from: "d00", to: "d01", maxHops: 6, first: 50) { ${sel} }`).join(' ')} }`;
    const admitted = await query<Record<string, unknown[]>>(aliases(2));
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data?.a1).toHaveLength(50);
    expect((await query(aliases(3))).errors?.[0]).toMatchObject({ extensions: { limit: 'cost' } });
  });

  it('gives up an answer that grows past the answer-size cap while it resolves, with one coded error', async () => {
    const query = apiClient(await open(starDataset(1_000)));
    // 22 values a relation, 22,000 an alias: five aliases (110,000) pass the cap, while the estimate
    // (an actor's relations assumed to be 50) is far under the cost limit.
    const actor = 'id name kind aliases description';
    const relation = `id kind since until summary precision sinceBound lastReported places heldUntil from { ${actor} } to { ${actor} }`;
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: actor(id: "hub") { relations { ${relation} } }`).join(' ')} }`;
    const res = await query(aliases(5));
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'answer-size' } });
    expect(res.errors?.[0].message).toContain(`more than ${QUERY_COST.maxAnswerValues} values`);
    expect(res.data).toBeUndefined();
    const one = await query<{ a0: { relations: unknown[] } }>(aliases(1));
    expect(one.errors).toBeUndefined();
    expect(one.data?.a0.relations).toHaveLength(1_000);
  });

  it('answers a search that would run long by the request deadline, with a timeout code, and stops working on it', async () => {
    const { store, calls } = watchPaths(await open(denseDataset(12, 3)));
    const query = apiClient(store, { requestTimeoutMs: 1_500 });
    const started = performance.now();
    const res = await query(RUNAWAY);
    const elapsed = performance.now() - started;
    expect(res.errors?.[0].extensions?.code).toMatch(/^(REQUEST_TIMEOUT|QUERY_TIMEOUT)$/);
    expect(elapsed).toBeLessThan(1_500 + 1_000);
    // The store stopped working on it too: the embedded search at the deadline, Neo4j at its
    // transaction timeout (left running, the embedded search would go on to its own 10 s limit).
    const search = calls[0].then(
      () => 'answered',
      (error: Error) => error.name,
    );
    const ended = await search;
    const stoppedAfter = performance.now() - started;
    console.log(
      `[deadline] answered after ${Math.round(elapsed)} ms with ${res.errors?.[0].extensions?.code}; store search ended after ${Math.round(stoppedAfter)} ms (${ended})`,
    );
    expect(stoppedAfter).toBeLessThan(1_500 + 1_000);
  });

  it('runs expensive queries a few at a time: a full line is refused with 503, a cheap query is not held up', async () => {
    const { store, started } = watchPaths(await open(denseDataset(12, 3)));
    // The runaway search holds the only slot for seconds (until its step budget or its deadline), long
    // enough that the cheap query is answered before it ends on a loaded machine too.
    const query = apiClient(store, {
      requestTimeoutMs: 5_000,
      expensive: { concurrency: 1, queue: 0, waitMs: 1_000 },
    });
    const running = query(RUNAWAY);
    let runningEnded = false;
    void running.finally(() => (runningEnded = true));
    await started;
    const refused = await query('{ paths(from: "d00", to: "d02", maxHops: 4, first: 50) { hops } }');
    expect(refused.status).toBe(503);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'expensive-queue' } });
    const cheap = await query<{ actor: { id: string } }>('{ actor(id: "d03") { id } }');
    expect(cheap.data?.actor.id).toBe('d03');
    // Not held up: the cheap query is answered while the expensive one still holds the only slot (how
    // fast is the starvation test's business, measured alone in the timing project).
    expect(runningEnded, 'the cheap query waited for the expensive one').toBe(false);
    // The runaway ends at its deadline or at the search's step budget, whichever comes first.
    const ended = (await running).errors?.[0];
    expect(ended?.extensions?.code, JSON.stringify(ended)).toMatch(/^(REQUEST_TIMEOUT|QUERY_TIMEOUT|LIMIT_EXCEEDED)$/);
  });

  it('refuses an expensive query that waits for a slot longer than it may, with 503 and a reason', async () => {
    const { store, started } = watchPaths(await open(denseDataset(12, 3)));
    const query = apiClient(store, {
      requestTimeoutMs: 3_000,
      expensive: { concurrency: 1, queue: 4, waitMs: 300 },
    });
    const running = query(RUNAWAY);
    await started;
    const waitStarted = performance.now();
    const refused = await query('{ paths(from: "d00", to: "d02", maxHops: 4, first: 50) { hops } }');
    const waited = performance.now() - waitStarted;
    expect(refused.status).toBe(503);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'expensive-queue' } });
    expect(refused.errors?.[0].message).toMatch(/busy with expensive queries/);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(1_500);
    await running;
  });
}
