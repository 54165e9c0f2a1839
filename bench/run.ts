/**
 * `npm run bench -- --size small|medium|large [--seed N] [--duration S] [--connections C]
 *                   [--only workload,...] [--targets api,driver,neo4j-graphql,embedded]`
 *
 * Generates the dataset, loads it into Neo4j (its own throw-away server unless NEO4J_URI is set),
 * starts one server process per target, loads each with autocannon (its own process) workload by
 * workload, and writes bench/results/<size>-<timestamp>.json and bench/results/<size>-latest.md.
 * Exits non-zero, saying why, when anything fails.
 *
 * The phases, in order: generate, draw arguments, load Neo4j, start targets, check, warm up,
 * measure, report. Each is a function below; `main` runs them and always cleans up.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../src/dataset/dataset.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { drawPools } from './argument-pickers.js';
import { cpuBetween, sampleCpu } from './cpu.js';
import { degrees, generateDataset, GENERATOR_VERSION } from './generate.js';
import { loadNeo4j } from './load-neo4j.js';
import { connect, obtainNeo4j, serverVersion, type Neo4jTarget } from './neo4j.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { startLoadWorker, startServer, type LoadWorker, type ServerProcess } from './processes.js';
import {
  evaluateGoals,
  machineInfo,
  versions,
  writeReport,
  type BenchReport,
  type EmbeddedLoad,
  type RunResult,
} from './report.js';
import { requestFor } from './requests.js';
import type { ServerStats } from './servers/common.js';
import { PAGE_CACHE_MB, SIZES } from './sizes.js';
import { MIN_MEASURED_SECONDS, runs, type PoolEntry, type TargetName, type WorkloadName } from './workloads.js';

/** Sample requests failed; the failures are already in the report. */
class PreflightError extends Error {}

type Pools = Map<WorkloadName, PoolEntry[]>;

/** What a run has started and must stop, whatever happens. */
interface Running {
  neo4j: Neo4jTarget | null;
  servers: Map<TargetName, ServerProcess>;
  loader: LoadWorker | null;
}

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function emptyReport(options: Options, started: Date): BenchReport {
  return {
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
}

/** Phase 1: the dataset of the size and seed, and its degree distribution for the report. */
function generate(options: Options, report: BenchReport): { dataset: Dataset; degree: Map<string, number> } {
  const t = performance.now();
  const dataset = generateDataset({ size: options.size, seed: options.seed });
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
  return { dataset, degree };
}

/** Phase 2: each workload's argument sets, checked against an embedded store dropped afterwards. */
async function drawArguments(
  options: Options,
  report: BenchReport,
  dataset: Dataset,
  degree: Map<string, number>,
): Promise<Pools> {
  const t = performance.now();
  const store = MemoryStore.fromDataset(dataset);
  const { pools, reports } = await drawPools(
    dataset,
    store,
    degree,
    options.workloads,
    options.seed,
    options.pool,
    log,
  );
  report.pools = Object.fromEntries(reports);
  log(`drew ${options.pool} argument sets per workload in ${Math.round(performance.now() - t)} ms`);
  for (const [w, r] of reports) {
    if (r.size === 0) throw new Error(`could not draw any arguments for ${w} on this dataset`);
    if (r.shortfall > 0) report.preflight.push(`${w}: only ${r.size} of ${options.pool} argument sets could be drawn`);
  }
  return pools;
}

/**
 * Phase 3: when a target needs Neo4j, obtain one (started for this run unless NEO4J_URI is set)
 * and load the dataset into it. Returns the environment every server process gets.
 */
async function loadNeo4jPhase(
  options: Options,
  report: BenchReport,
  dataset: Dataset,
  running: Running,
): Promise<NodeJS.ProcessEnv> {
  // Every server runs as in production (graphql-js skips its development-mode checks then).
  const serverEnv: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    BENCH_SIZE: options.size,
    BENCH_SEED: String(options.seed),
    BENCH_TX_TIMEOUT_MS: String(options.txTimeoutMs),
  };
  if (!options.targets.some((t) => t !== 'embedded')) return serverEnv;
  const target = await obtainNeo4j(log, PAGE_CACHE_MB[options.size]);
  running.neo4j = target;
  const driver = connect(target);
  try {
    await driver.verifyConnectivity({ database: target.database });
    const version = await serverVersion(driver, target.database);
    report.neo4j = { note: target.note, version, txTimeoutMs: options.txTimeoutMs };
    log(`Neo4j ${version}: loading in batches of ${options.batchSize}`);
    report.neo4jLoad = await loadNeo4j(driver, target.database, dataset, {
      batchSize: options.batchSize,
      fingerprint: `v${GENERATOR_VERSION}:${options.size}:${options.seed}`,
      reuse: options.reuseNeo4j,
      mayClear: target.local || options.clearNeo4j,
      log,
    });
    log(`Neo4j load: ${report.neo4jLoad.reused ? 'reused' : `${report.neo4jLoad.totalMs} ms`}`);
  } finally {
    await driver.close();
  }
  return {
    ...serverEnv,
    BENCH_NEO4J_URI: target.uri,
    BENCH_NEO4J_USER: target.user,
    BENCH_NEO4J_PASSWORD: target.password,
    BENCH_NEO4J_DATABASE: target.database,
  };
}

/** Phase 4: one server process per target, each ready before the next starts. */
async function startTargets(
  options: Options,
  report: BenchReport,
  serverEnv: NodeJS.ProcessEnv,
  started: Date,
  running: Running,
): Promise<void> {
  const profileDir = join(options.out, 'profiles', `${options.size}-${started.toISOString().replace(/[:.]/g, '-')}`);
  for (const target of options.targets) {
    const nodeArgs = ['--max-old-space-size=8192'];
    if (target === 'embedded') nodeArgs.push('--expose-gc');
    if (options.profile === target) {
      mkdirSync(profileDir, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
    }
    const t = performance.now();
    const server = await startServer(target, {
      env: serverEnv,
      nodeArgs,
      readyTimeoutMs: options.size === 'large' ? 600_000 : 120_000,
    });
    running.servers.set(target, server);
    log(`${target} server ready at ${server.url} in ${Math.round(performance.now() - t)} ms`);
    if (target === 'embedded') {
      report.embeddedLoad = server.ready.load as EmbeddedLoad;
      log(`embedded load: ${JSON.stringify(report.embeddedLoad)}`);
    }
  }
}

/** Phase 5: a few requests of every workload, one at a time: a server that answers errors fails the run. */
async function check(options: Options, report: BenchReport, servers: Map<TargetName, ServerProcess>, pools: Pools) {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const workload of options.workloads) {
    const entries = pools.get(workload)!.slice(0, 3);
    const answers = new Map<TargetName, string[]>();
    for (const [target, server] of servers) {
      if (!runs(target, workload)) continue;
      const texts: string[] = [];
      for (const entry of entries) {
        const request = requestFor(target, entry);
        let status = 0;
        let text = '';
        try {
          const res = await fetch(`${server.url}${request.path}`, {
            ...(request.method === 'POST'
              ? { method: 'POST', body: request.body, headers: { 'content-type': 'application/json' } }
              : { method: 'GET' }),
            signal: AbortSignal.timeout(options.txTimeoutMs + 5_000),
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
  report.preflight.push(...warnings);
  for (const w of warnings) log(`warning: ${w}`);
  if (problems.length) {
    report.failures.push(...problems.map((p) => `preflight: ${p}`));
    throw new PreflightError();
  }
  log('sample requests answered on every target');
}

/**
 * Phase 6: Neo4j compiles plans and its JVM compiles hot code during the first requests, and so
 * does each server's V8: a first pass of every workload, interleaved, through every target, so no
 * target pays for it in its first measured run.
 */
async function warmUp(options: Options, servers: Map<TargetName, ServerProcess>, pools: Pools, loader: LoadWorker) {
  if (options.neo4jWarmup <= 0) return;
  const mixed: PoolEntry[] = [];
  const leafPools = options.workloads.map((w) => pools.get(w)!);
  for (let i = 0; i < Math.max(...leafPools.map((p) => p.length)); i++)
    for (const p of leafPools) if (i < p.length) mixed.push(p[i]);
  const seconds = options.neo4jWarmup * 3;
  log(`warming up: every workload, interleaved, through each target for ${seconds} s`);
  for (const target of options.targets) {
    const server = servers.get(target)!;
    await loader.run({
      url: server.url,
      requests: mixed.filter((entry) => runs(target, entry.workload)).map((entry) => requestFor(target, entry)),
      connections: options.connections,
      seconds,
      timeoutSeconds: Math.ceil(options.txTimeoutMs / 1000) + 20,
      offset: 0,
    });
  }
}

async function getStats(server: ServerProcess): Promise<ServerStats> {
  const res = await fetch(`${server.url}/__stats`);
  return (await res.json()) as ServerStats;
}

/** Phase 7: every workload through every target (each after its own warm-up), with CPU and server counters. */
async function measure(options: Options, report: BenchReport, running: Running, pools: Pools, loader: LoadWorker) {
  for (const [index, workload] of options.workloads.entries()) {
    const pool = pools.get(workload)!;
    // Each workload starts with the next target, so no target is always first (or last).
    const order = options.targets.map((_, i) => options.targets[(i + index) % options.targets.length]);
    for (const target of order) {
      if (!runs(target, workload)) continue;
      const server = running.servers.get(target)!;
      if (server.exited()) throw new Error(`the ${target} server died:\n${server.stderrTail()}`);
      const job = {
        url: server.url,
        requests: pool.map((entry) => requestFor(target, entry)),
        connections: options.connections,
        timeoutSeconds: Math.ceil(options.txTimeoutMs / 1000) + 20,
      };
      if (options.warmup > 0) await loader.run({ ...job, seconds: options.warmup, offset: 0 });
      const roles: Record<string, number> = { server: server.pid, loadGenerator: loader.pid, runner: process.pid };
      if (running.neo4j?.pid) roles.neo4j = running.neo4j.pid;
      const before = await getStats(server);
      const loadavg = os.loadavg()[0];
      const cpuBefore = sampleCpu(Object.values(roles));
      const seconds = Math.max(options.duration, MIN_MEASURED_SECONDS[workload] ?? 0);
      const load = await loader.run({ ...job, seconds, offset: Math.floor(pool.length / 2) });
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
          `non200 ${load.non200} errors ${result.errorResponses}/${load.errors}${result.roundTrips === null ? '' : `  RT/req ${result.roundTrips.toFixed(2)}`}` +
          (result.cpu
            ? `  cpu/req server ${result.cpu.serverMsPerRequest?.toFixed(2)} ms neo4j ${result.cpu.neo4jMsPerRequest?.toFixed(2) ?? '-'} ms, others ${result.cpu.otherCpus} CPUs`
            : ''),
      );
      if (load.requests === 0) report.failures.push(`${workload} / ${target}: no request completed in ${seconds} s`);
    }
  }
}

/** Phase 8: the goals, the JSON and Markdown files; the exit code. */
function writeResults(options: Options, report: BenchReport, started: Date): number {
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

async function stopAll(running: Running): Promise<void> {
  await running.loader?.stop().catch(() => undefined);
  running.loader = null;
  await Promise.all([...running.servers.values()].map((s) => s.stop().catch(() => undefined)));
  running.servers.clear();
  if (running.neo4j) {
    log('stopping Neo4j');
    await running.neo4j.stop().catch((e: unknown) => log(`could not stop Neo4j: ${(e as Error).message}`));
    running.neo4j = null;
  }
}

async function main(options: Options): Promise<number> {
  const started = new Date();
  const report = emptyReport(options, started);
  const running: Running = { neo4j: null, servers: new Map(), loader: null };
  const onSignal = () => {
    log('interrupted: cleaning up');
    void stopAll(running).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(
      `size ${options.size} (${JSON.stringify(SIZES[options.size])}), seed ${options.seed}, targets ${options.targets.join(', ')}, workloads ${options.workloads.join(', ')}`,
    );
    const generated: { dataset: Dataset | null; degree: Map<string, number> } = generate(options, report);
    const pools = await drawArguments(options, report, generated.dataset!, generated.degree);
    const serverEnv = await loadNeo4jPhase(options, report, generated.dataset!, running);
    // The servers build their own copy: let this one go before they start (a large one is ~1 GB).
    generated.dataset = null;
    await startTargets(options, report, serverEnv, started, running);
    await check(options, report, running.servers, pools);
    running.loader = startLoadWorker();
    await warmUp(options, running.servers, pools, running.loader);
    await measure(options, report, running, pools, running.loader);
  } catch (error) {
    if (!(error instanceof PreflightError))
      report.failures.push(error instanceof Error ? error.message : String(error));
  } finally {
    await stopAll(running);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return writeResults(options, report, started);
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
