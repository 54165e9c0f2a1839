import type { Actor, Citation, IsoDate, Relation, RelationFacts, Source } from './types.js';

/**
 * Every change to the graph, fully resolved (ids assigned, citations complete), so that a store
 * can check it, apply it, and (the embedded store) journal it and replay it byte for byte.
 */
export type WriteCommand =
  | { op: 'addSource'; source: Source }
  | { op: 'updateSource'; id: string; patch: SourcePatch }
  | { op: 'createActor'; actor: Actor }
  | { op: 'updateActor'; id: string; patch: ActorPatch }
  | { op: 'recordRelation'; relation: RelationFacts; citations: Citation[] }
  | { op: 'closeRelation'; id: string; until: IsoDate }
  | { op: 'updateRelation'; id: string; patch: RelationPatch }
  | { op: 'retractRelation'; id: string }
  /** A retracted relation back as it was, with its citations (from the retraction's edit). */
  | { op: 'restoreRelation'; relation: RelationFacts; citations: Citation[] }
  | { op: 'addCitation'; citation: Citation }
  | { op: 'updateCitation'; id: string; patch: CitationPatch }
  | { op: 'retractCitation'; id: string }
  | { op: 'mergeActors'; survivorId: string; mergedId: string };

/** Every operation, as the history names them (a backup's edits are checked against it). */
export const WRITE_OPERATIONS = [
  'addSource',
  'updateSource',
  'createActor',
  'updateActor',
  'recordRelation',
  'closeRelation',
  'updateRelation',
  'retractRelation',
  'restoreRelation',
  'addCitation',
  'updateCitation',
  'retractCitation',
  'mergeActors',
] as const satisfies readonly WriteCommand['op'][];
// Fails to compile when an operation is missing from the list.
const everyOperation: Record<WriteCommand['op'], true> = Object.fromEntries(
  WRITE_OPERATIONS.map((op) => [op, true]),
) as Record<(typeof WRITE_OPERATIONS)[number], true>;
void everyOperation;

/**
 * Fields to change. `aliases` replaces the list; `addAliases` adds to the list the store holds when
 * the command is applied, so two writers adding aliases at once both keep theirs.
 */
export interface ActorPatch {
  name?: string;
  kind?: Actor['kind'];
  aliases?: string[];
  addAliases?: string[];
  description?: string | null;
}

/** A relation's fields that may change in place (its kind and ends make it another relation). */
export type RelationPatch = Partial<
  Pick<RelationFacts, 'since' | 'until' | 'precision' | 'summary' | 'places' | 'sinceBound'>
>;

/** A source's grading may change; what it is (title, publisher, date) is copied into its citations and does not. */
export type SourcePatch = Partial<Pick<Source, 'reliability'>>;

/** How a citation reports its relation, and how credible that report is. */
export type CitationPatch = Partial<Pick<Citation, 'stance' | 'credibility'>>;

/**
 * What a write touched, for the API's answer and the `graphChanged` subscription. The first actor
 * id is the actor written (for a merge the survivor, then the merged actor; for a relation its two
 * ends, as written), the first relation, citation or source id likewise.
 */
export interface WriteResult {
  actorIds: string[];
  relationIds: string[];
  citationIds: string[];
  sourceIds: string[];
  /** What a retraction removed, as it was just before: the answer of `retractRelation` and `retractCitation`. */
  removed?: { relations: Relation[]; citations: Citation[] };
}

export const touched = (parts: Partial<WriteResult>): WriteResult => ({
  actorIds: [],
  relationIds: [],
  citationIds: [],
  sourceIds: [],
  ...parts,
});

/** The actor after a patch; aliases deduplicated, the name never listed as its own alias. */
export function patchActor(actor: Actor, patch: ActorPatch): Actor {
  const { addAliases = [], ...fields } = patch;
  const next = { ...actor, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as Actor;
  return { ...next, aliases: uniqueAliases([...next.aliases, ...addAliases], next.name) };
}

export function uniqueAliases(aliases: readonly string[], name: string): string[] {
  const seen = new Set<string>([name]);
  return aliases.filter((a) => !seen.has(a) && (seen.add(a), true));
}

/** The survivor of a merge takes the merged actor's name and aliases as aliases. */
export const mergedActor = (survivor: Actor, merged: Actor): Actor => ({
  ...survivor,
  aliases: uniqueAliases([...survivor.aliases, merged.name, ...merged.aliases], survivor.name),
});

/** A relation with one end moved from `mergedId` to `survivorId`. */
export const repointRelation = <R extends RelationFacts>(relation: R, mergedId: string, survivorId: string): R => ({
  ...relation,
  from: relation.from === mergedId ? survivorId : relation.from,
  to: relation.to === mergedId ? survivorId : relation.to,
});
