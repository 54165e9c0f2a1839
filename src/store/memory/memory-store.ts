import type { Dataset } from '../../dataset/dataset.js';
import { isActiveIn } from '../../domain/dates.js';
import { compareIds, compareRelations } from '../../domain/order.js';
import { matchesFilter, otherEnd } from '../../domain/relation-kinds.js';
import { foldForSearch } from '../../domain/search.js';
import type { Actor, Citation, DateWindow, Relation, RelationFilter, RelationKind, Subgraph } from '../../domain/types.js';
import type { ActorSearch, GraphStore, Page, RelationQuery } from '../port.js';
import { insertSorted } from './sorted.js';
import { expandNeighborhood } from '../expand-neighborhood.js';
import type { Path, PathQuery, PathsQuery } from '../../domain/paths.js';
import { shortestPath, simplePaths } from './path-search.js';

interface ActorEntry {
  actor: Actor;
  /** Name and aliases, folded once for search. */
  folded: string[];
  /** Relations touching the actor, in (since, id) order. */
  relations: Relation[];
}

/**
 * The embedded store: everything in memory, indexed by id, by actor and by kind so no lookup
 * scans the whole graph. Lists are kept sorted as they are built, so reads only slice them.
 */
export class MemoryStore implements GraphStore {
  readonly name = 'memory';
  private readonly actors = new Map<string, ActorEntry>();
  private actorOrder: string[] = [];
  private readonly relations = new Map<string, Relation>();
  /** Every relation in (since, id) order. */
  private readonly timeline: Relation[] = [];
  private readonly byKind = new Map<RelationKind, Relation[]>();
  private readonly citations = new Map<string, Citation[]>();

  static fromDataset(dataset: Dataset): MemoryStore {
    const store = new MemoryStore();
    for (const actor of dataset.actors) store.putActor(actor);
    store.actorOrder.sort(compareIds);
    for (const relation of [...dataset.relations].sort(compareRelations)) store.putRelation(relation);
    for (const citation of dataset.citations) store.putCitation(citation);
    return store;
  }

  private putActor(actor: Actor): void {
    const folded = [actor.name, ...actor.aliases].map(foldForSearch);
    const existing = this.actors.get(actor.id);
    if (existing) {
      existing.actor = actor;
      existing.folded = folded;
      return;
    }
    this.actors.set(actor.id, { actor, folded, relations: [] });
    this.actorOrder.push(actor.id);
  }

  private putRelation(relation: Relation): void {
    this.relations.set(relation.id, relation);
    insertSorted(this.timeline, relation, compareRelations);
    let ofKind = this.byKind.get(relation.kind);
    if (!ofKind) this.byKind.set(relation.kind, (ofKind = []));
    insertSorted(ofKind, relation, compareRelations);
    for (const end of [relation.from, relation.to]) insertSorted(this.actors.get(end)!.relations, relation, compareRelations);
  }

  private putCitation(citation: Citation): void {
    const list = this.citations.get(citation.relationId) ?? [];
    insertSorted(list, citation, (a, b) => compareIds(a.id, b.id));
    this.citations.set(citation.relationId, list);
  }

  async actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]> {
    return ids.map((id) => this.actors.get(id)?.actor ?? null);
  }

  async relationsByIds(ids: readonly string[]): Promise<(Relation | null)[]> {
    return ids.map((id) => this.relations.get(id) ?? null);
  }

  async citationsOfRelations(relationIds: readonly string[]): Promise<Citation[][]> {
    return relationIds.map((id) => this.citations.get(id) ?? []);
  }

  async relationsOfActors(actorIds: readonly string[], filter: RelationFilter): Promise<Relation[][]> {
    return actorIds.map((id) => (this.actors.get(id)?.relations ?? []).filter((r) => matchesFilter(r, id, filter)));
  }

  async searchActors(query: ActorSearch): Promise<Page<Actor>> {
    const items: Actor[] = [];
    const start = query.afterId === null ? 0 : upperBound(this.actorOrder, query.afterId);
    for (let i = start; i < this.actorOrder.length; i++) {
      const entry = this.actors.get(this.actorOrder[i])!;
      if (query.kinds && !query.kinds.includes(entry.actor.kind)) continue;
      if (query.foldedSearch && !entry.folded.some((name) => name.includes(query.foldedSearch!))) continue;
      if (items.length === query.limit) return { items, hasMore: true };
      items.push(entry.actor);
    }
    return { items, hasMore: false };
  }

  async listRelations(query: RelationQuery): Promise<Page<Relation>> {
    const source = this.candidates(query.kinds, query.actorId);
    const items: Relation[] = [];
    const after = query.after;
    for (const relation of source) {
      if (after && compareRelations(relation, { ...relation, ...after }) <= 0) continue;
      if (query.window?.to != null && relation.since > query.window.to) break;
      if (query.kinds && !query.kinds.includes(relation.kind)) continue;
      if (!isActiveIn(relation, query.window)) continue;
      if (items.length === query.limit) return { items, hasMore: true };
      items.push(relation);
    }
    return { items, hasMore: false };
  }

  async relationsBetween(a: string, b: string, kinds: RelationKind[] | null): Promise<Relation[]> {
    return (this.actors.get(a)?.relations ?? []).filter((r) => otherEnd(r, a) === b && (!kinds || kinds.includes(r.kind)));
  }

  async activeRelations(window: DateWindow, kinds: RelationKind[] | null, actorId: string | null): Promise<Relation[]> {
    const result: Relation[] = [];
    for (const relation of this.candidates(kinds, actorId)) {
      if (window.to !== null && relation.since > window.to) break;
      if ((!kinds || kinds.includes(relation.kind)) && isActiveIn(relation, window)) result.push(relation);
    }
    return result;
  }

  neighborhood(actorId: string, hops: number, kinds: RelationKind[] | null, window: DateWindow | null): Promise<Subgraph> {
    return expandNeighborhood(this, actorId, hops, kinds, window);
  }

  async shortestPath(query: PathQuery): Promise<Path | null> {
    return shortestPath(this.adjacent, query);
  }

  async paths(query: PathsQuery): Promise<Path[]> {
    return simplePaths(this.adjacent, query);
  }

  async relationsChangedBetween(from: string, to: string, actorId: string | null): Promise<Relation[]> {
    const inRange = (date: string | null) => date !== null && date >= from && date <= to;
    return this.candidates(null, actorId).filter((r) => inRange(r.since) || inRange(r.until));
  }

  private readonly adjacent = (actorId: string): readonly Relation[] => this.actors.get(actorId)?.relations ?? [];

  async close(): Promise<void> {}

  /** The smallest sorted list that holds every relation a query can match. */
  private candidates(kinds: RelationKind[] | null, actorId: string | null): readonly Relation[] {
    if (actorId !== null) return this.actors.get(actorId)?.relations ?? [];
    if (kinds && kinds.length === 1) return this.byKind.get(kinds[0]) ?? [];
    return this.timeline;
  }
}

/** Index of the first element greater than `id` in a sorted list. */
function upperBound(sorted: readonly string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
