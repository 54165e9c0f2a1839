// Every GraphQL document the explorer sends, with the shapes they return. One request per view:
// each user action (open the page, move the slider, click, search) costs exactly one POST.

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
}

export interface Citation {
  title: string;
  publisher: string | null;
  published: string;
  publishedApproximate: boolean;
  claimant: string | null;
  claimantActor: { id: string; name: string } | null;
}

export interface RelationDetail {
  id: string;
  kind: RelationKind;
  from: ActorRef;
  to: ActorRef;
  since: string;
  until: string | null;
  precision: Precision;
  summary: string;
  places: string[];
  citations: Citation[];
}

export interface Change {
  date: string;
  change: 'BEGAN' | 'ENDED';
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
const EDGE = 'id kind from { id } to { id } since until';
const CITATION = 'title publisher published publishedApproximate claimant claimantActor { id name }';
/** Opening the page loads every actor and relation: the largest pages the API serves. */
const ACTORS_PAGE = API_LIMITS.actorsFirst.max;
const RELATIONS_PAGE = API_LIMITS.relationsFirst.max;

const RELATION_DETAIL = `id kind from { ${ACTOR} } to { ${ACTOR} } since until precision summary places citations { ${CITATION} }`;

/**
 * Opening the page: every actor (for the pickers), every relation (to lay out one stable map for
 * all dates) and every change (its first and last dates are the dataset's range; its dates mark
 * the slider). Both lists are paged; later pages use the `More*` queries.
 */
export const BOOTSTRAP = `query Bootstrap {
  actors(first: ${ACTORS_PAGE}) { edges { node { ${ACTOR} } } pageInfo { hasNextPage endCursor } }
  relations(first: ${RELATIONS_PAGE}) { edges { node { ${EDGE} } } pageInfo { hasNextPage endCursor } }
  changes(from: "1000-01-01", to: "9999-12-31") { date change }
}`;
export interface BootstrapData {
  actors: Page<ActorRef>;
  relations: Page<EdgeRef>;
  changes: { date: string; change: 'BEGAN' | 'ENDED' }[];
}

export const MORE_ACTORS = `query MoreActors($after: String) { actors(first: ${ACTORS_PAGE}, after: $after) { edges { node { ${ACTOR} } } pageInfo { hasNextPage endCursor } } }`;
export const MORE_RELATIONS = `query MoreRelations($after: String) { relations(first: ${RELATIONS_PAGE}, after: $after) { edges { node { ${EDGE} } } pageInfo { hasNextPage endCursor } } }`;
export type MoreActorsData = { actors: Page<ActorRef> };
export type MoreRelationsData = { relations: Page<EdgeRef> };

/**
 * Moving the slider: the graph on the day and what began or ended since the previous day shown;
 * with an actor selected, also its neighbourhood that day.
 */
export function snapshotQuery(withNeighbourhood: boolean): string {
  const header = withNeighbourhood
    ? '$at: Date!, $from: Date!, $to: Date!, $actor: ID!, $hops: Int!'
    : '$at: Date!, $from: Date!, $to: Date!';
  return `query Snapshot(${header}) {
  snapshot(at: $at) { nodes { ${ACTOR} } edges { ${EDGE} } }
  changes(from: $from, to: $to) { date change relation { id kind from { ${ACTOR} } to { ${ACTOR} } } }${
    withNeighbourhood
      ? `\n  neighborhood(actor: $actor, hops: $hops, window: { from: $at, to: $at }) { nodes { ${ACTOR} } edges { ${EDGE} } }`
      : ''
  }
}`;
}
export interface SnapshotData {
  snapshot: Subgraph;
  changes: Change[];
  neighborhood?: Subgraph;
}

/** Clicking an actor: who it is, its neighbourhood on the day, and every relation it ever had, with citations. */
export const ACTOR_DETAIL = `query ActorDetail($id: ID!, $at: Date!, $hops: Int!) {
  actor(id: $id) {
    ${ACTOR} aliases description
    relations { ${RELATION_DETAIL} }
  }
  neighborhood(actor: $id, hops: $hops, window: { from: $at, to: $at }) { nodes { ${ACTOR} } edges { ${EDGE} } }
}`;
export interface ActorDetailData {
  actor: (ActorRef & { aliases: string[]; description: string | null; relations: RelationDetail[] }) | null;
  neighborhood: Subgraph;
}

/** Clicking a relation. */
export const RELATION = `query Relation($id: ID!) { relation(id: $id) { ${RELATION_DETAIL} } }`;
export interface RelationData {
  relation: RelationDetail | null;
}

/** The path finder: the shortest path and the time-respecting paths (as many as the API gives by default) in one request. */
export const PATHS = `query Paths($from: ID!, $to: ID!, $window: DateWindow!, $maxHops: Int!, $directed: Boolean!) {
  shortestPath(from: $from, to: $to, window: $window, maxHops: $maxHops, directed: $directed) {
    hops actors { ${ACTOR} } relations { ${EDGE} precision }
  }
  paths(from: $from, to: $to, window: $window, maxHops: $maxHops, directed: $directed, timeRespecting: true) {
    hops actors { ${ACTOR} } relations { ${EDGE} precision }
  }
}`;
export interface PathsData {
  shortestPath: Path | null;
  paths: Path[];
}
