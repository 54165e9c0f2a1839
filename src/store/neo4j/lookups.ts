import { MUTUAL_KINDS } from '../../domain/relation-kinds.js';
import type { Actor, Citation, Relation, RelationFilter, Source } from '../../domain/types.js';
import type { WriteView } from '../check-command.js';
import { toActor, toCitation, toRelations, toSource } from './mapping.js';
import { readingParams, type StatementName } from './statements.js';

/** Runs one statement by name and returns its records as plain objects. */
export type Run = <T>(name: StatementName, params: Record<string, unknown>) => Promise<T[]>;

type Row = Record<string, unknown>;

/**
 * The batched lookups by id, over any way of running a statement: the store's auto-commit reads,
 * or a write transaction checking a command before it changes anything.
 */
export class Lookups implements WriteView {
  constructor(private readonly run: Run) {}

  async actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]> {
    const rows = await this.run<{ asked: string; actor: Row }>('actors-by-ids', { ids: unique(ids) });
    const byId = new Map(rows.map((row) => [row.asked, toActor(row.actor)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]> {
    const rows = await this.run<{ relation: Row }>('relations-by-ids', { ids: unique(ids) });
    return inOrder(ids, toRelations(rows.map((row) => row.relation)));
  }

  async sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]> {
    const rows = await this.run<{ source: Row }>('sources-by-ids', { ids: unique(ids) });
    return inOrder(
      ids,
      rows.map((row) => toSource(row.source)),
    );
  }

  async citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]> {
    const rows = await this.run<{ citation: Row }>('citations-by-ids', { ids: unique(ids) });
    return inOrder(
      ids,
      rows.map((row) => toCitation(row.citation)),
    );
  }

  async citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]> {
    const rows = await this.run<{ citation: Row }>('citations-of-relations', { ids: unique(relationIds) });
    return groupInOrder(
      relationIds,
      rows.map((row) => toCitation(row.citation)),
      (c) => c.relationId,
    );
  }

  async relationsOfActors(actorIds: readonly string[], filter: RelationFilter): Promise<Relation[][]> {
    const rows = await this.run<{ actorId: string; relation: Row }>('relations-of-actors', {
      ids: unique(actorIds),
      kinds: filter.kinds,
      ...readingParams(filter.reading),
      direction: filter.direction,
      mutualKinds: [...MUTUAL_KINDS],
    });
    return groupInOrder(actorIds, rows, (row) => row.actorId).map((list) =>
      toRelations(list.map((row) => row.relation)),
    );
  }
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

function inOrder<T extends { id: string }>(ids: readonly string[], items: T[]): (T | null)[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}

function groupInOrder<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item)) ?? [];
    list.push(item);
    groups.set(keyOf(item), list);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
