// Every GraphQL document the explorer sends, with the shapes they return. One request per view:
// each user action (open the page, move the slider, click, search) costs exactly one POST. Every
// query that reads the graph through time takes the reading (reading.ts) as `$openEnd` and `$evidence`.

import { API_LIMITS } from './limits.js';

export type ActorKind =
  | 'STATE'
  | 'ARMED_GROUP'
  | 'MILITIA'
  | 'COALITION'
  | 'POLITICAL_DELEGATION'
  | 'INTERNATIONAL_ORGANIZATION'
  | 'MONITOR'
  | 'MEDIA'
  | 'PERSON';
export type RelationKind = 'FIGHTS' | 'SUPPORTS' | 'NEGOTIATES' | 'MEMBER_OF';
export type Precision = 'DAY' | 'MONTH' | 'YEAR';
/** The Admiralty grading of a source: A completely reliable ... E unreliable, F cannot be judged. */
export type Reliability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export type Stance = 'REPORTS' | 'DISPUTES';
/** EXACT, or ON_OR_BEFORE when `since` is the date of the first report, not of the event. */
export type DateBound = 'EXACT' | 'ON_OR_BEFORE';
export type ChangeKind = 'BEGAN' | 'ENDED' | 'LAST_REPORTED';

export interface ActorRef {
  id: string;
  name: string;
  kind: ActorKind;
}

/** A relation as drawn: enough to place and colour an edge. */
export interface EdgeRef {
  id: string;
  kind: RelationKind;
  from: { id: string };
  to: { id: string };
  since: string;
  until: string | null;
  /** The latest day a cited source vouches for it (never after `until`). */
  lastReported: string;
}

export interface Citation {
  title: string;
  /** The source's id. */
  source: string;
  publisher: string | null;
  published: string;
  publishedApproximate: boolean;
  claimant: string | null;
  claimantActor: { id: string; name: string } | null;
  stance: Stance;
  /** How credible this report is: 1 confirmed ... 5 improbable, 6 cannot be judged. */
  credibility: number;
}

/** How well a relation is sourced (the API's `Evidence`). */
export interface Evidence {
  sources: number;
  publishers: number;
  stated: boolean;
  claimants: string[];
  selfReported: boolean;
  disputed: boolean;
  bestReliability: Reliability;
}

/** Every source's grading, to show it beside each citation. */
export interface SourceGrade {
  id: string;
  reliability: Reliability;
}

export interface RelationDetail {
  id: string;
  kind: RelationKind;
  from: ActorRef;
  to: ActorRef;
  since: string;
  until: string | null;
  sinceBound: DateBound;
  lastReported: string;
  precision: Precision;
  summary: string;
  places: string[];
  citations: Citation[];
  evidence: Evidence;
}

export interface Change {
  date: string;
  change: ChangeKind;
  relation: { id: string; kind: RelationKind; from: ActorRef; to: ActorRef };
}

export interface Subgraph {
  nodes: ActorRef[];
  edges: EdgeRef[];
}

export interface Path {
  hops: number;
  actors: ActorRef[];
  relations: (EdgeRef & { precision: Precision })[];
}

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const ACTOR = 'id name kind';
const EDGE = 'id kind from { id } to { id } since until lastReported';
const CITATION =
  'title source publisher published publishedApproximate claimant claimantActor { id name } stance credibility';
const EVIDENCE = 'sources publishers stated claimants selfReported disputed bestReliability';
/** The reading's variables, declared by every query that reads the graph through time. */
const READING_VARS = '$openEnd: OpenEnd!, $evidence: EvidenceFilter';
const READING_ARGS = 'openEnd: $openEnd, evidence: $evidence';
/** Opening the page loads every actor and relation: the largest pages the API serves. */
const ACTORS_PAGE = API_LIMITS.actorsFirst.max;
const RELATIONS_PAGE = API_LIMITS.relationsFirst.max;

const RELATION_DETAIL = `id kind from { ${ACTOR} } to { ${ACTOR} } since until sinceBound lastReported precision summary places citations { ${CITATION} } evidence { ${EVIDENCE} }`;

/**
 * Opening the page: every actor (for the pickers), every relation (to lay out one stable map for
 * all dates) and every change (its first and last dates are the dataset's range; its dates mark
 * the slider). Both lists are paged; later pages use the `More*` queries. These take no reading on
 * purpose: the map and the range stay the same whatever the reading, so changing it moves nothing.
 */
export const BOOTSTRAP = `query Bootstrap {
  actors(first: ${ACTORS_PAGE}) { edges { node { ${ACTOR} } } pageInfo { hasNextPage endCursor } }
  relations(first: ${RELATIONS_PAGE}) { edges { node { ${EDGE} } } pageInfo { hasNextPage endCursor } }
  changes(from: "1000-01-01", to: "9999-12-31") { date change }
}`;
export interface BootstrapData {
  actors: Page<ActorRef>;
  relations: Page<EdgeRef>;
  changes: { date: string; change: ChangeKind }[];
}

export const MORE_ACTORS = `query MoreActors($after: String) { actors(first: ${ACTORS_PAGE}, after: $after) { edges { node { ${ACTOR} } } pageInfo { hasNextPage endCursor } } }`;
export const MORE_RELATIONS = `query MoreRelations($after: String) { relations(first: ${RELATIONS_PAGE}, after: $after) { edges { node { ${EDGE} } } pageInfo { hasNextPage endCursor } } }`;
export type MoreActorsData = { actors: Page<ActorRef> };
export type MoreRelationsData = { relations: Page<EdgeRef> };

/**
 * The kinds camps are read from: "who allied with whom" (the schema's advice for `blocs`). Talks
 * (NEGOTIATES) join enemies at one table and, counted as friendly, would pull them into one camp.
 */
const CAMP_KINDS = '[FIGHTS, SUPPORTS, MEMBER_OF]';

/** The camps of a day: actor ids, largest camp first. */
export interface Blocs {
  camps: { id: string }[][];
  frustration: number;
  optimal: boolean;
}

/** Camps through time: balance and camps every month of a span, and who changed camp. */
export const ALIGNMENT = `query Alignment($from: Date!, $to: Date!, ${READING_VARS}) {
  alignmentSeries(from: $from, to: $to, step: MONTH, kinds: ${CAMP_KINDS}, ${READING_ARGS}) {
    at
    balance { balancedShare triads }
    blocs { frustration optimal camps { id } }
    defections { actor { ${ACTOR} } fromCamp toCamp relations { id kind from { ${ACTOR} } to { ${ACTOR} } } }
  }
}`;
export interface Defection {
  actor: ActorRef;
  fromCamp: number;
  toCamp: number;
  relations: { id: string; kind: RelationKind; from: ActorRef; to: ActorRef }[];
}
export interface Alignment {
  at: string;
  balance: { balancedShare: number | null; triads: number };
  blocs: Blocs;
  defections: Defection[];
}
export type AlignmentData = { alignmentSeries: Alignment[] };

/**
 * Moving the slider: the graph on the day and what began or ended since the previous day shown;
 * with an actor selected, also its neighbourhood that day.
 */
export function snapshotQuery(withNeighbourhood: boolean): string {
  const header = withNeighbourhood
    ? `$at: Date!, $from: Date!, $to: Date!, $actor: ID!, $hops: Int!, ${READING_VARS}`
    : `$at: Date!, $from: Date!, $to: Date!, ${READING_VARS}`;
  return `query Snapshot(${header}) {
  snapshot(at: $at, ${READING_ARGS}) { nodes { ${ACTOR} } edges { ${EDGE} } }
  blocs(at: $at, kinds: ${CAMP_KINDS}, ${READING_ARGS}) { camps { id } frustration optimal }
  changes(from: $from, to: $to, ${READING_ARGS}) { date change relation { id kind from { ${ACTOR} } to { ${ACTOR} } } }${
    withNeighbourhood
      ? `\n  neighborhood(actor: $actor, hops: $hops, window: { from: $at, to: $at }, ${READING_ARGS}) { nodes { ${ACTOR} } edges { ${EDGE} } }`
      : ''
  }
}`;
}
export interface SnapshotData {
  snapshot: Subgraph;
  blocs: Blocs;
  changes: Change[];
  neighborhood?: Subgraph;
}

/**
 * Clicking an actor: who it is, its neighbourhood on the day, and every relation it ever had that
 * passes the evidence filter, with citations (and the sources' grades, to show beside them).
 */
export const ACTOR_DETAIL = `query ActorDetail($id: ID!, $at: Date!, $hops: Int!, ${READING_VARS}) {
  actor(id: $id) {
    ${ACTOR} aliases description
    relations(${READING_ARGS}) { ${RELATION_DETAIL} }
  }
  neighborhood(actor: $id, hops: $hops, window: { from: $at, to: $at }, ${READING_ARGS}) { nodes { ${ACTOR} } edges { ${EDGE} } }
  sources { id reliability }
}`;
export interface ActorDetailData {
  actor: (ActorRef & { aliases: string[]; description: string | null; relations: RelationDetail[] }) | null;
  neighborhood: Subgraph;
  sources: SourceGrade[];
}

/** Clicking a relation (a relation by id is shown whatever the reading; the panel says how it reads). */
export const RELATION = `query Relation($id: ID!) { relation(id: $id) { ${RELATION_DETAIL} } sources { id reliability } }`;
export interface RelationData {
  relation: RelationDetail | null;
  sources: SourceGrade[];
}

/** The path finder: the shortest path and the time-respecting paths (as many as the API gives by default) in one request. */
export const PATHS = `query Paths($from: ID!, $to: ID!, $window: DateWindow!, $maxHops: Int!, $directed: Boolean!, ${READING_VARS}) {
  shortestPath(from: $from, to: $to, window: $window, maxHops: $maxHops, directed: $directed, ${READING_ARGS}) {
    hops actors { ${ACTOR} } relations { ${EDGE} precision }
  }
  paths(from: $from, to: $to, window: $window, maxHops: $maxHops, directed: $directed, timeRespecting: true, ${READING_ARGS}) {
    hops actors { ${ACTOR} } relations { ${EDGE} precision }
  }
}`;
export interface PathsData {
  shortestPath: Path | null;
  paths: Path[];
}
