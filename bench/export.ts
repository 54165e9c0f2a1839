/**
 * `npm run bench:export -- --size large --store memory|neo4j`: does an export stream? Serves the
 * generated graph through the real app on a socket, downloads the whole graph as GEXF (no filter,
 * both walks of it) with curl in another process while sampling this server's resident memory,
 * then times `graph(window:)` over one month. Writes bench/results/export-<size>-<store>-<time>.json
 * and prints a Markdown row. Neo4j: NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD); the dataset is
 * loaded unless the server holds it already.
 */
import { execFile } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { createApp } from '../src/app.js';
import { ROOT } from '../src/config.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { createDriver, Neo4jStore } from '../src/store/neo4j/neo4j-store.js';
import type { GraphStore } from '../src/store/port.js';
import { GENERATOR_VERSION, generateDataset } from './generate.js';
import { loadNeo4j } from './load-neo4j.js';
import { isSizeName } from './sizes.js';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    store: { type: 'string', default: 'memory' },
    seed: { type: 'string', default: '20261121' },
    month: { type: 'string', default: '2015-06' },
  },
});
const size = values.size!;
if (!isSizeName(size)) throw new Error(`--size must be small, medium or large; got ${size}`);
const seed = Number(values.seed);
const log = (line: string) => console.log(`[export-bench] ${line}`);
const rss = () => process.memoryUsage.rss();
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

log(`generating ${size} (seed ${seed})`);
let dataset: ReturnType<typeof generateDataset> | null = generateDataset({ size, seed });
let store: GraphStore;
let close = async () => {};
if (values.store === 'neo4j') {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('--store neo4j needs NEO4J_URI');
  const settings = {
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
    txTimeoutMs: 30_000,
  };
  const driver = createDriver(settings);
  const load = await loadNeo4j(driver, settings.database, dataset, {
    batchSize: 5_000,
    fingerprint: `v${GENERATOR_VERSION}:${size}:${seed}`,
    reuse: true,
    mayClear: true,
    log,
  });
  log(`Neo4j load ${load.reused ? 'reused' : `${Math.round(load.totalMs / 1000)} s`}`);
  store = new Neo4jStore(driver, settings);
  close = () => driver.close();
} else {
  store = await MemoryStore.fromDataset(dataset);
}
dataset = null;

const app = createApp(store, { env: 'production', corsOrigins: null, requestTimeoutMs: 15_000 });
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const collect = () => (globalThis as { gc?: () => void }).gc?.();
collect();
await new Promise((resolve) => setTimeout(resolve, 500));
collect();
const baseline = rss();
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);

log(`downloading ${base}/export/graph.gexf (RSS before: ${mb(baseline)} MB)`);
const started = Date.now();
const { stdout } = await run(
  'curl',
  ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', `${base}/export/graph.gexf`],
  {
    maxBuffer: 1024 * 1024,
  },
);
const exportMs = Date.now() - started;
clearInterval(sampler);
const [status, bytes] = stdout.trim().split(' ').map(Number);
log(`export: HTTP ${status}, ${bytes} bytes in ${exportMs} ms; peak RSS growth ${mb(peak - baseline)} MB`);

const [year, month] = values.month!.split('-').map(Number);
const to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const from = `${values.month}-01`;
const graphStarted = Date.now();
const response = await fetch(`${base}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: `{ graph(window: { from: "${from}", to: "${to}" }) { nodeCount edgeCount edges { id source target kind } } }`,
  }),
});
const answer = (await response.json()) as {
  data?: { graph: { nodeCount: number; edgeCount: number } };
  errors?: unknown;
};
const graphMs = Date.now() - graphStarted;
if (!answer.data) throw new Error(`graph failed: ${JSON.stringify(answer.errors)}`);
log(
  `graph(${from}..${to}): ${answer.data.graph.edgeCount} edges, ${answer.data.graph.nodeCount} nodes in ${graphMs} ms`,
);

const result = {
  at: new Date().toISOString(),
  size,
  seed,
  store: store.name,
  export: {
    format: 'graph.gexf',
    status,
    bytes,
    ms: exportMs,
    rssBeforeMb: mb(baseline),
    peakRssGrowthMb: mb(peak - baseline),
  },
  graphMonth: { from, to, ms: graphMs, edges: answer.data.graph.edgeCount, nodes: answer.data.graph.nodeCount },
};
const dir = join(ROOT, 'bench/results');
await mkdir(dir, { recursive: true });
const file = join(dir, `export-${size}-${store.name}-${result.at.replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `| ${size} | ${store.name} | ${(bytes / 1e6).toFixed(0)} MB | ${(exportMs / 1000).toFixed(1)} s | ${mb(peak - baseline)} MB | ` +
    `${answer.data.graph.edgeCount} | ${(graphMs / 1000).toFixed(1)} s |`,
);
log(`wrote ${file}`);
server.close();
await store.close();
await close();
process.exit(0);
