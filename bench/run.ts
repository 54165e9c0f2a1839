/**
 * `npm run bench -- --size small|medium|large [--seed N] [--duration S] [--connections C]
 *                   [--only workload,...] [--targets api,driver,neo4j-graphql,embedded]`
 *
 * Generates the dataset, loads it into Neo4j (its own throw-away server unless NEO4J_URI is set),
 * starts one server process per target, loads each with autocannon (its own process) workload by
 * workload, and writes bench/results/<size>-<timestamp>.json and bench/results/<size>-latest.md.
 * Exits non-zero, saying why, when anything fails.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { ROOT } from '../src/config.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { degrees, generateDataset } from './generate.js';
import { loadNeo4j } from './load-neo4j.js';
import { connect, obtainNeo4j, serverVersion, type Neo4jTarget } from './neo4j.js';
import { startLoadWorker, startServer, type LoadWorker, type ServerProcess } from './processes.js';
import { cpuBetween, sampleCpu } from './cpu.js';
import {
  evaluateGoals,
  machineInfo,
  versions,
  writeReport,
  type BenchReport,
  type EmbeddedLoad,
  type RunResult,
} from './report.js';
import { isSizeName, PAGE_CACHE_MB, SIZES, type SizeName } from './sizes.js';
import type { ServerStats } from './servers/common.js';
import {
  drawPools,
  requestFor,
  TARGETS,
  WORKLOADS,
  type PoolEntry,
  type TargetName,
  type WorkloadName,
} from './workloads.js';

/** Bump when the generator changes, so a reused Neo4j graph is never a stale one. */
const GENERATOR_VERSION = 1;

const DEFAULTS: Record<SizeName, { duration: number; warmup: number; neo4jWarmup: number }> = {
  small: { duration: 3, warmup: 1, neo4jWarmup: 1 },
  medium: { duration: 10, warmup: 3, neo4jWarmup: 6 },
  large: { duration: 10, warmup: 3, neo4jWarmup: 8 },
};

const USAGE = `usage: npm run bench -- --size small|medium|large [options]
  --seed N                 dataset and argument seed (default 20261121)
  --duration S             measured seconds per workload and target (default: small 3, medium/large 10)
  --warmup S               warm-up seconds before each measured run (default: small 1, medium/large 3)
  --neo4j-warmup S         a first pass warms Neo4j and every server up for 3 x S seconds per target (default: small 1, medium 6, large 8)
  --connections C          concurrent connections (default 8)
  --only w1,w2             workloads: ${WORKLOADS.join(', ')}
  --targets t1,t2          targets: ${TARGETS.join(', ')}
  --pool N                 argument sets drawn per workload (default 128)
  --batch-size N           Neo4j load batch size (default 10000)
  --tx-timeout-ms N        transaction timeout of every Neo4j query (default 10000)
  --reuse-neo4j            skip the Neo4j load when the server already holds this size and seed
  --clear-neo4j            allow clearing a NEO4J_URI graph the benchmark did not load
  --profile target         run that target's server with --cpu-prof (profiles in bench/results/profiles/)
  --out DIR                results folder (default bench/results)`;

class UsageError extends Error {}
/** Sample requests failed; the failures are already in the report. */
class PreflightError extends Error {}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '20261121' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'neo4j-warmup': { type: 'string' },
      connections: { type: 'string', default: '8' },
      only: { type: 'string' },
      targets: { type: 'string' },
      pool: { type: 'string', default: '128' },
      'batch-size': { type: 'string', default: '10000' },
      'tx-timeout-ms': { type: 'string', default: '10000' },
      'reuse-neo4j': { type: 'boolean', default: false },
      'clear-neo4j': { type: 'boolean', default: false },
      profile: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const size = values.size!;
  if (!isSizeName(size)) throw new UsageError(`--size must be one of ${Object.keys(SIZES).join(', ')}; got ${size}`);
  const int = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}; got ${value}`);
    return n;
  };
  const list = <T extends string>(name: string, value: string | undefined, all: readonly T[]): T[] => {
    if (value === undefined) return [...all];
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = items.filter((i) => !all.includes(i as T));
    if (unknown.length || !items.length)
      throw new UsageError(`--${name}: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${all.join(', ')}`);
    return all.filter((a) => items.includes(a));
  };
  const profile = values.profile;
  if (profile !== undefined && !TARGETS.includes(profile as TargetName))
    throw new UsageError(`--profile must be one of ${TARGETS.join(', ')}`);
  return {
    size,
    seed: int('seed', values.seed, 0),
    duration: int('duration', values.duration ?? String(DEFAULTS[size].duration), 1),
    warmup: int('warmup', values.warmup ?? String(DEFAULTS[size].warmup), 0),
    neo4jWarmup: int('neo4j-warmup', values['neo4j-warmup'] ?? String(DEFAULTS[size].neo4jWarmup), 0),
    connections: int('connections', values.connections, 1),
    workloads: list('only', values.only, WORKLOADS),
    targets: list('targets', values.targets, TARGETS),
    pool: int('pool', values.pool, 1),
    batchSize: int('batch-size', values['batch-size'], 1),
    txTimeoutMs: int('tx-timeout-ms', values['tx-timeout-ms'], 1),
    reuseNeo4j: values['reuse-neo4j']!,
    clearNeo4j: values['clear-neo4j']!,
    profile: profile as TargetName | undefined,
    out: values.out!,
  };
}

type Options = ReturnType<typeof parseOptions>;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function getStats(server: ServerProcess): Promise<ServerStats> {
  const res = await fetch(`${server.url}/__stats`);
  return (await res.json()) as ServerStats;
}

/** A few requests of every workload, one at a time: a server that answers errors fails the run. */
async function preflight(
  servers: Map<TargetName, ServerProcess>,
  pools: Map<WorkloadName, PoolEntry[]>,
  workloads: WorkloadName[],
  timeoutMs: number,
): Promise<{ problems: string[]; warnings: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const workload of workloads) {
    const entries = pools.get(workload)!.slice(0, 3);
    const answers = new Map<TargetName, string[]>();
    for (const [target, server] of servers) {
      const texts: string[] = [];
      for (const entry of entries) {
        const request = requestFor(target, entry);
        let status = 0;
        let text = '';
        try {
          const res = await fetch(`${server.url}${request.path}`, {
            method: 'POST',
            body: request.body,
            headers: { 'content-type': 'application/json' },
            signal: AbortSignal.timeout(timeoutMs + 5_000),
          });
          status = res.status;
          text = await res.text();
        } catch (error) {
          text = String((error as Error).message);
        }
        texts.push(text);
        if (status !== 200 || text.includes('"errors":[')) {
          const message = `${workload} / ${target}: HTTP ${status} ${text.replace(/\s+/g, ' ').slice(0, 400)}`;
          // A query that ran past the deadline is a finding, not a broken harness.
          (/QUERY_TIMEOUT|TransactionTimedOut|TransactionTimeout|terminated/i.test(text) ? warnings : problems).push(
            message,
          );
        }
      }
      answers.set(target, texts);
    }
    // Our API answers the same questions on both stores: the answers must be identical.
    const api = answers.get('api');
    const embedded = answers.get('embedded');
    if (api && embedded && api.some((text, i) => text !== embedded[i])) {
      warnings.push(`${workload}: the api (Neo4j) and embedded answers differ for the same request`);
    }
  }
  return { problems, warnings };
}

async function main(options: Options): Promise<number> {
  const started = new Date();
  const report: BenchReport = {
    size: options.size,
    seed: options.seed,
    startedAt: started.toISOString(),
    finishedAt: '',
    totalSeconds: 0,
    options: {
      duration: options.duration,
      warmup: options.warmup,
      neo4jWarmup: options.neo4jWarmup,
      connections: options.connections,
      pool: options.pool,
      workloads: options.workloads,
      targets: options.targets,
      batchSize: options.batchSize,
      profile: options.profile ?? null,
    },
    machine: machineInfo(),
    versions: versions(),
    neo4j: null,
    dataset: {},
    neo4jLoad: null,
    embeddedLoad: null,
    pools: {},
    preflight: [],
    results: [],
    goals: [],
    failures: [],
  };
  const needsNeo4j = options.targets.some((t) => t !== 'embedded');
  let neo4jTarget: Neo4jTarget | null = null;
  const servers = new Map<TargetName, ServerProcess>();
  let loader: LoadWorker | null = null;
  const cleanup = async () => {
    await loader?.stop().catch(() => undefined);
    await Promise.all([...servers.values()].map((s) => s.stop().catch(() => undefined)));
    servers.clear();
    if (neo4jTarget) {
      log('stopping Neo4j');
      await neo4jTarget.stop().catch((e: unknown) => log(`could not stop Neo4j: ${(e as Error).message}`));
      neo4jTarget = null;
    }
  };
  const onSignal = () => {
    log('interrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(
      `size ${options.size} (${JSON.stringify(SIZES[options.size])}), seed ${options.seed}, targets ${options.targets.join(', ')}, workloads ${options.workloads.join(', ')}`,
    );
    let t = performance.now();
    let dataset: ReturnType<typeof generateDataset> | null = generateDataset({
      size: options.size,
      seed: options.seed,
    });
    const generateMs = performance.now() - t;
    const degree = degrees(dataset);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
    report.dataset = {
      actors: dataset.actors.length,
      relations: dataset.relations.length,
      citations: dataset.citations.length,
      sources: dataset.sources.length,
      generateMs: Math.round(generateMs),
      degree: {
        max: sorted[0],
        p99: q(0.01),
        p90: q(0.1),
        p50: q(0.5),
        over1000: sorted.filter((d) => d >= 1000).length,
      },
    };
    log(
      `generated ${dataset.relations.length} relations, ${dataset.actors.length} actors, ${dataset.citations.length} citations in ${Math.round(generateMs)} ms`,
    );

    t = performance.now();
    let store: MemoryStore | null = MemoryStore.fromDataset(dataset);
    const { pools, reports } = await drawPools(dataset, store, degree, options.workloads, options.seed, options.pool);
    report.pools = Object.fromEntries(reports);
    log(`drew ${options.pool} argument sets per workload in ${Math.round(performance.now() - t)} ms`);
    for (const [w, r] of reports) {
      if (r.size === 0) throw new Error(`could not draw any arguments for ${w} on this dataset`);
      if (r.shortfall > 0)
        report.preflight.push(`${w}: only ${r.size} of ${options.pool} argument sets could be drawn`);
    }
    store = null;

    // Every server runs as in production (graphql-js skips its development-mode checks then).
    const serverEnv: NodeJS.ProcessEnv = {
      NODE_ENV: 'production',
      BENCH_SIZE: options.size,
      BENCH_SEED: String(options.seed),
      BENCH_TX_TIMEOUT_MS: String(options.txTimeoutMs),
    };
    if (needsNeo4j) {
      neo4jTarget = await obtainNeo4j(log, PAGE_CACHE_MB[options.size]);
      const driver = connect(neo4jTarget);
      try {
        await driver.verifyConnectivity({ database: neo4jTarget.database });
        const version = await serverVersion(driver, neo4jTarget.database);
        report.neo4j = { note: neo4jTarget.note, version, txTimeoutMs: options.txTimeoutMs };
        log(`Neo4j ${version}: loading in batches of ${options.batchSize}`);
        report.neo4jLoad = await loadNeo4j(driver, neo4jTarget.database, dataset, {
          batchSize: options.batchSize,
          fingerprint: `v${GENERATOR_VERSION}:${options.size}:${options.seed}`,
          reuse: options.reuseNeo4j,
          mayClear: neo4jTarget.local || options.clearNeo4j,
          log,
        });
        log(`Neo4j load: ${report.neo4jLoad.reused ? 'reused' : `${report.neo4jLoad.totalMs} ms`}`);
      } finally {
        await driver.close();
      }
      Object.assign(serverEnv, {
        BENCH_NEO4J_URI: neo4jTarget.uri,
        BENCH_NEO4J_USER: neo4jTarget.user,
        BENCH_NEO4J_PASSWORD: neo4jTarget.password,
        BENCH_NEO4J_DATABASE: neo4jTarget.database,
      });
    }
    dataset = null;

    const profileDir = join(options.out, 'profiles', `${options.size}-${started.toISOString().replace(/[:.]/g, '-')}`);
    for (const target of options.targets) {
      const nodeArgs = ['--max-old-space-size=8192'];
      if (target === 'embedded') nodeArgs.push('--expose-gc');
      if (options.profile === target) {
        mkdirSync(profileDir, { recursive: true });
        nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
      }
      t = performance.now();
      const server = await startServer(target, {
        env: serverEnv,
        nodeArgs,
        readyTimeoutMs: options.size === 'large' ? 600_000 : 120_000,
      });
      servers.set(target, server);
      log(`${target} server ready at ${server.url} in ${Math.round(performance.now() - t)} ms`);
      if (target === 'embedded') {
        report.embeddedLoad = server.ready.load as EmbeddedLoad;
        log(`embedded load: ${JSON.stringify(report.embeddedLoad)}`);
      }
    }

    const checked = await preflight(servers, pools, options.workloads, options.txTimeoutMs);
    report.preflight.push(...checked.warnings);
    for (const w of checked.warnings) log(`warning: ${w}`);
    if (checked.problems.length) {
      report.failures.push(...checked.problems.map((p) => `preflight: ${p}`));
      throw new PreflightError();
    }
    log('sample requests answered on every target');

    loader = startLoadWorker();
    // Neo4j compiles plans and its JVM compiles hot code during the first requests, and so does
    // each server's V8: a first pass of every workload, interleaved, through every target, so no
    // target pays for it in its first measured run.
    if (options.neo4jWarmup > 0) {
      const mixed: PoolEntry[] = [];
      const leafPools = options.workloads.map((w) => pools.get(w)!);
      for (let i = 0; i < Math.max(...leafPools.map((p) => p.length)); i++)
        for (const p of leafPools) if (i < p.length) mixed.push(p[i]);
      const seconds = options.neo4jWarmup * 3;
      log(`warming up: every workload, interleaved, through each target for ${seconds} s`);
      for (const target of options.targets) {
        const server = servers.get(target)!;
        const requests = mixed.map((entry) => requestFor(target, entry));
        await loader.run({
          url: server.url,
          requests,
          connections: options.connections,
          seconds,
          timeoutSeconds: Math.ceil(options.txTimeoutMs / 1000) + 20,
          offset: 0,
        });
      }
    }
    for (const [index, workload] of options.workloads.entries()) {
      const pool = pools.get(workload)!;
      // Each workload starts with the next target, so no target is always first (or last).
      const order = options.targets.map((_, i) => options.targets[(i + index) % options.targets.length]);
      for (const target of order) {
        const server = servers.get(target)!;
        if (server.exited()) throw new Error(`the ${target} server died:\n${server.stderrTail()}`);
        const requests = pool.map((entry) => requestFor(target, entry));
        const job = {
          url: server.url,
          requests,
          connections: options.connections,
          timeoutSeconds: Math.ceil(options.txTimeoutMs / 1000) + 20,
        };
        if (options.warmup > 0) await loader.run({ ...job, seconds: options.warmup, offset: 0 });
        const roles: Record<string, number> = { server: server.pid, loadGenerator: loader.pid, runner: process.pid };
        if (neo4jTarget?.pid) roles.neo4j = neo4jTarget.pid;
        const before = await getStats(server);
        const loadavg = os.loadavg()[0];
        const cpuBefore = sampleCpu(Object.values(roles));
        const load = await loader.run({ ...job, seconds: options.duration, offset: Math.floor(pool.length / 2) });
        const cpuAfter = sampleCpu(Object.values(roles));
        const after = await getStats(server);
        const cpu = cpuBetween(cpuBefore, cpuAfter, roles, os.cpus().length);
        const served = after.requests - before.requests;
        const result: RunResult = {
          workload,
          target,
          load,
          roundTrips: target === 'embedded' ? null : served ? (after.queries - before.queries) / served : 0,
          errorResponses: after.errorResponses - before.errorResponses,
          errorSamples: after.errorSamples.filter((s) => !before.errorSamples.includes(s)),
          loadavg,
          cpu: cpu && {
            otherCpus: cpu.otherCpus,
            serverMsPerRequest: served ? cpu.msByRole.server / served : null,
            neo4jMsPerRequest: served && cpu.msByRole.neo4j !== undefined ? cpu.msByRole.neo4j / served : null,
            msByRole: cpu.msByRole,
          },
        };
        report.results.push(result);
        log(
          `${workload.padEnd(24)} ${target.padEnd(14)} ${load.rps.toFixed(1).padStart(8)} req/s  p50 ${load.latencyMs.p50} ms  p99 ${load.latencyMs.p99} ms  ` +
            `non2xx ${load.non2xx} errors ${result.errorResponses}/${load.errors}${result.roundTrips === null ? '' : `  RT/req ${result.roundTrips.toFixed(2)}`}` +
            (result.cpu
              ? `  cpu/req server ${result.cpu.serverMsPerRequest?.toFixed(2)} ms neo4j ${result.cpu.neo4jMsPerRequest?.toFixed(2) ?? '-'} ms, others ${result.cpu.otherCpus} CPUs`
              : ''),
        );
        if (load.requests === 0)
          report.failures.push(`${workload} / ${target}: no request completed in ${options.duration} s`);
      }
    }
  } catch (error) {
    if (!(error instanceof PreflightError))
      report.failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const finished = new Date();
  report.finishedAt = finished.toISOString();
  report.totalSeconds = (finished.getTime() - started.getTime()) / 1000;
  report.goals = evaluateGoals(report);
  const files = writeReport(options.out, report);
  log(`results: ${files.json}`);
  log(`table:   ${files.markdown}`);
  if (report.failures.length) {
    console.error(`\nBenchmark FAILED:\n  ${report.failures.join('\n  ')}`);
    return 1;
  }
  log(`done in ${Math.round(report.totalSeconds)} s`);
  return 0;
}

let options: Options;
try {
  options = parseOptions();
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Benchmark FAILED: ${(error as Error)?.stack ?? error}`);
    process.exit(1);
  },
);
