/**
 * The benchmark's workloads: each is one fixed operation whose arguments are drawn from a seed,
 * written once per target (our GraphQL API, the @neo4j/graphql schema in
 * servers/neo4j-graphql-schema.ts, and a path + JSON body for the bare-driver handlers in
 * servers/driver-server.ts). Arguments are checked against the embedded store while they are
 * drawn, so every request has a non-trivial answer (or, for `shortestPathUnreachable`, provably
 * none) and no request is unbounded.
 */
import type { Dataset } from '../src/dataset/dataset.js';
import type { DateSpan, DateWindow, Relation } from '../src/domain/types.js';
import { dateSpan, isActiveIn } from '../src/domain/dates.js';
import type { MemoryStore } from '../src/store/memory/memory-store.js';
import { DECADE } from './generate.js';
import { Random } from './random.js';
import { shortestPath, simplePaths } from '../src/store/memory/path-search.js';

/** A drawn pair that would take more than `CAPS.pathsMaxVisits` to enumerate. */
class TooHeavy extends Error {}

export const TARGETS = ['api', 'driver', 'neo4j-graphql', 'embedded'] as const;
export type TargetName = (typeof TARGETS)[number];

export const WORKLOADS = [
  'nested',
  'actorWindow',
  'monthPage',
  'neighborhood',
  'shortestPath',
  'shortestPathUnreachable',
  'timePaths',
  'mix',
] as const;
export type WorkloadName = (typeof WORKLOADS)[number];
export type LeafWorkload = Exclude<WorkloadName, 'mix'>;

/** Caps chosen so that no single request is unbounded, even from a hub (see the README). */
export const CAPS = {
  /** `nested`: actors with 3 to 250 relations (hubs would return thousands). */
  nestedDegree: [3, 250] as [number, number],
  /** `actorWindow` and `monthPage`: one page of 50 relations. */
  page: 50,
  /** `neighborhood`: 2 hops in a 30-day window, at most 2,000 relations in the answer. */
  neighborhoodHops: 2,
  neighborhoodWindowDays: 30,
  neighborhoodMaxEdges: 2_000,
  /** Path workloads: windows of 182 (shortest) and 365 days (time-respecting), hop bounds 4 and 3. */
  shortestWindowDays: 182,
  shortestMaxHops: 4,
  pathsWindowDays: 365,
  pathsMaxHops: 3,
  pathsFirst: 5,
  /**
   * Drawn time-respecting pairs must enumerate within this many relation visits of a plain search
   * over whole per-actor lists: a measure of the work a pair takes that does not depend on how
   * fast any store is (a time limit let faster code admit heavier pairs, and changed the workload).
   */
  pathsMaxVisits: 500_000,
} as const;

/** The mix: 70% lookups, 20% neighbourhoods, 10% paths. */
export const MIX: Record<LeafWorkload, number> = {
  nested: 40,
  actorWindow: 20,
  monthPage: 10,
  neighborhood: 20,
  shortestPath: 5,
  timePaths: 5,
  shortestPathUnreachable: 0,
};

export const DESCRIPTIONS: Record<WorkloadName, string> = {
  nested: `actor by id with its relations, both ends of each and their citations (nested: the N+1 trap); actors with ${CAPS.nestedDegree[0]}-${CAPS.nestedDegree[1]} relations`,
  actorWindow: `one actor's relations active in a 90-day window, first page of ${CAPS.page} (hubs drawn by degree half of the time)`,
  monthPage: `a month's snapshot: first page of ${CAPS.page} relations active in a calendar month, with both ends`,
  neighborhood: `neighbourhood, ${CAPS.neighborhoodHops} hops in a ${CAPS.neighborhoodWindowDays}-day window (answers of 2 to ${CAPS.neighborhoodMaxEdges} relations)`,
  shortestPath: `shortestPath in a ${CAPS.shortestWindowDays}-day window, maxHops ${CAPS.shortestMaxHops}, between pairs that are connected (2+ hops)`,
  shortestPathUnreachable: `shortestPath in a ${CAPS.shortestWindowDays}-day window, maxHops ${CAPS.shortestMaxHops}, between pairs with no such path (both active in the window)`,
  timePaths: `paths with timeRespecting, maxHops ${CAPS.pathsMaxHops}, first ${CAPS.pathsFirst}, in a ${CAPS.pathsWindowDays}-day window, between pairs that have one`,
  mix: '70% lookups (nested 40, actorWindow 20, monthPage 10), 20% neighbourhoods, 10% paths (shortestPath 5, timePaths 5)',
};

// ---------------------------------------------------------------------------------------------
// Arguments

export interface NestedArgs {
  id: string;
}
export interface WindowArgs {
  id: string;
  from: string;
  to: string;
}
export interface MonthArgs {
  from: string;
  to: string;
}
export interface PathArgs {
  from: string;
  to: string;
  windowFrom: string;
  windowTo: string;
}

export interface ArgsOf {
  nested: NestedArgs;
  actorWindow: WindowArgs;
  monthPage: MonthArgs;
  neighborhood: WindowArgs;
  shortestPath: PathArgs;
  shortestPathUnreachable: PathArgs;
  timePaths: PathArgs;
}

export type PoolEntry = { [K in LeafWorkload]: { workload: K; args: ArgsOf[K] } }[LeafWorkload];

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
function distance(ctx: PickContext, from: string, to: string, window: DateWindow, maxHops: number): number | null {
  return (
    shortestPath(ctx.adjacent, { from, to, kinds: null, window, maxHops, directed: false })?.relations.length ?? null
  );
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
  const r = rng.pick(ctx.dataset.relations);
  return rng.chance(0.5) ? r.from : r.to;
};

const activeIn = (ctx: PickContext, actorId: string, window: DateWindow) =>
  ctx.store.relationsOfActors([actorId], { kinds: null, window, direction: 'ANY' }).then((lists) => lists[0].length);

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
        const page = await ctx.store.listRelations({ kinds: null, window, actorId: id, after: null, limit: CAPS.page });
        return page.items.length ? { args: { id, ...window }, answer: page.items.length } : null;
      },
    };
  },
  monthPage: () => ({
    unit: 'relations',
    draw: async (ctx, rng) => {
      const window = randomMonth(rng);
      const page = await ctx.store.listRelations({ kinds: null, window, actorId: null, after: null, limit: CAPS.page });
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
        const sub = await ctx.store.neighborhood(id, CAPS.neighborhoodHops, null, window);
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
        const hops = distance(ctx, from, to, window, CAPS.shortestMaxHops);
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
        if (distance(ctx, from, to, window, CAPS.shortestMaxHops) !== null) return null;
        return { args: { from, to, windowFrom: window.from, windowTo: window.to }, answer: 0 };
      },
    };
  },
  timePaths: (ctx) => ({
    unit: 'paths',
    draw: async (_, rng) => {
      // A random time-respecting walk of 2 or 3 relations active in the window: its ends have a path.
      const window = randomWindow(rng, CAPS.pathsWindowDays);
      let step = rng.pick(ctx.dataset.relations);
      for (let i = 0; i < 50 && !isActiveIn(step, window); i++) step = rng.pick(ctx.dataset.relations);
      if (!isActiveIn(step, window)) return null;
      const from = rng.chance(0.5) ? step.from : step.to;
      const walked = [from];
      let at = from === step.from ? step.to : step.from;
      walked.push(at);
      for (let hop = 1, length = rng.chance(0.5) ? 2 : 3; hop < length; hop++) {
        const since = step.since;
        const next = ctx
          .adjacent(at)
          .filter((r) => r.since >= since && isActiveIn(r, window) && !walked.includes(r.from === at ? r.to : r.from));
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
        paths = simplePaths(counted, {
          from,
          to,
          kinds: null,
          window,
          maxHops: CAPS.pathsMaxHops,
          directed: false,
          timeRespecting: true,
          first: CAPS.pathsFirst,
        });
      } catch (error) {
        if (error instanceof TooHeavy || (error as { code?: string }).code === 'LIMIT_EXCEEDED') return null;
        throw error;
      }
      if (paths.length === 0) return null;
      return { args: { from, to, windowFrom: window.from, windowTo: window.to }, answer: paths.length };
    },
  }),
};

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
  const byActor = new Map<string, Relation[]>();
  for (const r of dataset.relations) {
    for (const end of [r.from, r.to]) {
      const list = byActor.get(end);
      if (list) list.push(r);
      else byActor.set(end, [r]);
    }
  }
  const ctx: PickContext = {
    dataset,
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
    const rng = new Random(seed).fork(`pool:${workload}`);
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

// ---------------------------------------------------------------------------------------------
// Our GraphQL API (the `api` and `embedded` targets)

const API_QUERIES: Record<LeafWorkload, string> = {
  nested: `query Nested($id: ID!) {
  actor(id: $id) {
    id name kind
    relations {
      id kind since until
      from { id name kind }
      to { id name kind }
      citations { id title publisher published claimant }
    }
  }
}`,
  actorWindow: `query ActorWindow($id: ID!, $from: Date!, $to: Date!) {
  relations(actor: $id, window: { from: $from, to: $to }, first: ${CAPS.page}) {
    edges { node { id kind since until summary from { id name } to { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  monthPage: `query MonthPage($from: Date!, $to: Date!) {
  relations(window: { from: $from, to: $to }, first: ${CAPS.page}) {
    edges { node { id kind since until from { id name } to { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  neighborhood: `query Neighborhood($id: ID!, $from: Date!, $to: Date!) {
  neighborhood(actor: $id, hops: ${CAPS.neighborhoodHops}, window: { from: $from, to: $to }) {
    nodes { id name kind }
    edges { id kind since until from { id } to { id } }
  }
}`,
  shortestPath: `query ShortestPath($from: ID!, $to: ID!, $windowFrom: Date!, $windowTo: Date!) {
  shortestPath(from: $from, to: $to, window: { from: $windowFrom, to: $windowTo }, maxHops: ${CAPS.shortestMaxHops}) {
    hops
    actors { id name }
    relations { id kind since until }
  }
}`,
  shortestPathUnreachable: '',
  timePaths: `query TimePaths($from: ID!, $to: ID!, $windowFrom: Date!, $windowTo: Date!) {
  paths(from: $from, to: $to, window: { from: $windowFrom, to: $windowTo }, timeRespecting: true, maxHops: ${CAPS.pathsMaxHops}, first: ${CAPS.pathsFirst}) {
    hops
    actors { id }
    relations { id kind since until }
  }
}`,
};
API_QUERIES.shortestPathUnreachable = API_QUERIES.shortestPath;

// ---------------------------------------------------------------------------------------------
// @neo4j/graphql (the `neo4j-graphql` target; its schema is servers/neo4j-graphql-schema.ts)

/** Our 4 kinds, each read both ways: @neo4j/graphql has one field per type and direction. */
export const NG_RELATION_FIELDS = [
  'fightsOut',
  'fightsIn',
  'supportsOut',
  'supportsIn',
  'negotiatesOut',
  'negotiatesIn',
  'memberOfOut',
  'memberOfIn',
] as const;

const ngConnections = (args: string, selection: string) =>
  NG_RELATION_FIELDS.map((f) => `    ${f}: ${f}Connection${args} { edges { ${selection} } }`).join('\n');

const NG_WINDOW = 'where: { edge: { since: { lte: $to }, OR: [{ until: { eq: null } }, { until: { gte: $from } }] } }';
const NG_SORT = 'sort: [{ edge: { since: ASC } }, { edge: { id: ASC } }]';

const NG_QUERIES: Record<LeafWorkload, string> = {
  nested: `query Nested($id: ID!) {
  actors(where: { id: { eq: $id } }) {
    id name kind
${ngConnections(`(${NG_SORT})`, 'properties { id since until citations { id claimant source { title publisher published } } } node { id name kind }')}
  }
}`,
  actorWindow: `query ActorWindow($id: ID!, $from: Date!, $to: Date!) {
  actors(where: { id: { eq: $id } }) {
    id
${ngConnections(`(first: ${CAPS.page}, ${NG_SORT}, ${NG_WINDOW})`, 'properties { id since until summary } node { id name }')}
  }
}`,
  monthPage: `query MonthPage($from: String!, $to: String!) {
  relationsPage(windowFrom: $from, windowTo: $to, seekSinceMax: $to, limit: ${CAPS.page + 1}) { id kind since until from { id name } to { id name } }
}`,
  neighborhood: `query Neighborhood($id: ID!, $from: String!, $to: String!) {
  neighborhood2(actor: $id, windowFrom: $from, windowTo: $to) { nodes { id name kind } edges { id kind since until from to } }
}`,
  shortestPath: `query ShortestPath($from: ID!, $to: ID!, $windowFrom: String!, $windowTo: String!) {
  shortestPath(source: $from, target: $to, windowFrom: $windowFrom, windowTo: $windowTo) { hops actors { id name } relations { id kind since until } }
}`,
  shortestPathUnreachable: '',
  timePaths: `query TimePaths($from: ID!, $to: ID!, $windowFrom: String!, $windowTo: String!) {
  timePaths(source: $from, target: $to, windowFrom: $windowFrom, windowTo: $windowTo, first: ${CAPS.pathsFirst}) { hops actors { id } relations { id kind since until } }
}`,
};
NG_QUERIES.shortestPathUnreachable = NG_QUERIES.shortestPath;

// ---------------------------------------------------------------------------------------------
// Requests

export interface BenchRequest {
  path: string;
  body: string;
}

/** The HTTP request a target gets for one pool entry. */
export function requestFor(target: TargetName, entry: PoolEntry): BenchRequest {
  switch (target) {
    case 'api':
    case 'embedded':
      return { path: '/graphql', body: JSON.stringify({ query: API_QUERIES[entry.workload], variables: entry.args }) };
    case 'neo4j-graphql':
      return { path: '/graphql', body: JSON.stringify({ query: NG_QUERIES[entry.workload], variables: entry.args }) };
    case 'driver':
      return { path: `/${entry.workload}`, body: JSON.stringify(entry.args) };
  }
}

/** The GraphQL operation of a workload for our API, for the README and the report. */
export const apiQuery = (workload: LeafWorkload) => API_QUERIES[workload];
export const neo4jGraphqlQuery = (workload: LeafWorkload) => NG_QUERIES[workload];
