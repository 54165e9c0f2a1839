import neo4j, { type Integer } from 'neo4j-driver';
import type { Actor, Citation, Relation, Source } from '../../domain/types.js';
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

export function toRelation(row: Row): Relation {
  return {
    id: String(row.id),
    kind: row.kind as Relation['kind'],
    from: String(row.from),
    to: String(row.to),
    since: dateString(row.since)!,
    until: dateString(row.until),
    precision: row.precision as Relation['precision'],
    summary: String(row.summary),
    places: (row.places as string[] | null) ?? [],
  };
}

export interface PathRow {
  actorIds: string[];
  relations: Row[];
}

export const toPath = (row: PathRow) => ({
  actorIds: row.actorIds.map(String),
  relations: row.relations.map(toRelation),
});

export function toSource(row: Row): Source {
  return {
    id: String(row.id),
    file: String(row.file),
    title: String(row.title),
    publisher: str(row.publisher),
    published: dateString(row.published)!,
    publishedApproximate: Boolean(row.publishedApproximate),
  };
}

export function toCitation(row: Row): Citation {
  return {
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
  };
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
    relations: dataset.relations,
    citations: dataset.citations.map(citationParams),
  };
}

export const actorParams = (actor: Actor) => ({ ...actor, searchText: searchTextOf(actor) });

export const citationParams = ({ id, relationId, sourceId, claimant, claimantActorId, locator }: Citation) => ({
  id,
  relationId,
  sourceId,
  claimant,
  claimantActorId,
  locator,
});
