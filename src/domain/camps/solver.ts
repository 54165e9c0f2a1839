import { Worker } from 'node:worker_threads';
import type { Highs } from 'highs';
import { SOLVER_BUDGET_MS } from '../limits.js';
import { adjacency, components, frustrationOf, type Assignment, type SignedGraph } from './signed-graph.js';

/** A split of a signed graph's actors into camps, with the relations it breaks counted. */
export interface Split {
  /** Camp index per actor index (not yet in canonical order). */
  camp: Assignment;
  frustration: number;
  /** True when no split into at most `k` camps breaks fewer relations: proved by the solver. */
  optimal: boolean;
}

/** How long a split may take and how large a connected part the exact solver is given. */
export interface SplitBudget {
  /** Milliseconds for the whole split; past it the search keeps the best split found. */
  ms: number;
  /** Parts with more ties than this get the heuristic only (`optimal: false` unless it breaks nothing). */
  exactTies: number;
}

export const DEFAULT_SPLIT_BUDGET: SplitBudget = { ms: SOLVER_BUDGET_MS.blocs, exactTies: 1_000 };

type Solution = ReturnType<Highs['solve']>;
type SolveOptions = Parameters<Highs['solve']>[1];

/**
 * HiGHS runs in one worker thread per process (src/domain/camps/highs-worker.mjs), started on the
 * first split that needs it (loading the WebAssembly takes about 100 ms): a solve may take seconds
 * and must not hold the event loop that serves every other request. Solves queue in the worker;
 * each is bounded by its own `time_limit`. The worker keeps the process alive only while it has work.
 */
let worker: Worker | null = null;
const waiting = new Map<number, { resolve: (s: Solution) => void; reject: (e: Error) => void }>();
let nextId = 0;

function solveInWorker(model: string, options: SolveOptions): Promise<Solution> {
  if (!worker) {
    const started = new Worker(new URL('./highs-worker.mjs', import.meta.url));
    started.on('message', ({ id, result, error }: { id: number; result?: Solution; error?: string }) => {
      const call = waiting.get(id);
      waiting.delete(id);
      if (waiting.size === 0) started.unref();
      if (error !== undefined) call?.reject(new Error(`HiGHS: ${error}`));
      else call?.resolve(result!);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const call of waiting.values()) call.reject(error);
      waiting.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the HiGHS worker exited (${code})`)));
    worker = started;
  }
  const id = nextId++;
  worker.ref();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, model, options });
  });
}

/**
 * The split of `graph` into at most `k` camps that breaks the fewest relations (the frustration
 * index of Aref and Wilson, generalised to k camps). Each connected part is solved on its own: a
 * greedy split improved by local search, then, when it still breaks something and the part is
 * small enough, an integer program solved by HiGHS within the time left:
 *
 *   x[a][c] binary, sum_c x[a][c] = 1; x[a][c] = 0 for c > a (symmetry: actor a opens at most camp a);
 *   hostile tie (a, b): y >= x[a][c] + x[b][c] - 1 for every c; friendly tie: y >= x[a][c] - x[b][c];
 *   minimise the sum of y weighted by the number of relations of the tie.
 *
 * The answer is optimal only when every part is proved optimal (by HiGHS, or by breaking nothing).
 * The parts' camps are then merged by rank (largest first), so the answer depends only on the
 * relations given, never on their order.
 */
export async function bestSplit(graph: SignedGraph, k: number, budget: SplitBudget = DEFAULT_SPLIT_BUDGET) {
  const deadline = performance.now() + budget.ms;
  const adj = adjacency(graph);
  const camp = new Int32Array(graph.actorIds.length);
  let optimal = true;
  for (const members of components(graph, adj)) {
    const part = subProblem(graph, adj, members);
    let local = localSearch(part, k, deadline);
    let proved = partCost(part, local) === 0;
    if (!proved && part.ties.length <= budget.exactTies && performance.now() < deadline) {
      const exact = await solveExactly(part, k, deadline);
      if (exact && partCost(part, exact.camp) <= partCost(part, local)) {
        local = exact.camp;
        proved = exact.optimal;
      }
    }
    optimal &&= proved;
    const ranked = rankCamps(local, members);
    members.forEach((v, i) => (camp[v] = ranked.get(local[i])!));
  }
  return { camp, frustration: frustrationOf(graph, camp), optimal } satisfies Split;
}

/** One connected part with local indices (in actor id order). */
interface Part {
  n: number;
  ties: { a: number; b: number; friendly: number; hostile: number }[];
  around: { other: number; friendly: number; hostile: number }[][];
}

function subProblem(graph: SignedGraph, adj: ReturnType<typeof adjacency>, members: number[]): Part {
  const local = new Map(members.map((v, i) => [v, i]));
  const around = members.map((v) =>
    adj.around[v].map((t) => ({ other: local.get(t.other)!, friendly: t.friendly, hostile: t.hostile })),
  );
  const ties = around.flatMap((list, a) => list.filter((t) => t.other > a).map((t) => ({ a, b: t.other, ...t })));
  return { n: members.length, ties, around };
}

const partCost = (part: Part, camp: Assignment) =>
  part.ties.reduce((sum, t) => sum + (camp[t.a] === camp[t.b] ? t.hostile : t.friendly), 0);

/** Local camp index -> rank of that camp by size (largest first), then by its first member. */
function rankCamps(camp: Assignment, members: number[]): Map<number, number> {
  const stats = new Map<number, { size: number; first: number }>();
  camp.forEach((c, i) => {
    const s = stats.get(c) ?? { size: 0, first: members[i] };
    s.size++;
    stats.set(c, s);
  });
  const order = [...stats.entries()].sort((x, y) => y[1].size - x[1].size || x[1].first - y[1].first);
  return new Map(order.map(([c], rank) => [c, rank]));
}

/**
 * Greedy then local search, deterministic: actors are placed in breadth-first order from the one
 * with the most relations, each in the camp that breaks the fewest relations with those already
 * placed (lowest camp on a tie); then passes in index order move an actor to a camp that breaks
 * strictly fewer, until none does or the deadline passes.
 */
function localSearch(part: Part, k: number, deadline: number): Assignment {
  const camp = new Int32Array(part.n).fill(-1);
  const weight = part.around.map((list) => list.reduce((s, t) => s + t.friendly + t.hostile, 0));
  const cost = new Float64Array(k);
  const costs = (v: number) => {
    cost.fill(0);
    for (const t of part.around[v]) {
      const c = camp[t.other];
      if (c < 0) continue;
      for (let d = 0; d < k; d++) cost[d] += d === c ? t.hostile : t.friendly;
    }
  };
  let start = 0;
  for (let v = 1; v < part.n; v++) if (weight[v] > weight[start]) start = v;
  const queue = [start];
  const queued = new Uint8Array(part.n);
  queued[start] = 1;
  let opened = 0;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    costs(v);
    let best = 0;
    for (let d = 1; d < Math.min(k, opened + 1); d++) if (cost[d] < cost[best]) best = d;
    camp[v] = best;
    opened = Math.max(opened, best + 1);
    for (const t of [...part.around[v]].sort((x, y) => x.other - y.other))
      if (!queued[t.other]) {
        queued[t.other] = 1;
        queue.push(t.other);
      }
  }
  for (let moved = true; moved && performance.now() < deadline;) {
    moved = false;
    for (let v = 0; v < part.n; v++) {
      costs(v);
      let best = camp[v];
      for (let d = 0; d < k; d++) if (cost[d] < cost[best]) best = d;
      if (best !== camp[v]) {
        camp[v] = best;
        moved = true;
      }
    }
  }
  return camp;
}

async function solveExactly(
  part: Part,
  k: number,
  deadline: number,
): Promise<{ camp: Assignment; optimal: boolean } | null> {
  const seconds = (deadline - performance.now()) / 1000;
  if (seconds <= 0) return null;
  const x = (a: number, c: number) => `x${a}_${c}`;
  const camps = (a: number) => Math.min(k, a + 1);
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  part.ties.forEach((t, e) => {
    for (const [sign, weight] of [
      ['h', t.hostile],
      ['f', t.friendly],
    ] as const) {
      if (weight === 0) continue;
      const y = `y${sign}${e}`;
      objective.push(`${weight} ${y}`);
      bounds.push(`0 <= ${y} <= 1`);
      for (let c = 0; c < Math.max(camps(t.a), camps(t.b)); c++) {
        const xa = c < camps(t.a) ? ` - ${x(t.a, c)}` : '';
        const xb = c < camps(t.b) ? (sign === 'h' ? ` - ${x(t.b, c)}` : ` + ${x(t.b, c)}`) : '';
        if (sign === 'h' && xa && xb) rows.push(`${y}${xa}${xb} >= -1`);
        if (sign === 'f' && xa) rows.push(`${y}${xa}${xb} >= 0`);
      }
    }
  });
  const binaries: string[] = [];
  for (let a = 0; a < part.n; a++) {
    const vars = Array.from({ length: camps(a) }, (_, c) => x(a, c));
    binaries.push(...vars);
    rows.push(`${vars.join(' + ')} = 1`);
  }
  const model = [
    'Minimize',
    ` obj: ${objective.join(' + ')}`,
    'Subject To',
    ...rows.map((r, i) => ` r${i}: ${r}`),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'Binaries',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  const known = proved.get(model);
  if (known) return { camp: Int32Array.from(known), optimal: true };
  const result = await solveInWorker(model, {
    output_flag: false,
    time_limit: seconds,
    threads: 1,
    random_seed: 0,
    // The objective counts relations: a gap below one proves the optimum.
    mip_rel_gap: 0,
    mip_abs_gap: 0.5,
  });
  if (result.Status !== 'Optimal' && result.Status !== 'Time limit reached') return null;
  const columns = result.Columns as Record<string, { Primal?: number } | undefined>;
  if (columns[x(0, 0)]?.Primal === undefined) return null;
  const camp = new Int32Array(part.n);
  for (let a = 0; a < part.n; a++)
    for (let c = 0; c < camps(a); c++) if ((columns[x(a, c)]?.Primal ?? 0) > 0.5) camp[a] = c;
  const optimal = result.Status === 'Optimal';
  if (optimal) remember(model, camp);
  return { camp, optimal };
}

/**
 * Proved answers by model text. A series meets the same part again and again (camps change slowly,
 * and a model is built from sorted ties, so the same part gives the same text), and HiGHS takes
 * hundreds of milliseconds even on a small part; the answer is the one it would give again.
 */
const proved = new Map<string, Int32Array>();
const PROVED_KEPT = 500;
function remember(model: string, camp: Int32Array) {
  if (proved.size >= PROVED_KEPT) proved.delete(proved.keys().next().value!);
  proved.set(model, camp);
}
