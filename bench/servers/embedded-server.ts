/**
 * Target `embedded`: our GraphQL API on the embedded store. It generates the benchmark dataset
 * itself (same size and seed as the runner: generation is deterministic), then measures what
 * `MemoryStore.fromDataset` costs: its wall time and the resident memory the process gains
 * (measured here, in a process that holds nothing else, before it serves).
 * Run with --expose-gc so the memory figures are taken after a full collection.
 */
import { createApp } from '../../src/app.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { generateDataset } from '../generate.js';
import { isSizeName } from '../sizes.js';
import { serve } from './common.js';

const size = process.env.BENCH_SIZE ?? '';
const seed = Number(process.env.BENCH_SEED);
if (!isSizeName(size) || !Number.isInteger(seed)) throw new Error('BENCH_SIZE and BENCH_SEED must be set');

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

collect();
const baseline = process.memoryUsage();
let dataset: ReturnType<typeof generateDataset> | null = generateDataset({ size, seed });
collect();
const withDataset = process.memoryUsage();
const started = performance.now();
const store = MemoryStore.fromDataset(dataset);
const loadMs = performance.now() - started;
dataset = null; // the store keeps what it needs
collect();
const loaded = process.memoryUsage();

serve(createApp(store, { env: 'production', corsOrigins: null }), {
  target: 'embedded',
  load: {
    loadMs: Math.round(loadMs),
    gcAvailable: typeof (globalThis as { gc?: unknown }).gc === 'function',
    rssBaselineMB: mb(baseline.rss),
    rssWithDatasetMB: mb(withDataset.rss),
    rssLoadedMB: mb(loaded.rss),
    /** What the store holds, objects and indexes: resident memory after load minus before the dataset existed. */
    rssDeltaMB: mb(loaded.rss - baseline.rss),
    /** The indexes alone: resident memory after load minus with the dataset alone. */
    rssIndexDeltaMB: mb(loaded.rss - withDataset.rss),
    heapUsedLoadedMB: mb(loaded.heapUsed),
    heapUsedDeltaMB: mb(loaded.heapUsed - baseline.heapUsed),
  },
});
