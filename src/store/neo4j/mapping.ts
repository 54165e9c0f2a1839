import neo4j, { type Integer } from 'neo4j-driver';
import { recordedRelation, type Edit } from '../../domain/edits.js';
import {
  UNGRADED,
  type Actor,
  type Citation,
  type Relation,
  type RelationFacts,
  type Source,
} from '../../domain/types.js';
import { factsOf } from '../../domain/evidence.js';
import { citationWithDefaults, factsWithDefaults, sourceWithDefaults } from '../../domain/record-defaults.js';
import { searchTextOf } from '../../domain/search.js';
import type { Dataset } from '../../dataset/dataset.js';

/**
 * The one place driver types are converted: Neo4j Dates become `YYYY-MM-DD` strings (relation
 * statements already send `since` and `until` as strings, which spares the driver decoding them), Integers
 * become numbers, absent properties become null. Nothing driver-typed leaves this module.
 */

type Row = Record<string, unknown>;

const dateString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toActor(row: Row): Actor {
  return {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind as Actor['kind'],
    aliases: (row.aliases as string[] | null) ?? [],
    description: str(row.description),
  };
}

/**
 * Whether a relation row still describes a relationship. Neo4j reads at read-committed: a read
 * that matched a relationship another transaction deletes (a retraction, a merge) before the read
 * projects it gets `type(r)` and some of its properties as null (seen: `id` kept, `kind` and `since`
 * null). Such a row is a relation that is gone:
 * not found, never a relation with null fields (GraphQL would answer "Cannot return null for
 * non-nullable field Relation.kind"). A `WHERE r.id IS NOT NULL` in Cypher would not close the
 * race (the delete can land between the test and the projection), so the rule lives here.
 */
const vanished = (row: Row | null | undefined): boolean =>
  row == null || row.id == null || row.kind == null || row.from == null || row.to == null || row.since == null;

/** The relations of some rows, without those whose relationship was deleted while they were read. */
export const toRelations = (rows: readonly (Row | null | undefined)[]): Relation[] =>
  rows.flatMap((row) => (vanished(row) ? [] : [toRelation(row!)]));

/**
 * A relationship as a relation (callers go through `toRelations`, which drops vanished rows). Its
 * evidence properties are set in every write transaction that touches it (set-relation-evidence);
 * a relationship written before they existed reads as unsourced until the store derives them when
 * it opens (`backfillEvidence`).
 */
function toRelation(row: Row): Relation {
  const facts = factsWithDefaults({
    id: String(row.id),
    kind: row.kind as Relation['kind'],
    from: String(row.from),
    to: String(row.to),
    since: dateString(row.since)!,
    until: dateString(row.until),
    precision: row.precision as Relation['precision'],
    summary: String(row.summary),
    places: (row.places as string[] | null) ?? [],
    sinceBound: (row.sinceBound ?? undefined) as Relation['sinceBound'] | undefined,
  });
  return {
    ...facts,
    lastReported: dateString(row.lastReported) ?? facts.since,
    evidence: {
      sources: row.evidenceSources == null ? 0 : toNumber(row.evidenceSources),
      publishers: row.evidencePublishers == null ? 0 : toNumber(row.evidencePublishers),
      stated: Boolean(row.evidenceStated),
      claimants: ((row.evidenceClaimants as string[] | null) ?? []).map(String),
      selfReported: Boolean(row.evidenceSelfReported),
      disputed: Boolean(row.evidenceDisputed),
      bestReliability: (row.evidenceReliability ?? UNGRADED) as Relation['evidence']['bestReliability'],
    },
  };
}

/** What `set-relation-evidence` writes for one relation. */
export const evidenceParams = (r: Relation) => ({
  id: r.id,
  from: r.from,
  to: r.to,
  lastReported: r.lastReported,
  sources: int(r.evidence.sources),
  publishers: int(r.evidence.publishers),
  stated: r.evidence.stated,
  claimants: r.evidence.claimants,
  selfReported: r.evidence.selfReported,
  disputed: r.evidence.disputed,
  reliability: r.evidence.bestReliability,
});

/** What `create-relations` and `merge-relations` write: the facts only. */
export const relationParams = (r: RelationFacts) => factsOf(r);

export interface PathRow {
  actorIds: string[];
  relations: Row[];
}

/** A path row as a path, or null when one of its relationships was deleted while it was read. */
export function toPath(row: PathRow): { actorIds: string[]; relations: Relation[] } | null {
  const relations = toRelations(row.relations);
  if (relations.length !== row.relations.length) return null;
  return { actorIds: row.actorIds.map(String), relations };
}

export function toSource(row: Row): Source {
  return sourceWithDefaults({
    id: String(row.id),
    file: String(row.file),
    title: String(row.title),
    publisher: str(row.publisher),
    published: dateString(row.published)!,
    publishedApproximate: Boolean(row.publishedApproximate),
    reliability: (row.reliability ?? undefined) as Source['reliability'] | undefined,
  });
}

export function toCitation(row: Row): Citation {
  return citationWithDefaults({
    id: String(row.id),
    relationId: String(row.relationId),
    sourceId: String(row.sourceId),
    title: String(row.title),
    publisher: str(row.publisher),
    published: dateString(row.published)!,
    publishedApproximate: Boolean(row.publishedApproximate),
    claimant: str(row.claimant),
    claimantActorId: str(row.claimantActorId),
    locator: str(row.locator),
    stance: (row.stance ?? undefined) as Citation['stance'] | undefined,
    credibility: row.credibility == null ? undefined : toNumber(row.credibility),
  });
}

/** An edit node's properties (lists Neo4j drops when empty come back empty). */
export function toEdit(row: Row): Edit {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return {
    seq: toNumber(row.seq),
    at: String(row.at),
    by: String(row.by),
    operation: String(row.operation) as Edit['operation'],
    actorIds: list(row.actorIds),
    relationIds: list(row.relationIds),
    citationIds: list(row.citationIds),
    sourceIds: list(row.sourceIds),
    before: str(row.before),
    after: str(row.after),
  };
}

/** An edit as its node keeps it; `recorded` names the relation a recording edit created, for `relations-recorded`. */
export function editParams(edit: Omit<Edit, 'seq'> & { seq?: number }) {
  const { seq, ...rest } = edit;
  return { ...rest, ...(seq === undefined ? {} : { seq: int(seq) }), recorded: recordedRelation(edit) };
}

/** A driver Integer (or plain number) as a JavaScript number. */
export const toNumber = (value: unknown): number =>
  neo4j.isInt(value) ? (value as Integer).toNumber() : Number(value);

/** Cypher's LIMIT and SKIP take integers; JavaScript numbers travel as floats. */
export const int = (value: number): Integer => neo4j.int(value);

/** The parameters of the merge statements for a dataset. */
export function datasetParams(dataset: Dataset) {
  return {
    sources: dataset.sources,
    actors: dataset.actors.map(actorParams),
    relations: dataset.relations.map(relationParams),
    citations: dataset.citations.map(citationParams),
  };
}

export const actorParams = (actor: Actor) => ({ ...actor, searchText: searchTextOf(actor) });

export const citationParams = (c: Citation) => ({
  id: c.id,
  relationId: c.relationId,
  sourceId: c.sourceId,
  claimant: c.claimant,
  claimantActorId: c.claimantActorId,
  locator: c.locator,
  stance: c.stance,
  credibility: int(c.credibility),
});
