import { startsAfter } from '../../domain/dates.js';
import type { DateWindow, Relation } from '../../domain/types.js';

/** Below this many relations an actor's list is scanned whole: cheaper than assembling candidates. */
const SMALL_LIST = 64;
/** Windows spanning more calendar years than this scan the whole list too. */
const MAX_YEARS = 4;
/** Relations that lasted longer than this many years are kept with the open ones, not per year. */
const MAX_SPAN = 25;

interface ActorYears {
  /** Relations with no end (or a very long one), in `since` order. */
  open: Relation[];
  /** Ended relations, under every calendar year they were active in. */
  years: Map<number, Relation[]>;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * Per actor, the relations that can be active in a date window, found without walking the actor's
 * whole history: a hub of thousands of relations over a decade has a few hundred in any half year.
 * Walks through time (shortest paths, path enumeration, neighbourhoods) ask for these candidates
 * at every step and still check each one exactly.
 *
 * Built lazily, one actor at a time, from the store's per-actor lists; the store clears it on every
 * write, so it never answers from a stale graph.
 */
export class ActiveIndex {
  private readonly byActor = new Map<string, ActorYears>();

  constructor(private readonly relationsOf: (actorId: string) => readonly Relation[]) {}

  clear(): void {
    this.byActor.clear();
  }

  /**
   * Relations touching `actorId` that may be active in `window`: every one that is, perhaps a few
   * more (callers filter). Without a bounded window, the actor's whole list.
   */
  candidates(actorId: string, window: DateWindow): readonly Relation[] {
    const all = this.relationsOf(actorId);
    if (window.from === null || window.to === null || all.length < SMALL_LIST) return all;
    const [first, last] = [yearOf(window.from), yearOf(window.to)];
    if (last - first >= MAX_YEARS) return all;
    const entry = this.entry(actorId, all);
    const found: Relation[] = [];
    for (const relation of entry.open) {
      if (startsAfter(relation, window)) break;
      found.push(relation);
    }
    for (let year = first; year <= last; year++) {
      // A relation also listed under the year before is taken there, once.
      const yearStart = `${String(year).padStart(4, '0')}-01-01`;
      for (const relation of entry.years.get(year) ?? []) {
        if (year === first || relation.since >= yearStart) found.push(relation);
      }
    }
    return found;
  }

  private entry(actorId: string, all: readonly Relation[]): ActorYears {
    let entry = this.byActor.get(actorId);
    if (entry) return entry;
    entry = { open: [], years: new Map() };
    for (const relation of all) {
      if (relation.until === null || yearOf(relation.until) - yearOf(relation.since) > MAX_SPAN) {
        entry.open.push(relation);
        continue;
      }
      for (let year = yearOf(relation.since); year <= yearOf(relation.until); year++) {
        const list = entry.years.get(year);
        if (list) list.push(relation);
        else entry.years.set(year, [relation]);
      }
    }
    this.byActor.set(actorId, entry);
    return entry;
  }
}
