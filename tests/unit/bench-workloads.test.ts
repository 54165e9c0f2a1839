/**
 * The benchmark's API-only workloads of issue 17 (`graphMonth`, `exportMonth`, `reachable`,
 * `evidencePaths`) on the `small` graph: their arguments are drawn with non-trivial answers, the
 * requests they make are answered by the app on the embedded store without errors, and the
 * evidence filter they use keeps some relations and drops others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { drawPools } from '../../bench/argument-pickers.js';
import { degrees, generateDataset } from '../../bench/generate.js';
import { requestFor } from '../../bench/requests.js';
import { CAPS, type PoolEntry, type WorkloadName } from '../../bench/workloads.js';
import { createApp } from '../../src/app.js';
import { derivedRelations } from '../../src/dataset/derived-relations.js';
import { MAX_GRAPH_EDGES } from '../../src/domain/limits.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';

const SEED = 20261121;
const WORKLOADS = ['graphMonth', 'exportMonth', 'reachable', 'evidencePaths'] as const satisfies WorkloadName[];
const dataset = generateDataset({ size: 'small', seed: SEED });
const store = MemoryStore.fromDataset(dataset);
let pools: Map<WorkloadName, PoolEntry[]>;

beforeAll(async () => {
  ({ pools } = await drawPools(dataset, store, degrees(dataset), WORKLOADS, SEED, 16));
});

describe('bench workloads of the API only', () => {
  it('draws full pools; exportMonth gets the months of graphMonth', () => {
    for (const w of WORKLOADS) expect(pools.get(w), w).toHaveLength(16);
    expect(pools.get('exportMonth')!.map((e) => e.args)).toEqual(pools.get('graphMonth')!.map((e) => e.args));
  });

  it('asks for the export with a GET carrying the filters of graphMonth, and for the rest with a POST', () => {
    const [entry] = pools.get('exportMonth')!;
    const request = requestFor('embedded', entry);
    expect(request.method).toBe('GET');
    const url = new URL(request.path, 'http://bench');
    expect(url.pathname).toBe('/export/graph.gexf');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ...(entry.args as object),
      kinds: CAPS.graphKinds.join(','),
      minPublishers: String(CAPS.graphMinPublishers),
    });
    expect(requestFor('api', pools.get('graphMonth')![0]).method).toBe('POST');
    expect(() => requestFor('driver', entry)).toThrow(/API_ONLY/);
  });

  it('the evidence filter keeps some relations and drops others', () => {
    const passing = derivedRelations(dataset).filter((r) => r.evidence.publishers >= CAPS.evidenceMinPublishers);
    const share = passing.length / dataset.relations.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.6);
  });

  it('every request is answered by the app on the embedded store, without errors', async () => {
    const app = createApp(store, { env: 'test', corsOrigins: null });
    for (const workload of WORKLOADS) {
      for (const entry of pools.get(workload)!.slice(0, 4)) {
        const request = requestFor('embedded', entry);
        const response = await app.fetch(
          `http://bench${request.path}`,
          request.method === 'POST'
            ? { method: 'POST', body: request.body, headers: { 'content-type': 'application/json' } }
            : { method: 'GET' },
        );
        const text = await response.text();
        expect(response.status, `${workload}: ${text.slice(0, 300)}`).toBe(200);
        if (workload === 'exportMonth') {
          expect(text).toContain('<gexf');
          expect(text).toContain('<edge ');
          continue;
        }
        const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
        expect(body.errors, `${workload}: ${text.slice(0, 300)}`).toBeUndefined();
        if (workload === 'graphMonth') {
          const graph = body.data!.graph as { edgeCount: number; edges: { kind: string }[] };
          expect(graph.edgeCount).toBeGreaterThan(0);
          expect(graph.edgeCount).toBeLessThanOrEqual(MAX_GRAPH_EDGES);
          expect(new Set(graph.edges.map((e) => e.kind))).toEqual(new Set(CAPS.graphKinds));
        } else {
          expect((body.data![workload === 'reachable' ? 'reachable' : 'paths'] as unknown[]).length).toBeGreaterThan(0);
        }
      }
    }
  });
});
