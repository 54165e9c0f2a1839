import { describe, expect, it } from 'vitest';
import { bestSplit } from '../../src/domain/camps/solver.js';
import { signedGraph } from '../../src/domain/camps/signed-graph.js';
import type { Relation } from '../../src/domain/types.js';
import { buildStoredRelation } from '../support/build.js';

/** A dense random signed graph far from balanced: HiGHS cannot prove its split quickly. */
function hardGraph(actors: number, relations: number, seed: number): Relation[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: relations }, (_, i) => {
    const from = Math.floor(next() * actors);
    let to = Math.floor(next() * (actors - 1));
    if (to >= from) to++;
    return buildStoredRelation({
      id: `r${i}`,
      from: `a${String(from).padStart(3, '0')}`,
      to: `a${String(to).padStart(3, '0')}`,
      kind: next() < 0.5 ? 'FIGHTS' : 'SUPPORTS',
    });
  });
}

describe('the camp solver', () => {
  // HiGHS runs in a worker thread: while it searches, the event loop that serves every other request
  // keeps turning. Run in this thread, a solve held it for the whole budget.
  it('leaves the event loop free while it solves', async () => {
    // Load HiGHS first (its WebAssembly compiles asynchronously), so the solve below has its whole budget.
    await bestSplit(signedGraph(hardGraph(6, 12, 1)), 2, { ms: 20_000, exactTies: 1_000 });
    const graph = signedGraph(hardGraph(60, 400, 7));
    const budgetMs = 1_500;
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const split = await bestSplit(graph, 3, { ms: budgetMs, exactTies: 1_000 });
    const took = performance.now() - started;
    clearInterval(ticker);
    // A loop held from its last tick to now shows here, even if no tick came at all.
    longestGap = Math.max(longestGap, performance.now() - last);
    expect(split.optimal, 'the graph is hard enough that the solve uses its budget').toBe(false);
    expect(took).toBeGreaterThan(budgetMs / 2);
    expect(longestGap, `longest pause of the event loop during a ${Math.round(took)} ms solve`).toBeLessThan(400);
  });
});
