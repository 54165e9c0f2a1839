import { setImmediate as nextTurn } from 'node:timers/promises';
import { balanceAt, type BalanceReport } from '../balance.js';
import { compareIds, compareRelations } from '../order.js';
import type { IsoDate, Relation } from '../types.js';
import { blocsAt, type BlocsReport } from './blocs.js';
import type { SplitBudget } from './solver.js';

export const STEPS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Step = (typeof STEPS)[number];

const MONTHS: Record<Exclude<Step, 'WEEK'>, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/**
 * The sample dates of a series: `from`, then `from` plus one step, two steps, ... while the date
 * is on or before `to`. A step of months keeps `from`'s day of the month, or the month's last day
 * when it has fewer days (from 2018-01-31 by MONTH: 2018-02-28, 2018-03-31, ...). `max` bounds the
 * count: past it the function stops and returns `max + 1` dates, so the caller can refuse.
 */
export function sampleDates(from: IsoDate, to: IsoDate, step: Step, max: number): IsoDate[] {
  const [y, m, d] = from.split('-').map(Number);
  const dates: IsoDate[] = [];
  for (let i = 0; dates.length <= max; i++) {
    let date: Date;
    if (step === 'WEEK') date = new Date(Date.UTC(y, m - 1, d + 7 * i));
    else {
      const month = m - 1 + MONTHS[step] * i;
      const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
      date = new Date(Date.UTC(y, month, Math.min(d, last)));
    }
    const iso = date.toISOString().slice(0, 10);
    if (iso > to) break;
    dates.push(iso);
  }
  return dates;
}

/** An actor whose camp changed between the previous sample and this one. */
export interface Defection {
  actorId: string;
  /** Its camp in the previous sample (an index into that sample's camps). */
  fromCamp: number;
  /** Its camp in this sample (an index into this sample's camps). */
  toCamp: number;
  /**
   * Why: its relations that started or ended between the two samples (active on one of the two
   * days and not on the other), and those that break this sample's split; oldest first.
   */
  relations: Relation[];
}

export interface AlignmentSample {
  at: IsoDate;
  balance: BalanceReport;
  blocs: BlocsReport;
  /** Empty for the first sample. Ordered by actor id. */
  defections: Defection[];
}

/**
 * The best matching of the previous sample's camps to this one's: the permutation (of at most
 * four camps, padded with empty ones) under which the most actors present on both days keep their
 * camp; the first such permutation in lexicographic order on a tie. Returns previous camp -> camp.
 */
export function matchCamps(
  previous: readonly string[][],
  current: readonly string[][],
  campBefore: ReadonlyMap<string, number> = campIndex(previous),
): number[] {
  const size = Math.max(previous.length, current.length);
  // Counted from the current camps' side, so a part of a large sample costs its own actors only.
  const overlap = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  current.forEach((ids, j) => {
    for (const id of ids) {
      const i = campBefore.get(id);
      if (i !== undefined) overlap[i][j]++;
    }
  });
  let best: number[] = [];
  let bestKept = -1;
  for (const perm of permutations(size)) {
    const kept = perm.reduce((sum, j, i) => sum + overlap[i][j], 0);
    if (kept > bestKept) [best, bestKept] = [perm, kept];
  }
  return best;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  const walk = (prefix: number[]) => {
    if (prefix.length === n) return void result.push(prefix);
    for (let j = 0; j < n; j++) if (!prefix.includes(j)) walk([...prefix, j]);
  };
  walk([]);
  return result;
}

const campIndex = (camps: readonly string[][]) => new Map(camps.flatMap((ids, c) => ids.map((id) => [id, c] as const)));

/**
 * The actors present in both samples whose matched camp differs, with the relations behind it.
 * Camps are matched separately for each connected part of this sample's graph: parts with no
 * relation between them are placed in camps independently (`bestSplit` merges them by rank), so a
 * part that keeps together while ranks shift (a mediator's delegation, say) is not a defection.
 * Likewise an actor whose part held a single camp at the previous sample had no tie placing it on
 * either side (its camp was a rank, not a side): joining a side later is not changing sides.
 */
export function defections(
  previous: { blocs: BlocsReport; active: readonly Relation[] },
  current: { blocs: BlocsReport; active: readonly Relation[] },
): Defection[] {
  const campBefore = campIndex(previous.blocs.camps);
  const partBefore = connectedParts(previous.active);
  const campsOfPartBefore = new Map<string, Set<number>>();
  for (const [id, part] of partBefore) {
    const camps = campsOfPartBefore.get(part) ?? new Set<number>();
    camps.add(campBefore.get(id) ?? -1);
    campsOfPartBefore.set(part, camps);
  }
  const sideBefore = (id: string) => (campsOfPartBefore.get(partBefore.get(id) ?? '')?.size ?? 0) >= 2;
  const partOf = connectedParts(current.active);
  const before = new Set(previous.active.map((r) => r.id));
  const now = new Set(current.active.map((r) => r.id));
  const changed = [
    ...previous.active.filter((r) => !now.has(r.id)),
    ...current.active.filter((r) => !before.has(r.id)),
  ];
  // Each actor's changed and frustrated relations, and each part's actors by camp, gathered once:
  // per part or per actor, a scan of the whole sample would make a large sample quadratic.
  const why = new Map<string, Map<string, Relation>>();
  for (const r of [...changed, ...current.blocs.frustrated])
    for (const id of [r.from, r.to]) {
      const mine = why.get(id) ?? new Map<string, Relation>();
      mine.set(r.id, r);
      why.set(id, mine);
    }
  const campsOfPart = new Map<string, string[][]>();
  current.blocs.camps.forEach((ids, c) => {
    for (const id of ids) {
      const part = partOf.get(id)!;
      let inPart = campsOfPart.get(part);
      if (!inPart) campsOfPart.set(part, (inPart = current.blocs.camps.map(() => [])));
      inPart[c].push(id);
    }
  });
  const result: Defection[] = [];
  for (const inPart of campsOfPart.values()) {
    const match = matchCamps(previous.blocs.camps, inPart, campBefore);
    inPart.forEach((ids, toCamp) => {
      for (const actorId of ids) {
        const fromCamp = campBefore.get(actorId);
        if (fromCamp === undefined || match[fromCamp] === toCamp || !sideBefore(actorId)) continue;
        const relations = [...(why.get(actorId)?.values() ?? [])].sort(compareRelations);
        result.push({ actorId, fromCamp, toCamp, relations });
      }
    });
  }
  return result.sort((x, y) => compareIds(x.actorId, y.actorId));
}

/** Each actor's connected part, named by one of its actors. */
function connectedParts(relations: readonly Relation[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const r of relations) {
    for (const id of [r.from, r.to]) if (!parent.has(id)) parent.set(id, id);
    const [a, b] = [find(r.from), find(r.to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]));
}

/**
 * `balance` and `blocs` on each sample day, with the defections since the previous sample. The
 * samples come with the relations active on their day (as the store read them); `budget` is for
 * the whole series, shared out among the samples still to solve.
 */
export async function alignmentSeries(
  samples: readonly { at: IsoDate; active: readonly Relation[] }[],
  k: number,
  budget: SplitBudget,
): Promise<AlignmentSample[]> {
  const end = performance.now() + budget.ms;
  const result: AlignmentSample[] = [];
  let previous: { blocs: BlocsReport; active: readonly Relation[] } | null = null;
  for (const [i, { at, active }] of samples.entries()) {
    // An equal share of what is left, but enough for one proof where that much is left: later samples
    // often repeat a part already proved (see `bestSplit`), which then costs nothing.
    const left = Math.max(0, end - performance.now());
    const ms = Math.max(left / (samples.length - i), Math.min(left, budget.ms / 5));
    // Each step runs on the main thread; a turn of the event loop between them lets other requests in.
    await nextTurn();
    const blocs = await blocsAt(at, active, k, { ...budget, ms });
    await nextTurn();
    const balance = balanceAt(at, active);
    await nextTurn();
    const current = { blocs, active };
    result.push({ at, balance, blocs, defections: previous ? defections(previous, current) : [] });
    previous = current;
  }
  return result;
}
