/**
 * The benchmark's workloads: each is one fixed operation whose arguments are drawn from a seed
 * (argument-pickers.ts) and written once per target (requests.ts): our GraphQL API, the
 * @neo4j/graphql schema in servers/neo4j-graphql-schema.ts, and a path + JSON body for the
 * bare-driver handlers in servers/driver-server.ts. This file holds the list, the caps that keep
 * every request bounded, the mix, and the arguments each workload takes.
 */
import { MAX_CAMP_RELATIONS, MAX_GRAPH_EDGES, SOLVER_BUDGET_MS } from '../src/domain/limits.js';
import type { RelationKind } from '../src/domain/types.js';

export const TARGETS = ['api', 'driver', 'neo4j-graphql', 'embedded'] as const;
export type TargetName = (typeof TARGETS)[number];

/**
 * Workloads only our API answers (camps: a solver over a day's relations; `graph` and its export;
 * `reachable`; paths under an evidence filter); the `driver` and `neo4j-graphql` targets have no
 * equivalent and skip them.
 */
export const API_ONLY_WORKLOADS = [
  'blocs',
  'alignmentSeries',
  'graphMonth',
  'exportMonth',
  'reachable',
  'evidencePaths',
] as const;

export const WORKLOADS = [
  'nested',
  'actorWindow',
  'monthPage',
  'neighborhood',
  'shortestPath',
  'shortestPathUnreachable',
  'timePaths',
  ...API_ONLY_WORKLOADS,
  'mix',
] as const;
export type WorkloadName = (typeof WORKLOADS)[number];
export type LeafWorkload = Exclude<WorkloadName, 'mix'>;

export type ApiOnlyWorkload = (typeof API_ONLY_WORKLOADS)[number];
export const API_ONLY: ReadonlySet<WorkloadName> = new Set(API_ONLY_WORKLOADS);
export const isApiOnly = (workload: WorkloadName): workload is ApiOnlyWorkload => API_ONLY.has(workload);

/**
 * The shortest measured run of a workload whose one request may take seconds: an `alignmentSeries`
 * may spend the solver's whole series budget, so a run shorter than that could complete nothing.
 */
export const MIN_MEASURED_SECONDS: Partial<Record<WorkloadName, number>> = {
  alignmentSeries: Math.ceil(SOLVER_BUDGET_MS.series / 1_000) + 2,
  blocs: Math.ceil(SOLVER_BUDGET_MS.blocs / 1_000) + 2,
};

/** Whether a target runs a workload. */
export const runs = (target: TargetName, workload: WorkloadName) =>
  !API_ONLY.has(workload) || target === 'api' || target === 'embedded';

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
  /** `alignmentSeries`: a year by month (shortened where a sample would be over the camps cap), 2 camps. */
  seriesMonths: 12,
  /**
   * `graphMonth` and `exportMonth`: a calendar month of one kind, read only where 2 publishers
   * report it. A month of the whole `large` graph holds 85,000 to 140,000 relations, over
   * `MAX_GRAPH_EDGES` (the answer would be refused); NEGOTIATES (15%) with 2 publishers (36%) holds
   * 903 to 7,566 at `large` (96-754 at `medium`, 1-10 at `small`; counted from the generator), with
   * room under the cap and under the answer-size limit (6 values per edge, 3 per node, at most
   * 8,627 nodes).
   */
  graphKinds: ['NEGOTIATES'] as RelationKind[],
  graphMinPublishers: 2,
  /*
   * `blocs` and `alignmentSeries` read the same filter: a day of the `large` graph holds 12,600
   * (2011-01-01) to over 90,000 active relations, and a camps sample over `MAX_CAMP_RELATIONS`
   * (2,000) is refused. Filtered, early-2011 days at `large` hold 648 (2011-01-01) to 1,700
   * (2011-06-01). Negotiations are friendly ties, so the split is easy: these rows measure reading
   * and answering a sample, not a hard solve (bench/camps-sample.ts measures that).
   */
  /** `reachable`: time-respecting reach in a 365-day window, 3 hops (the default). */
  reachableWindowDays: 365,
  reachableMaxHops: 3,
  /** Drawn starts reach 1 to this many actors (the answer: about 7 values per actor reached). */
  reachableMaxActors: 2_000,
  /** `evidencePaths`: simple paths over relations 2 publishers report; the rest as `timePaths`. */
  evidenceMinPublishers: 2,
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
  blocs: 0,
  alignmentSeries: 0,
  graphMonth: 0,
  exportMonth: 0,
  reachable: 0,
  evidencePaths: 0,
};

export const DESCRIPTIONS: Record<WorkloadName, string> = {
  nested: `actor by id with its relations, both ends of each and their citations (nested: the N+1 trap); actors with ${CAPS.nestedDegree[0]}-${CAPS.nestedDegree[1]} relations`,
  actorWindow: `one actor's relations active in a 90-day window, first page of ${CAPS.page} (hubs drawn by degree half of the time)`,
  monthPage: `a month's snapshot: first page of ${CAPS.page} relations active in a calendar month, with both ends`,
  neighborhood: `neighbourhood, ${CAPS.neighborhoodHops} hops in a ${CAPS.neighborhoodWindowDays}-day window (answers of 2 to ${CAPS.neighborhoodMaxEdges} relations)`,
  shortestPath: `shortestPath in a ${CAPS.shortestWindowDays}-day window, maxHops ${CAPS.shortestMaxHops}, between pairs that are connected (2+ hops)`,
  shortestPathUnreachable: `shortestPath in a ${CAPS.shortestWindowDays}-day window, maxHops ${CAPS.shortestMaxHops}, between pairs with no such path (both active in the window)`,
  timePaths: `paths with timeRespecting, maxHops ${CAPS.pathsMaxHops}, first ${CAPS.pathsFirst}, in a ${CAPS.pathsWindowDays}-day window, between pairs that have one`,
  blocs: `blocs: two camps of the actors active on a day, read with graphMonth's filter (kinds [${CAPS.graphKinds.join(', ')}], minPublishers ${CAPS.graphMinPublishers}), on days where at most ${MAX_CAMP_RELATIONS} relations pass it (MAX_CAMP_RELATIONS: the API refuses larger samples; at large only the first half of 2011 qualifies)`,
  alignmentSeries: `alignmentSeries by month from a random month's first day, read with graphMonth's filter: up to ${CAPS.seriesMonths} samples of balance and blocs, with defections, cut short before the first sample day over ${MAX_CAMP_RELATIONS} relations read`,
  graphMonth: `graph over a calendar month, kinds [${CAPS.graphKinds.join(', ')}], evidence minPublishers ${CAPS.graphMinPublishers} (about 36% of relations pass): nodes (id, name, kind) and edges (id, kind, since, until, source, target), as a front end draws it; at most ${MAX_GRAPH_EDGES} edges`,
  exportMonth: `GET /export/graph.gexf over the same month and filters as graphMonth (the streamed export, both walks); OK only on HTTP 200`,
  reachable: `reachable: actors reached by time-respecting walks of up to ${CAPS.reachableMaxHops} hops in a ${CAPS.reachableWindowDays}-day window, from actors with 2+ relations (answers of 1 to ${CAPS.reachableMaxActors} actors)`,
  evidencePaths: `paths (not time-respecting) with evidence minPublishers ${CAPS.evidenceMinPublishers} (about 36% of relations pass, filtered during the search), maxHops ${CAPS.pathsMaxHops}, first ${CAPS.pathsFirst}, in a ${CAPS.pathsWindowDays}-day window, between pairs that have one`,
  mix: '70% lookups (nested 40, actorWindow 20, monthPage 10), 20% neighbourhoods, 10% paths (shortestPath 5, timePaths 5)',
};

// ---------------------------------------------------------------------------------------------
// Arguments of each workload

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

export interface ReachArgs {
  from: string;
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
  blocs: { at: string };
  alignmentSeries: MonthArgs;
  graphMonth: MonthArgs;
  exportMonth: MonthArgs;
  reachable: ReachArgs;
  evidencePaths: PathArgs;
}

export type PoolEntry = { [K in LeafWorkload]: { workload: K; args: ArgsOf[K] } }[LeafWorkload];
