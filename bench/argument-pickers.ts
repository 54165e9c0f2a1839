/**
 * Drawing each workload's argument sets from a seed. Arguments are checked against the embedded
 * store while they are drawn, so every request has a non-trivial answer (or, for
 * `shortestPathUnreachable`, provably none) and no request is unbounded.
 */
import type { Dataset } from '../src/dataset/dataset.js';
import type { DateSpan, DateWindow, Relation } from '../src/domain/types.js';
import { dateSpan, dayWindow } from '../src/domain/dates.js';
import { reachableFrom } from '../src/domain/camps/reachability.js';
import { MAX_CAMP_RELATIONS, MAX_GRAPH_EDGES } from '../src/domain/limits.js';
import { sampleDates } from '../src/domain/camps/alignment.js';
import { graphReading, inReading } from '../src/domain/reading.js';
import type { Reading } from '../src/domain/types.js';
import type { MemoryStore } from '../src/store/memory/memory-store.js';
import { shortestPath, simplePaths } from '../src/store/memory/path-search.js';
import { SearchClock } from '../src/store/memory/search-clock.js';
import { DECADE } from './generate.js';
import { Random } from './random.js';
import {
  CAPS,
  MIX,
  WORKLOADS,
  type ArgsOf,
  type LeafWorkload,
  type PoolEntry,
  type WorkloadName,
} from './workloads.js';

/** A drawn pair that would take more than `CAPS.pathsMaxVisits` to enumerate. */
class TooHeavy extends Error {}

export interface PoolReport {
  size: number;
  /** Draws rejected because the answer was empty, too large, or (paths) too heavy to enumerate. */
  rejected: number;
  /** Mean answer size over the pool, as the embedded store gives it. */
  meanAnswer: number;
  answerUnit: string;
  /** Pool entries that could not be drawn within the attempt budget. */
  shortfall: number;
  /** Time spent drawing. */
  ms: number;
}

interface PickContext {
  dataset: Dataset;
  /** Every relation as the store holds it (with its evidence). */
  relations: Relation[];
  store: MemoryStore;
  degree: Map<string, number>;
  actorIds: string[];
  /** The relations touching an actor (drawing only: the store keeps its own index private). */
  adjacent(actorId: string): readonly Relation[];
}

/**
 * Hops of the shortest path from `from` to `to` over relations active in `window`, at most
 * `maxHops`, or null: the embedded store's bidirectional search, over the plain per-actor lists.
 */
async function distance(
  ctx: PickContext,
  from: string,
  to: string,
  window: DateWindow,
  maxHops: number,
): Promise<number | null> {
  const query = { from, to, kinds: null, reading: graphReading(window), maxHops, directed: false };
  return (await shortestPath(ctx.adjacent, query))?.relations.length ?? null;
}

const DAY_MS = 86_400_000;
const DECADE_START = Date.parse(`${DECADE.from}T00:00:00Z`);
const DECADE_DAYS = Math.round((Date.parse(`${DECADE.to}T00:00:00Z`) - DECADE_START) / DAY_MS) + 1;
const day = (n: number) => new Date(DECADE_START + n * DAY_MS).toISOString().slice(0, 10);

function randomWindow(rng: Random, days: number): DateSpan {
  const start = rng.int(DECADE_DAYS - days + 1);
  return dateSpan(day(start), day(start + days - 1), 'window');
}

function randomMonth(rng: Random): DateSpan {
  const year = 2011 + rng.int(10);
  const month = rng.int(12);
  return dateSpan(
    new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10),
    new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10),
    'window',
  );
}

/**
 * The days of the decade on which at most `MAX_CAMP_RELATIONS` relations pass the camps workloads'
 * filter (`CAPS.graphKinds`, `graphMinPublishers`): a `blocs` or `alignmentSeries` sample the API
 * answers rather than refuses.
 * Counted once per dataset by a sweep over the relations (a start adds one, the day after an end
 * takes it away).
 */
const campDaysOf = new WeakMap<Relation[], string[]>();
function campDays(ctx: PickContext): string[] {
  const known = campDaysOf.get(ctx.relations);
  if (known) return known;
  const index = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - DECADE_START) / DAY_MS);
  const change = new Int32Array(DECADE_DAYS + 1);
  for (const r of ctx.relations) {
    if (!CAPS.graphKinds.includes(r.kind) || r.evidence.publishers < CAPS.graphMinPublishers) continue;
    const start = Math.max(0, index(r.since));
    const end = r.until === null ? DECADE_DAYS - 1 : Math.min(DECADE_DAYS - 1, index(r.until));
    if (start > end) continue;
    change[start]++;
    change[end + 1]--;
  }
  const days: string[] = [];
  for (let i = 0, active = 0; i < DECADE_DAYS; i++) {
    active += change[i];
    if (active <= MAX_CAMP_RELATIONS) days.push(day(i));
  }
  campDaysOf.set(ctx.relations, days);
  return days;
}

/** The relations a camps sample reads on `at` as the API does (filtered), or 0 when over the cap (the store decides). */
async function campSampleSize(ctx: PickContext, at: string): Promise<number> {
  const reading = graphReading(dayWindow(at), null, { minPublishers: CAPS.graphMinPublishers }, null);
  const page = await ctx.store.listRelations({
    kinds: CAPS.graphKinds,
    reading,
    actorId: null,
    after: null,
    limit: MAX_CAMP_RELATIONS,
  });
  return page.hasMore ? 0 : page.items.length;
}

type Drawn<A> = { args: A; answer: number } | null;

interface Picker<A> {
  unit: string;
  draw(ctx: PickContext, rng: Random): Promise<Drawn<A>>;
}

function actorsWithDegree(ctx: PickContext, min: number, max: number): string[] {
  return ctx.actorIds.filter((id) => {
    const d = ctx.degree.get(id)!;
    return d >= min && d <= max;
  });
}

/** An actor drawn in proportion to its degree: one end of a random relation. */
const byDegree = (ctx: PickContext, rng: Random) => {
  const r = rng.pick(ctx.relations);
  return rng.chance(0.5) ? r.from : r.to;
};

const activeIn = (ctx: PickContext, actorId: string, window: DateWindow) =>
  ctx.store
    .relationsOfActors([actorId], { kinds: null, reading: graphReading(window), direction: 'ANY' })
    .then((lists) => lists[0].length);

/** Relations of `graphMonth` and `exportMonth` in a month: the page `graph` reads, or null when empty or over its cap. */
async function graphMonthEdges(ctx: PickContext, window: DateSpan): Promise<number | null> {
  const page = await ctx.store.listRelations({
    kinds: CAPS.graphKinds,
    reading: graphReading(window, null, { minPublishers: CAPS.graphMinPublishers }, null),
    actorId: null,
    after: null,
    limit: MAX_GRAPH_EDGES,
  });
  return page.items.length === 0 || page.hasMore ? null : page.items.length;
}

/** `graphMonth` and `exportMonth`: a random calendar month whose filtered graph is neither empty nor over the cap. */
const monthGraph = (): Picker<ArgsOf['graphMonth']> => ({
  unit: 'relations',
  draw: async (ctx, rng) => {
    const window = randomMonth(rng);
    const edges = await graphMonthEdges(ctx, window);
    return edges === null ? null : { args: window, answer: edges };
  },
});

/**
 * A pair of actors with at least one path in `reading` (a random walk of 2 or 3 relations read in
 * it, time-respecting when asked), whose paths enumerate within `CAPS.pathsMaxVisits` relation
 * visits; with the number of paths the search finds (at most `CAPS.pathsFirst`). Null when the
 * draw fails.
 */
async function pathPair(
  ctx: PickContext,
  rng: Random,
  window: DateSpan,
  reading: Reading,
  timeRespecting: boolean,
): Promise<Drawn<ArgsOf['timePaths']>> {
  let step = rng.pick(ctx.relations);
  for (let i = 0; i < 50 && !inReading(step, reading); i++) step = rng.pick(ctx.relations);
  if (!inReading(step, reading)) return null;
  const from = rng.chance(0.5) ? step.from : step.to;
  const walked = [from];
  let at = from === step.from ? step.to : step.from;
  walked.push(at);
  for (let hop = 1, length = rng.chance(0.5) ? 2 : 3; hop < length; hop++) {
    const since = step.since;
    const next = ctx
      .adjacent(at)
      .filter(
        (r) =>
          (!timeRespecting || r.since >= since) &&
          inReading(r, reading) &&
          !walked.includes(r.from === at ? r.to : r.from),
      );
    if (!next.length) return null;
    step = rng.pick(next);
    at = step.from === at ? step.to : step.from;
    walked.push(at);
  }
  const to = at;
  let visits = 0;
  const counted = (id: string) => {
    const list = ctx.adjacent(id);
    visits += list.length;
    if (visits > CAPS.pathsMaxVisits) throw new TooHeavy();
    return list;
  };
  let paths;
  try {
    // No deadline: the visit count bounds the work, whatever the machine's speed or load.
    paths = await simplePaths(
      counted,
      {
        from,
        to,
        kinds: null,
        reading,
        maxHops: CAPS.pathsMaxHops,
        directed: false,
        timeRespecting,
        first: CAPS.pathsFirst,
      },
      new SearchClock(undefined, Infinity),
    );
  } catch (error) {
    if (error instanceof TooHeavy || (error as { code?: string }).code === 'LIMIT_EXCEEDED') return null;
    throw error;
  }
  if (paths.length === 0) return null;
  return { args: { from, to, windowFrom: window.from, windowTo: window.to }, answer: paths.length };
}

const PICKERS: { [K in LeafWorkload]: (ctx: PickContext) => Picker<ArgsOf[K]> } = {
  nested: (ctx) => {
    const candidates = actorsWithDegree(ctx, ...CAPS.nestedDegree);
    return {
      unit: 'relations',
      draw: async (_, rng) => {
        const id = rng.pick(candidates);
        return { args: { id }, answer: ctx.degree.get(id)! };
      },
    };
  },
  actorWindow: (ctx) => {
    const active = actorsWithDegree(ctx, 1, Infinity);
    return {
      unit: 'relations',
      draw: async (_, rng) => {
        const id = rng.chance(0.5) ? byDegree(ctx, rng) : rng.pick(active);
        const window = randomWindow(rng, 90);
        const page = await ctx.store.listRelations({
          kinds: null,
          reading: graphReading(window),
          actorId: id,
          after: null,
          limit: CAPS.page,
        });
        return page.items.length ? { args: { id, ...window }, answer: page.items.length } : null;
      },
    };
  },
  monthPage: () => ({
    unit: 'relations',
    draw: async (ctx, rng) => {
      const window = randomMonth(rng);
      const page = await ctx.store.listRelations({
        kinds: null,
        reading: graphReading(window),
        actorId: null,
        after: null,
        limit: CAPS.page,
      });
      return page.items.length ? { args: window, answer: page.items.length } : null;
    },
  }),
  neighborhood: (ctx) => {
    const candidates = actorsWithDegree(ctx, 2, Infinity);
    return {
      unit: 'relations',
      draw: async (_, rng) => {
        const id = rng.pick(candidates);
        const window = randomWindow(rng, CAPS.neighborhoodWindowDays);
        if ((await activeIn(ctx, id, window)) === 0) return null;
        const sub = await ctx.store.neighborhood(id, CAPS.neighborhoodHops, null, graphReading(window));
        if (sub.relations.length < 2 || sub.relations.length > CAPS.neighborhoodMaxEdges) return null;
        return { args: { id, ...window }, answer: sub.relations.length };
      },
    };
  },
  shortestPath: (ctx) => {
    const candidates = actorsWithDegree(ctx, 2, Infinity);
    return {
      unit: 'hops',
      draw: async (_, rng) => {
        const from = rng.pick(candidates);
        const to = rng.pick(candidates);
        if (from === to) return null;
        const window = randomWindow(rng, CAPS.shortestWindowDays);
        const hops = await distance(ctx, from, to, window, CAPS.shortestMaxHops);
        if (hops === null || hops < 2) return null;
        return { args: { from, to, windowFrom: window.from, windowTo: window.to }, answer: hops };
      },
    };
  },
  shortestPathUnreachable: (ctx) => {
    const candidates = actorsWithDegree(ctx, 1, Infinity);
    return {
      unit: 'hops',
      draw: async (_, rng) => {
        // Both ends active in the window, so the search has somewhere to go, yet no path.
        const from = rng.pick(candidates);
        const to = rng.pick(candidates);
        if (from === to) return null;
        const window = randomWindow(rng, CAPS.shortestWindowDays);
        if ((await activeIn(ctx, from, window)) === 0 || (await activeIn(ctx, to, window)) === 0) return null;
        if ((await distance(ctx, from, to, window, CAPS.shortestMaxHops)) !== null) return null;
        return { args: { from, to, windowFrom: window.from, windowTo: window.to }, answer: 0 };
      },
    };
  },
  blocs: () => ({
    unit: 'active relations',
    draw: async (ctx, rng) => {
      // Only days the API answers: at most MAX_CAMP_RELATIONS read (at `large`, days early in the
      // decade; later ones are refused, LIMIT_EXCEEDED camps-size).
      const days = campDays(ctx);
      if (days.length === 0) return null;
      const at = rng.pick(days);
      const active = await campSampleSize(ctx, at);
      return active ? { args: { at }, answer: active } : null;
    },
  }),
  alignmentSeries: () => ({
    unit: 'samples',
    draw: async (ctx, rng) => {
      const { from } = randomMonth(rng);
      const [year, month] = from.split('-').map(Number);
      const to = new Date(Date.UTC(year, month - 1 + CAPS.seriesMonths, 0)).toISOString().slice(0, 10);
      // Every sample day within the camps cap, or the API refuses the whole series: past the first
      // day over it the series is cut short (at `large` only the first half of 2011 is under the cap).
      const eligible = new Set(campDays(ctx));
      const samples = sampleDates(from, to, 'MONTH', CAPS.seriesMonths);
      const kept = samples.findIndex((at) => !eligible.has(at));
      const answered = kept === -1 ? samples : samples.slice(0, kept);
      if (answered.length === 0) return null;
      const end = kept === -1 ? to : answered.at(-1)!;
      return { args: { from, to: end }, answer: answered.length };
    },
  }),
  timePaths: () => ({
    unit: 'paths',
    draw: async (ctx, rng) => {
      const window = randomWindow(rng, CAPS.pathsWindowDays);
      return pathPair(ctx, rng, window, graphReading(window), true);
    },
  }),
  evidencePaths: () => ({
    unit: 'paths',
    draw: async (ctx, rng) => {
      const window = randomWindow(rng, CAPS.pathsWindowDays);
      const reading = graphReading(window, null, { minPublishers: CAPS.evidenceMinPublishers }, null);
      return pathPair(ctx, rng, window, reading, false);
    },
  }),
  graphMonth: monthGraph,
  exportMonth: monthGraph,
  reachable: (ctx) => {
    const candidates = actorsWithDegree(ctx, 2, Infinity);
    return {
      unit: 'actors reached',
      draw: async (_, rng) => {
        const from = rng.pick(candidates);
        const window = randomWindow(rng, CAPS.reachableWindowDays);
        const reading = graphReading(window);
        let visits = 0;
        let reached;
        try {
          reached = await reachableFrom(
            { from, kinds: null, reading, maxHops: CAPS.reachableMaxHops, directed: false },
            async (ids) => {
              // A frontier is actors reached in the last hop: past the cap, so is the answer.
              if (ids.length > CAPS.reachableMaxActors) throw new TooHeavy();
              const lists = await ctx.store.relationsOfActors(ids, { kinds: null, reading, direction: 'ANY' });
              for (const list of lists) visits += list.length;
              if (visits > CAPS.pathsMaxVisits) throw new TooHeavy();
              return lists;
            },
          );
        } catch (error) {
          if (error instanceof TooHeavy) return null;
          throw error;
        }
        if (reached.length === 0 || reached.length > CAPS.reachableMaxActors) return null;
        return { args: { from, windowFrom: window.from, windowTo: window.to }, answer: reached.length };
      },
    };
  },
};

/** Workloads drawn from another's random stream, so that both get the same arguments (a month as `graph` and as a file). */
const SAME_DRAWS: Partial<Record<LeafWorkload, LeafWorkload>> = { exportMonth: 'graphMonth' };

/** Draws `size` argument sets for each workload (the mix reuses the others' pools). */
export async function drawPools(
  dataset: Dataset,
  store: MemoryStore,
  degree: Map<string, number>,
  workloads: readonly WorkloadName[],
  seed: number,
  size: number,
  log: (line: string) => void = () => undefined,
): Promise<{ pools: Map<WorkloadName, PoolEntry[]>; reports: Map<WorkloadName, PoolReport> }> {
  // The relations as the store holds them (with their evidence), for searches the pickers run themselves.
  const relations = (await store.relationsByIds(dataset.relations.map((r) => r.id))).filter(
    (r): r is Relation => r !== null,
  );
  const byActor = new Map<string, Relation[]>();
  for (const r of relations) {
    for (const end of [r.from, r.to]) {
      const list = byActor.get(end);
      if (list) list.push(r);
      else byActor.set(end, [r]);
    }
  }
  const ctx: PickContext = {
    dataset,
    relations,
    store,
    degree,
    actorIds: dataset.actors.map((a) => a.id),
    adjacent: (id) => byActor.get(id) ?? [],
  };
  const pools = new Map<WorkloadName, PoolEntry[]>();
  const reports = new Map<WorkloadName, PoolReport>();
  const leaves = new Set<LeafWorkload>(workloads.filter((w): w is LeafWorkload => w !== 'mix'));
  if (workloads.includes('mix'))
    for (const [w, weight] of Object.entries(MIX)) if (weight > 0) leaves.add(w as LeafWorkload);
  for (const workload of WORKLOADS) {
    if (workload === 'mix' || !leaves.has(workload)) continue;
    const started = performance.now();
    const rng = new Random(seed).fork(`pool:${SAME_DRAWS[workload] ?? workload}`);
    const picker = PICKERS[workload](ctx) as Picker<unknown>;
    const entries: PoolEntry[] = [];
    let rejected = 0;
    let total = 0;
    const maxAttempts = size * 200;
    for (let attempt = 0; entries.length < size && attempt < maxAttempts; attempt++) {
      const drawn = await picker.draw(ctx, rng);
      if (!drawn) {
        rejected++;
        continue;
      }
      entries.push({ workload, args: drawn.args } as PoolEntry);
      total += drawn.answer;
    }
    pools.set(workload, entries);
    const report = {
      size: entries.length,
      rejected,
      meanAnswer: entries.length ? total / entries.length : 0,
      answerUnit: picker.unit,
      shortfall: size - entries.length,
      ms: Math.round(performance.now() - started),
    };
    reports.set(workload, report);
    log(`  ${workload}: ${JSON.stringify(report)}`);
  }
  if (workloads.includes('mix')) {
    const rng = new Random(seed).fork('pool:mix');
    const weights = Object.fromEntries(
      Object.entries(MIX).filter(([w, weight]) => weight > 0 && pools.get(w as LeafWorkload)?.length),
    ) as Record<LeafWorkload, number>;
    const entries: PoolEntry[] = [];
    for (let i = 0; i < size * 2; i++) entries.push(rng.pick(pools.get(rng.weighted(weights))!));
    pools.set('mix', entries);
    reports.set('mix', {
      size: entries.length,
      rejected: 0,
      meanAnswer: 0,
      answerUnit: 'requests',
      shortfall: 0,
      ms: 0,
    });
  }
  return { pools, reports };
}
