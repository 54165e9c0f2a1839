/**
 * Where the time of one camps sample goes (`blocs`, and `alignmentSeries` a sample at a time), in
 * process on the embedded store with a generated graph: reading the day's relations, building the
 * signed graph, the split (local search on the main thread, HiGHS in its worker), the defections,
 * and the longest stretch the event loop was held (a 1 ms timer's worst lateness) during each.
 * Then the same day's relations cut to growing random subsets, to see how a sample's cost grows.
 *
 *   npx tsx bench/camps-sample.ts [small|medium|large] [seed] [day]
 *   (CAMPS_UNCAPPED=on: also without the cap, as before it; CAMPS_PHASES=off: the API part only;
 *   CAMPS_SERIES=off: no in-process series)
 */
import { createApp } from '../src/app.js';
import { balanceAt } from '../src/domain/balance.js';
import { alignmentSeries, defections } from '../src/domain/camps/alignment.js';
import { blocsAt } from '../src/domain/camps/blocs.js';
import { signedGraph } from '../src/domain/camps/signed-graph.js';
import { DEFAULT_SPLIT_BUDGET } from '../src/domain/camps/solver.js';
import { dayWindow } from '../src/domain/dates.js';
import { SOLVER_BUDGET_MS } from '../src/domain/limits.js';
import { graphReading } from '../src/domain/reading.js';
import type { Relation } from '../src/domain/types.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { generateDataset } from './generate.js';
import { Random } from './random.js';
import { isSizeName } from './sizes.js';

const size = process.argv[2] ?? 'medium';
if (!isSizeName(size)) throw new Error(`unknown size ${size}`);
const seed = Number(process.argv[3] ?? 20261121);
const day = process.argv[4] ?? '2016-06-15';

/** Runs `work`, returning its result, its wall time and the event loop's worst lateness meanwhile (ms). */
async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number; heldMs: number }> {
  let heldMs = 0;
  let last = performance.now();
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    heldMs = Math.max(heldMs, now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const start = performance.now();
  // Started on a later turn, so that work that never yields shows as one long hold.
  await new Promise((resolve) => setImmediate(resolve));
  const value = await work();
  const ms = performance.now() - start;
  // One more turn, so a hold at the very end is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  ticking = false;
  return { value, ms, heldMs };
}

const fmt = (n: number) => n.toFixed(0).padStart(7);
const row = (label: string, t: { ms: number; heldMs: number }, extra = '') =>
  console.log(`${label.padEnd(34)} ${fmt(t.ms)} ms   held ${fmt(t.heldMs)} ms ${extra}`);

// Through the API, as a client sends them: refused at once over the cap, or (CAMPS_UNCAPPED=on) as
// before the cap; then only with kinds and an evidence filter that bring the day under it.
async function throughApi(label: string, maxCampRelations: number | undefined, filter: string) {
  const app = createApp(store, { env: 'production', corsOrigins: null, maxCampRelations });
  const to = new Date(`${day}T00:00:00Z`);
  to.setUTCMonth(to.getUTCMonth() + 11);
  for (const query of [
    `{ blocs(at: "${day}"${filter}) { frustration optimal } }`,
    `{ alignmentSeries(from: "${day}", to: "${to.toISOString().slice(0, 10)}"${filter}) { at blocs { frustration } } }`,
  ]) {
    const t = await timed(async () => {
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.text()).slice(0, 150);
    });
    row(`${label}: ${query.slice(2, query.indexOf('('))}`, t, t.value);
  }
}

const generated = await timed(() => generateDataset({ size, seed }));
row(`generate ${size} (seed ${seed})`, generated);
const loaded = await timed(() => MemoryStore.fromDataset(generated.value));
row('MemoryStore.fromDataset', loaded);
const store = loaded.value;
const reading = graphReading(dayWindow(day));

await throughApi('API, capped', undefined, '');
await throughApi('API, capped', undefined, ', kinds: [FIGHTS, SUPPORTS], evidence: { minPublishers: 3 }');
if (process.env.CAMPS_UNCAPPED === 'on') await throughApi('API, uncapped', Number.MAX_SAFE_INTEGER, '');
if (process.env.CAMPS_PHASES === 'off') process.exit(0);

const read = await timed(() => store.activeRelations(reading, null, null));
const active: Relation[] = read.value;
row(`activeRelations ${day}`, read, `(${active.length} relations)`);
const graph = await timed(() => signedGraph(active));
row('signedGraph', graph, `(${graph.value.actorIds.length} actors, ${graph.value.ties.length} ties)`);
row('balanceAt', await timed(() => balanceAt(day, active)));
const blocs = await timed(() => blocsAt(day, active, 2));
row('blocsAt (k 2, default budget)', blocs, `(frustration ${blocs.value.frustration}, optimal ${blocs.value.optimal})`);

// Growing random subsets of the same day: how the cost of one sample grows with its relations.
const rng = new Random(seed);
const shuffled = [...active];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = rng.int(i + 1);
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const n of [1_000, 2_000, 3_000, 5_000, 10_000, 20_000, 40_000, 80_000]) {
  if (n > active.length) break;
  const subset = shuffled.slice(0, n);
  // Five rounds each after a warm one; the medians are reported.
  const rounds: { graph: number; balance: number; blocs: number; blocsMs: number }[] = [];
  for (let round = 0; round < 6; round++) {
    const graphT = await timed(() => signedGraph(subset));
    const balanceT = await timed(() => balanceAt(day, subset));
    const blocsT = await timed(() => blocsAt(day, subset, 2));
    if (round > 0)
      rounds.push({ graph: graphT.heldMs, balance: balanceT.heldMs, blocs: blocsT.heldMs, blocsMs: blocsT.ms });
  }
  const m = (key: keyof (typeof rounds)[0]) => fmt(median(rounds.map((r) => r[key])));
  console.log(
    `${String(n).padStart(6)} relations: held (median of 5) signedGraph ${m('graph')} ms, balanceAt ${m('balance')} ms, ` +
      `blocsAt ${m('blocs')} ms; blocsAt wall ${m('blocsMs')} ms`,
  );
}
if (process.env.CAMPS_SERIES === 'off') process.exit(0);

// A series of 12 monthly samples from the day, as `alignmentSeries` reads and solves them.
const days = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + i);
  return d.toISOString().slice(0, 10);
});
const samples = await timed(() =>
  Promise.all(
    days.map(async (at) => ({ at, active: await store.activeRelations(graphReading(dayWindow(at)), null, null) })),
  ),
);
row('12 samples read', samples, `(${samples.value.reduce((s, x) => s + x.active.length, 0)} relations)`);
const series = await timed(() =>
  alignmentSeries(samples.value, 2, { ...DEFAULT_SPLIT_BUDGET, ms: SOLVER_BUDGET_MS.series }),
);
row('alignmentSeries (12 samples)', series);
const [first, second] = await Promise.all(
  samples.value.slice(0, 2).map(async (s) => ({ blocs: await blocsAt(s.at, s.active, 2), active: s.active })),
);
row('defections (samples 1 and 2)', await timed(() => defections(first, second)));
process.exit(0);
