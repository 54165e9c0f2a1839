import { isDeepStrictEqual } from 'node:util';
import type { Dataset } from '../../dataset/dataset.js';
import { startsAfter } from '../../domain/dates.js';
import { changeDates } from '../../domain/changes.js';
import { deriveRelation, factsOf } from '../../domain/evidence.js';
import { hasEvidence, inReading } from '../../domain/reading.js';
import { citationWithDefaults, factsWithDefaults, sourceWithDefaults } from '../../domain/record-defaults.js';
import { compareIds, compareRelations } from '../../domain/order.js';
import { matchesFilter, otherEnd } from '../../domain/relation-kinds.js';
import { foldForSearch } from '../../domain/search.js';
import {
  UNGRADED,
  type Actor,
  type Citation,
  type Reading,
  type Relation,
  type RelationFacts,
  type RelationFilter,
  type RelationKind,
  type Reliability,
  type Source,
  type Subgraph,
} from '../../domain/types.js';
import {
  mergedActor,
  patchActor,
  repointRelation,
  touched,
  type WriteCommand,
  type WriteResult,
} from '../../domain/commands.js';
import { checkCommand } from '../check-command.js';
import { editOf, subjectIn, type ReadRecord } from '../edit-record.js';
import {
  inHistory,
  recordedRelation,
  UNNAMED_WRITER,
  type Edit,
  type HistoryQuery,
  type Recorded,
} from '../../domain/edits.js';
import { MemoryWriteLog, type StateChanges, type StoredGraph, type WriteLog } from './persistence/write-log.js';
import {
  STREAM_PAGE_SIZE,
  type ActorSearch,
  type GraphStore,
  type Page,
  type ReadOptions,
  type RelationQuery,
  type SpanReading,
  type WriteAuthor,
  type WriteOptions,
  type WriteOutcome,
} from '../port.js';
import { insertSorted, upperBound } from './sorted.js';
import { ActiveIndex } from './active-index.js';
import { expandNeighborhood } from './neighborhood.js';
import type { Path, PathQuery, PathsQuery } from '../../domain/paths.js';
import { shortestPath, simplePaths } from './path-search.js';
import { SearchClock } from './search-clock.js';

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
  private readonly citationsById = new Map<string, Citation>();
  private readonly sources = new Map<string, Source>();
  private readonly reliabilityOf = (sourceId: string): Reliability =>
    this.sources.get(sourceId)?.reliability ?? UNGRADED;
  /** Ids of merged actors, to the actor each was merged into. */
  private readonly redirects = new Map<string, string>();
  /** Per actor, relations by the years they were active, for walks through a window. */
  private readonly activeIndex = new ActiveIndex((actorId) => this.actors.get(actorId)?.relations ?? []);
  /** Where writes are made durable (the data folder), and idempotency keys kept. */
  private log: WriteLog = new MemoryWriteLog();
  /** Writes run one at a time, in the order they are committed. */
  private writing: Promise<unknown> = Promise.resolve();
  /**
   * While a write runs, how to take back each change the primitives made, newest last: a refused
   * command, batch or persist is undone step by step, leaving memory exactly as it was.
   */
  private undoLog: (() => void)[] | null = null;
  /** The history, oldest first (`seq` 1, 2, 3, ...), as the write log keeps it. */
  private edits: Edit[] = [];
  /** Each relation's latest recording edit. */
  private readonly recorded = new Map<string, Recorded>();
  /** While a write runs, the ids of the records it changed, for the durable commit. */
  private changed: { [K in keyof StateChanges]: Set<string> } | null = null;

  static fromDataset(dataset: Dataset): MemoryStore {
    return MemoryStore.fromGraph({ ...dataset, redirects: [] });
  }

  /**
   * A store holding a graph as a data folder keeps it (a dataset and the ids merged away). Records
   * kept before a field existed take its default; each relation's evidence is derived anew.
   */
  static fromGraph(graph: StoredGraph): MemoryStore {
    const store = new MemoryStore();
    for (const source of graph.sources) store.sources.set(source.id, sourceWithDefaults(source));
    for (const actor of graph.actors) store.putActor(actor, false);
    store.actorOrder.sort(compareIds);
    for (const citation of graph.citations) store.putCitation(citationWithDefaults(citation));
    for (const relation of [...graph.relations].sort(compareRelations))
      store.putRelation(store.derived(factsWithDefaults(relation as RelationFacts)));
    for (const [from, to] of graph.redirects) store.redirects.set(from, to);
    return store;
  }

  /** Everything the store holds, as a data folder keeps it. */
  graph(): StoredGraph {
    return {
      sources: [...this.sources.values()],
      actors: [...this.actors.values()].map((entry) => entry.actor),
      relations: [...this.relations.values()],
      citations: [...this.citationsById.values()],
      redirects: [...this.redirects],
    };
  }

  /** Makes every later write durable in `log` before it is acknowledged (and keeps keys there). */
  attach(log: WriteLog): void {
    this.log = log;
    this.edits = log.edits();
    this.recorded.clear();
    for (const edit of this.edits) this.noteRecorded(edit);
  }

  write(command: WriteCommand, options: WriteOptions = {}): Promise<WriteOutcome> {
    const key = options.idempotencyKey ?? null;
    return this.exclusive(async () => {
      const earlier = key === null ? null : this.log.answerOf(key);
      if (earlier) return { ...earlier, replayed: true };
      const [result] = await this.commit([command], key, options.by);
      return { ...result, replayed: false };
    });
  }

  writeBatch(commands: readonly WriteCommand[], options: WriteAuthor = {}): Promise<WriteResult[]> {
    return this.exclusive(() => this.commit(commands, null, options.by));
  }

  async history(query: HistoryQuery): Promise<Page<Edit>> {
    const items: Edit[] = [];
    for (let i = this.edits.length - 1; i >= 0; i--) {
      const edit = this.edits[i];
      if (!inHistory(edit, query)) continue;
      if (items.length === query.limit) return { items, hasMore: true };
      items.push(edit);
    }
    return { items, hasMore: false };
  }

  async relationsRecorded(relationIds: readonly string[]): Promise<(Recorded | null)[]> {
    return relationIds.map((id) => this.recorded.get(id) ?? null);
  }

  importHistory(edits: readonly Edit[]): Promise<void> {
    return this.exclusive(async () => {
      if (this.edits.length > 0) throw new Error('The history is not empty: restore into an empty store');
      const sorted = [...edits].sort((a, b) => a.seq - b.seq);
      this.log.importEdits(sorted);
      this.edits = sorted;
      for (const edit of sorted) this.noteRecorded(edit);
    });
  }

  private noteRecorded(edit: Edit): void {
    const relationId = recordedRelation(edit);
    if (relationId !== null) this.recorded.set(relationId, { by: edit.by, at: edit.at });
  }

  /** Reads a record as it is now, synchronously: an edit's subject is read in the same step as the change. */
  private readonly readRecord: ReadRecord = (kind, id) => {
    switch (kind) {
      case 'source':
        return this.sources.get(id) ?? null;
      case 'actor':
        return this.actors.get(this.redirects.get(id) ?? id)?.actor ?? null;
      case 'relation':
        return this.relations.get(id) ?? null;
      case 'citation':
        return this.citationsById.get(id) ?? null;
    }
  };

  /** Runs `work` once every earlier write has finished, whatever its outcome. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writing.then(work, work);
    this.writing = result.catch(() => undefined);
    return result;
  }

  /**
   * Checks and applies the commands in order (each check sees the ones before it), then makes them
   * durable in one commit, in the same synchronous step as the last change. Any failure, a refusal,
   * a fault halfway through `apply` or a failed commit, undoes every change before the error goes back.
   */
  private async commit(
    commands: readonly WriteCommand[],
    key: string | null,
    by: string = UNNAMED_WRITER,
  ): Promise<WriteResult[]> {
    if (commands.length === 0) return [];
    const undo: (() => void)[] = [];
    this.undoLog = undo;
    this.changed = {
      actors: new Set(),
      relations: new Set(),
      citations: new Set(),
      sources: new Set(),
      redirects: new Set(),
    };
    try {
      const results: WriteResult[] = [];
      const checked: WriteCommand[] = [];
      const subjects: { before: unknown; after: unknown }[] = [];
      for (const command of commands) {
        const ready = await checkCommand(this, command);
        const before = subjectIn(this.readRecord, ready, 'before');
        const result = this.apply(ready);
        this.refreshEvidence(result);
        subjects.push({ before, after: subjectIn(this.readRecord, ready, 'after') });
        checked.push(ready);
        results.push(result);
      }
      // One time for the whole commit, taken under the write lock: `at` never goes back as `seq` goes up.
      const last = this.edits.at(-1);
      const now = new Date().toISOString();
      const stamp = { by, at: last && last.at > now ? last.at : now };
      const seq = last?.seq ?? 0;
      const logged = commands.map((command, i) => ({
        command,
        result: results[i],
        edit: editOf(seq + i + 1, stamp, checked[i], results[i], subjects[i]),
      }));
      this.log.commit(logged, key, this.changes(this.changed));
      for (const { edit } of logged) {
        this.edits.push(edit);
        this.noteRecorded(edit);
      }
      return results;
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]();
      this.activeIndex.clear();
      throw error;
    } finally {
      this.undoLog = null;
      this.changed = null;
    }
  }

  /** The records a write changed, as they are now; null where one was removed. */
  private changes(ids: { [K in keyof StateChanges]: Set<string> }): StateChanges {
    const now = <T>(ofIds: Set<string>, get: (id: string) => T | undefined) =>
      new Map([...ofIds].map((id) => [id, get(id) ?? null]));
    return {
      actors: now(ids.actors, (id) => this.actors.get(id)?.actor),
      relations: now(ids.relations, (id) => this.relations.get(id)),
      citations: now(ids.citations, (id) => this.citationsById.get(id)),
      sources: now(ids.sources, (id) => this.sources.get(id)),
      redirects: now(ids.redirects, (id) => this.redirects.get(id)),
    };
  }

  /** Applies a checked command through the primitives below, which log how to undo each change. */
  private apply(command: WriteCommand): WriteResult {
    this.activeIndex.clear();
    switch (command.op) {
      case 'addSource':
        this.putSource(command.source);
        return touched({ sourceIds: [command.source.id] });
      case 'updateSource': {
        this.putSource({ ...this.sources.get(command.id)!, ...command.patch });
        // The relations citing it are touched: their evidence (best reliability) is read anew.
        const citing = [...this.citationsById.values()].filter((c) => c.sourceId === command.id);
        return touched({ sourceIds: [command.id], relationIds: [...new Set(citing.map((c) => c.relationId))] });
      }
      case 'createActor':
        this.putActor(command.actor, true);
        return touched({ actorIds: [command.actor.id] });
      case 'updateActor':
        this.putActor(patchActor(this.actors.get(command.id)!.actor, command.patch), true);
        return touched({ actorIds: [command.id] });
      case 'recordRelation':
      case 'restoreRelation':
        command.citations.forEach((c) => this.putCitation(c));
        this.putRelation(this.derived(command.relation));
        return touched({
          relationIds: [command.relation.id],
          actorIds: [command.relation.from, command.relation.to],
          citationIds: command.citations.map((c) => c.id),
        });
      case 'closeRelation': {
        const relation = this.relations.get(command.id)!;
        this.removeRelation(relation);
        this.putRelation(this.derived({ ...factsOf(relation), until: command.until }));
        return touched({ relationIds: [relation.id], actorIds: [relation.from, relation.to] });
      }
      case 'updateRelation': {
        const relation = this.relations.get(command.id)!;
        this.removeRelation(relation);
        this.putRelation(this.derived({ ...factsOf(relation), ...command.patch }));
        return touched({ relationIds: [relation.id], actorIds: [relation.from, relation.to] });
      }
      case 'retractRelation': {
        const relation = this.relations.get(command.id)!;
        const citationIds = (this.citations.get(relation.id) ?? []).map((c) => c.id);
        const removed = { relations: [relation], citations: [...(this.citations.get(relation.id) ?? [])] };
        this.removeRelation(relation);
        for (const id of citationIds) this.removeCitation(id);
        return touched({ relationIds: [relation.id], actorIds: [relation.from, relation.to], citationIds, removed });
      }
      case 'addCitation':
        this.putCitation(command.citation);
        return touched({ citationIds: [command.citation.id], relationIds: [command.citation.relationId] });
      case 'updateCitation': {
        const citation = this.citationsById.get(command.id)!;
        this.removeCitation(command.id);
        this.putCitation({ ...citation, ...command.patch });
        return touched({ citationIds: [command.id], relationIds: [citation.relationId] });
      }
      case 'retractCitation': {
        const citation = this.citationsById.get(command.id)!;
        this.removeCitation(command.id);
        return touched({
          citationIds: [command.id],
          relationIds: [citation.relationId],
          removed: { relations: [], citations: [citation] },
        });
      }
      case 'mergeActors':
        return this.merge(command.survivorId, command.mergedId);
    }
  }

  private merge(survivorId: string, mergedId: string): WriteResult {
    const survivor = this.actors.get(survivorId)!;
    const merged = this.actors.get(mergedId)!;
    const relationIds: string[] = [];
    const citationIds: string[] = [];
    for (const relation of [...merged.relations]) {
      relationIds.push(relation.id);
      this.removeRelation(relation);
      if (otherEnd(relation, mergedId) === survivorId) {
        // A relation between the two would join the survivor to itself: it goes, with its citations.
        for (const citation of [...(this.citations.get(relation.id) ?? [])]) {
          citationIds.push(citation.id);
          this.removeCitation(citation.id);
        }
      } else {
        this.putRelation(repointRelation(relation, mergedId, survivorId));
      }
    }
    const claimed = [...this.citationsById.values()].filter((c) => c.claimantActorId === mergedId);
    for (const citation of claimed) {
      this.removeCitation(citation.id);
      this.putCitation({ ...citation, claimantActorId: survivorId });
      citationIds.push(citation.id);
    }
    this.putActor(mergedActor(survivor.actor, merged.actor), true);
    this.removeActor(mergedId);
    for (const [from, to] of this.redirects) if (to === mergedId) this.setRedirect(from, survivorId);
    this.setRedirect(mergedId, survivorId);
    return touched({ actorIds: [survivorId, mergedId], relationIds, citationIds });
  }

  /**
   * A relation's facts with what its citations, as the store holds them now, vouch for. `facts` may
   * carry more fields (a whole relation): `deriveRelation` takes only the facts.
   */
  private derived(facts: RelationFacts): Relation {
    return deriveRelation(facts, this.citations.get(facts.id) ?? [], this.reliabilityOf);
  }

  /**
   * After a command, the relations it touched (and those of the citations it touched) take what
   * their citations now vouch for: a citation added, retracted or regraded, a source regraded, a
   * merge that made a claimant one of the relation's own actors.
   */
  private refreshEvidence(result: WriteResult): void {
    const ids = new Set(result.relationIds);
    for (const id of result.citationIds) {
      const citation = this.citationsById.get(id);
      if (citation) ids.add(citation.relationId);
    }
    for (const id of ids) {
      const relation = this.relations.get(id);
      if (!relation) continue;
      const next = this.derived(relation);
      if (isDeepStrictEqual(next, relation)) continue;
      this.removeRelation(relation);
      this.putRelation(next);
    }
  }

  // The primitives: every change to memory goes through one of these, and each logs its exact inverse
  // (positions included) while a write runs. Undone newest first, each finds memory as it left it.

  private logUndo(step: () => void): void {
    this.undoLog?.push(step);
  }

  private markChanged(kind: keyof StateChanges, id: string): void {
    this.changed?.[kind].add(id);
  }

  private putSource(source: Source): void {
    const before = this.sources.get(source.id);
    this.sources.set(source.id, source);
    this.markChanged('sources', source.id);
    this.logUndo(() => restore(this.sources, source.id, before));
  }

  private setRedirect(fromId: string, toId: string): void {
    const before = this.redirects.get(fromId);
    this.redirects.set(fromId, toId);
    this.markChanged('redirects', fromId);
    this.logUndo(() => restore(this.redirects, fromId, before));
  }

  private putActor(actor: Actor, keepOrder: boolean): void {
    const folded = [actor.name, ...actor.aliases].map(foldForSearch);
    const existing = this.actors.get(actor.id);
    this.markChanged('actors', actor.id);
    if (existing) {
      const before = { actor: existing.actor, folded: existing.folded };
      existing.actor = actor;
      existing.folded = folded;
      this.logUndo(() => Object.assign(existing, before));
      return;
    }
    this.actors.set(actor.id, { actor, folded, relations: [] });
    if (keepOrder) insertSorted(this.actorOrder, actor.id, compareIds);
    else this.actorOrder.push(actor.id);
    this.logUndo(() => {
      this.actors.delete(actor.id);
      this.actorOrder.splice(this.actorOrder.lastIndexOf(actor.id), 1);
    });
  }

  private removeActor(id: string): void {
    const entry = this.actors.get(id)!;
    const at = this.actorOrder.indexOf(id);
    this.markChanged('actors', id);
    this.actors.delete(id);
    this.actorOrder.splice(at, 1);
    this.logUndo(() => {
      this.actors.set(id, entry);
      this.actorOrder.splice(at, 0, id);
    });
  }

  private putRelation(relation: Relation): void {
    const before = this.relations.get(relation.id);
    this.relations.set(relation.id, relation);
    this.markChanged('relations', relation.id);
    let ofKind = this.byKind.get(relation.kind);
    const newKind = !ofKind;
    if (!ofKind) this.byKind.set(relation.kind, (ofKind = []));
    const lists = [
      this.timeline,
      ofKind,
      this.actors.get(relation.from)!.relations,
      this.actors.get(relation.to)!.relations,
    ];
    for (const list of lists) insertSorted(list, relation, compareRelations);
    // No undo step outside a write (a load): a closure per relation was garbage for the collector.
    if (!this.undoLog) return;
    this.logUndo(() => {
      for (const list of lists) list.splice(list.lastIndexOf(relation), 1);
      if (newKind) this.byKind.delete(relation.kind);
      restore(this.relations, relation.id, before);
    });
  }

  private removeRelation(relation: Relation): void {
    this.relations.delete(relation.id);
    this.markChanged('relations', relation.id);
    const lists = [
      this.timeline,
      this.byKind.get(relation.kind)!,
      this.actors.get(relation.from)!.relations,
      this.actors.get(relation.to)!.relations,
    ];
    const removed: [Relation[], number, Relation][] = [];
    for (const list of lists) {
      const at = list.findIndex((r) => r.id === relation.id);
      removed.push([list, at, list[at]]);
      list.splice(at, 1);
    }
    this.logUndo(() => {
      for (let i = removed.length - 1; i >= 0; i--) {
        const [list, at, item] = removed[i];
        list.splice(at, 0, item);
      }
      this.relations.set(relation.id, relation);
    });
  }

  private putCitation(citation: Citation): void {
    const existing = this.citations.get(citation.relationId);
    const list = existing ?? [];
    insertSorted(list, citation, (a, b) => compareIds(a.id, b.id));
    this.citations.set(citation.relationId, list);
    const before = this.citationsById.get(citation.id);
    this.citationsById.set(citation.id, citation);
    this.markChanged('citations', citation.id);
    if (!this.undoLog) return;
    this.logUndo(() => {
      restore(this.citationsById, citation.id, before);
      list.splice(list.lastIndexOf(citation), 1);
      if (!existing) this.citations.delete(citation.relationId);
    });
  }

  private removeCitation(id: string): void {
    const citation = this.citationsById.get(id);
    if (!citation) return;
    this.citationsById.delete(id);
    this.markChanged('citations', id);
    const list = this.citations.get(citation.relationId)!;
    const at = list.findIndex((c) => c.id === id);
    const item = list[at];
    list.splice(at, 1);
    if (list.length === 0) this.citations.delete(citation.relationId);
    this.logUndo(() => {
      this.citations.set(citation.relationId, list);
      list.splice(at, 0, item);
      this.citationsById.set(id, citation);
    });
  }

  async actorsByIds(ids: readonly string[]): Promise<(Actor | null)[]> {
    return ids.map((id) => this.actors.get(this.redirects.get(id) ?? id)?.actor ?? null);
  }

  async sourcesByIds(ids: readonly string[]): Promise<(Source | null)[]> {
    return ids.map((id) => this.sources.get(id) ?? null);
  }

  async listSources(): Promise<Source[]> {
    return [...this.sources.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  async citationsByIds(ids: readonly string[]): Promise<(Citation | null)[]> {
    return ids.map((id) => this.citationsById.get(id) ?? null);
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
    const start = query.afterId === null ? 0 : upperBound(this.actorOrder, query.afterId, compareIds);
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
    const items: Relation[] = [];
    const after = query.after;
    let hasMore = false;
    await this.walkRelations(query.kinds, query.actorId, (relation) => {
      if (after && compareRelations(relation, { ...relation, ...after }) <= 0) return true;
      if (startsAfter(relation, query.reading.window)) return false;
      if (query.kinds && !query.kinds.includes(relation.kind)) return true;
      if (!inReading(relation, query.reading)) return true;
      if (items.length === query.limit) {
        hasMore = true;
        return false;
      }
      items.push(relation);
      return true;
    });
    return { items, hasMore };
  }

  async *streamRelations(
    reading: Reading,
    kinds: RelationKind[] | null,
    pageSize = STREAM_PAGE_SIZE,
  ): AsyncIterable<Relation> {
    // Each page is found again by binary search from the last position scanned, so a write between
    // pages (which may shift the lists) neither repeats nor skips a relation that was there.
    let position: Relation | null = null;
    for (;;) {
      const list = this.candidates(kinds, null);
      const start = position === null ? 0 : upperBound(list, position, compareRelations);
      const end = Math.min(list.length, start + pageSize);
      let finished = end === list.length;
      const page: Relation[] = [];
      for (let i = start; i < end; i++) {
        const relation = list[i];
        if (startsAfter(relation, reading.window)) {
          finished = true;
          break;
        }
        if ((!kinds || kinds.includes(relation.kind)) && inReading(relation, reading)) page.push(relation);
      }
      if (end > start) position = list[end - 1];
      yield* page;
      if (finished) return;
    }
  }

  async relationsBetween(a: string, b: string, kinds: RelationKind[] | null, reading: Reading): Promise<Relation[]> {
    return (this.actors.get(a)?.relations ?? []).filter(
      (r) => otherEnd(r, a) === b && (!kinds || kinds.includes(r.kind)) && inReading(r, reading),
    );
  }

  async activeRelations(reading: Reading, kinds: RelationKind[] | null, actorId: string | null): Promise<Relation[]> {
    const result: Relation[] = [];
    await this.walkRelations(kinds, actorId, (relation) => {
      if (startsAfter(relation, reading.window)) return false;
      if ((!kinds || kinds.includes(relation.kind)) && inReading(relation, reading)) result.push(relation);
      return true;
    });
    return result;
  }

  neighborhood(
    actorId: string,
    hops: number,
    kinds: RelationKind[] | null,
    reading: Reading,
    options: ReadOptions = {},
  ): Promise<Subgraph> {
    const clock = new SearchClock(options.signal);
    const relationsOfActors = async (actorIds: readonly string[], filter: RelationFilter) => {
      const lists: Relation[][] = [];
      for (const id of actorIds) {
        if (clock.due()) await clock.pause();
        lists.push(this.activeIndex.candidates(id, filter.reading.window).filter((r) => matchesFilter(r, id, filter)));
      }
      return lists;
    };
    return expandNeighborhood({ relationsOfActors }, actorId, hops, kinds, reading);
  }

  async shortestPath(query: PathQuery, options: ReadOptions = {}): Promise<Path | null> {
    const adjacent = (actorId: string) => this.activeIndex.candidates(actorId, query.reading.window);
    return shortestPath(adjacent, query, new SearchClock(options.signal));
  }

  async paths(query: PathsQuery, options: ReadOptions = {}): Promise<Path[]> {
    const adjacent = (actorId: string) => this.activeIndex.candidates(actorId, query.reading.window);
    return simplePaths(adjacent, query, new SearchClock(options.signal));
  }

  async relationsChangedBetween(reading: SpanReading, actorId: string | null): Promise<Relation[]> {
    const { from, to } = reading.window;
    return this.candidates(null, actorId).filter(
      (r) =>
        hasEvidence(r, reading.evidence) &&
        changeDates(r, reading.openEnd).some(({ date }) => date >= from && date <= to),
    );
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await this.writing;
    this.log.close();
  }

  /**
   * Visits the relations of `candidates(kinds, actorId)` in `(since, id)` order until `visit` says
   * false. A late day of a large graph walks most of the timeline, so the walk yields to the event
   * loop between slices (`SearchClock`); after a pause it finds its place again by binary search from
   * the last relation visited, so a write meanwhile neither repeats nor skips one that was there.
   */
  private async walkRelations(
    kinds: RelationKind[] | null,
    actorId: string | null,
    visit: (relation: Relation) => boolean,
  ): Promise<void> {
    const clock = new SearchClock();
    let list = this.candidates(kinds, actorId);
    for (let i = 0; i < list.length; i++) {
      if (i > 0 && clock.due()) {
        const last = list[i - 1];
        await clock.pause();
        list = this.candidates(kinds, actorId);
        i = upperBound(list, last, compareRelations);
        if (i === list.length) return;
      }
      if (!visit(list[i])) return;
    }
  }

  /** The smallest sorted list that holds every relation a query can match. */
  private candidates(kinds: RelationKind[] | null, actorId: string | null): readonly Relation[] {
    if (actorId !== null) return this.actors.get(actorId)?.relations ?? [];
    if (kinds && kinds.length === 1) return this.byKind.get(kinds[0]) ?? [];
    return this.timeline;
  }
}

/** Puts back the value a map held for `key` before a change, or removes the key if it held none. */
function restore<K, V>(map: Map<K, V>, key: K, before: V | undefined): void {
  if (before === undefined) map.delete(key);
  else map.set(key, before);
}
