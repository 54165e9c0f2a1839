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

/** ISO 8601 calendar date, `YYYY-MM-DD`. Lexicographic order is date order. */
export type IsoDate = string;

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description: string | null;
}

export interface Relation {
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
}

export interface Source {
  id: string;
  file: string;
  title: string;
  publisher: string | null;
  published: IsoDate;
  publishedApproximate: boolean;
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

export interface RelationFilter {
  kinds: RelationKind[] | null;
  window: DateWindow;
  direction: Direction;
}

export interface Subgraph {
  actorIds: string[];
  relations: Relation[];
}
