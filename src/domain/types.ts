/** Plain types of the conflict graph. No GraphQL or Neo4j here. */

export const ACTOR_KINDS = [
  'STATE',
  'ARMED_GROUP',
  'MILITIA',
  'COALITION',
  'POLITICAL_DELEGATION',
  'INTERNATIONAL_ORGANIZATION',
  'MONITOR',
  'MEDIA',
  'PERSON',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const RELATION_KINDS = ['FIGHTS', 'SUPPORTS', 'NEGOTIATES', 'MEMBER_OF'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const DIRECTIONS = ['OUTGOING', 'INCOMING', 'ANY'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How to read a relation that has no known end: until a source says it ended, or only up to its last report. */
export const OPEN_ENDS = ['ONGOING', 'LAST_REPORTED'] as const;
export type OpenEnd = (typeof OPEN_ENDS)[number];

/** The Admiralty (NATO) grading of a source: A completely reliable ... E unreliable, F cannot be judged. */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];
/** A source nobody has graded. */
export const UNGRADED: Reliability = 'F';

/** The Admiralty credibility of one report: 1 confirmed ... 5 improbable, 6 cannot be judged. */
export const CREDIBILITY = { best: 1, worst: 6, ungraded: 6 } as const;

/** Whether a citation reports the relation or disputes it. */
export const STANCES = ['REPORTS', 'DISPUTES'] as const;
export type Stance = (typeof STANCES)[number];

/** How `since` is known: the event's own date, or only the date of the report that first mentions it. */
export const DATE_BOUNDS = ['EXACT', 'ON_OR_BEFORE'] as const;
export type DateBound = (typeof DATE_BOUNDS)[number];

/** ISO 8601 calendar date, `YYYY-MM-DD`. Lexicographic order is date order. */
export type IsoDate = string;

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description: string | null;
}

/** A relation as it is recorded: what a write gives. */
export interface RelationFacts {
  id: string;
  kind: RelationKind;
  /** For directed kinds the source (the supporter, the member); for mutual kinds as recorded. */
  from: string;
  to: string;
  since: IsoDate;
  /** null: no known end. */
  until: IsoDate | null;
  precision: DatePrecision;
  summary: string;
  places: string[];
  sinceBound: DateBound;
}

/** How well a relation is sourced, derived from its citations (see `deriveRelation`). */
export interface Evidence {
  /** Citations that report it (a disputing citation does not count). */
  sources: number;
  /** Distinct publishers among them; a citation with no publisher counts once per source. */
  publishers: number;
  /** Some reporting citation states it itself (has no claimant). */
  stated: boolean;
  /** Distinct claimants of the reporting citations, sorted. */
  claimants: string[];
  /** Every report of it is a claim by one of its own two actors (false when nothing reports it). */
  selfReported: boolean;
  /** Some citation disputes it. */
  disputed: boolean;
  /** The best grade among the sources of the reporting citations; `UNGRADED` when nothing reports it. */
  bestReliability: Reliability;
}

/**
 * A relation as the stores answer it: its facts, and what its citations vouch for. Stores keep
 * `lastReported` and `evidence` up to date on every write, so reads never recompute them.
 */
export interface Relation extends RelationFacts {
  /** The latest date a reporting citation vouches for it: max(since, latest published), capped at until. */
  lastReported: IsoDate;
  evidence: Evidence;
}

export interface Source {
  id: string;
  file: string;
  title: string;
  publisher: string | null;
  published: IsoDate;
  publishedApproximate: boolean;
  reliability: Reliability;
}

/** One source's report of one relation, with who makes the claim where the source attributes it. */
export interface Citation {
  id: string;
  relationId: string;
  sourceId: string;
  title: string;
  publisher: string | null;
  published: IsoDate;
  publishedApproximate: boolean;
  claimant: string | null;
  claimantActorId: string | null;
  /** Where in the source: a page, a paragraph, or the source's own record ids (ACLED event ids). */
  locator: string | null;
  stance: Stance;
  /** 1 (confirmed) to 6 (cannot be judged). */
  credibility: number;
}

declare const checkedWindow: unique symbol;

/**
 * A closed interval of dates; a null end is unbounded (`ALL_TIME` has both ends open). Only
 * `dateWindow` and its kin in `dates.ts` make one, after checking it, so whoever receives a
 * `DateWindow` (a store, a statement) takes it as valid and checks nothing again.
 */
export interface DateWindow {
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  readonly [checkedWindow]: true;
}

/** A window with both ends given (the span of `changes`), built by `dateSpan`. */
export type DateSpan = DateWindow & { readonly from: IsoDate; readonly to: IsoDate };

/** The evidence a relation needs to be read at all; the neutral filter keeps every relation. */
export interface EvidenceFilter {
  minSources: number;
  minPublishers: number;
  statedOnly: boolean;
  excludeDisputed: boolean;
  /** Keep relations with at least one report from a source graded this well or better; null: no condition. */
  minReliability: Reliability | null;
}

declare const checkedReading: unique symbol;

/**
 * One reading of the graph through time: the window, how open ends are read, and the evidence a
 * relation needs. Built and checked once where a request enters (`graphReading`), then passed
 * whole to every query, store method and Cypher statement.
 */
export interface Reading {
  readonly window: DateWindow;
  readonly openEnd: OpenEnd;
  readonly evidence: Readonly<EvidenceFilter>;
  readonly [checkedReading]: true;
}

export interface RelationFilter {
  kinds: RelationKind[] | null;
  reading: Reading;
  direction: Direction;
}

export interface Subgraph {
  actorIds: string[];
  relations: Relation[];
}
