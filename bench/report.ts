/** The benchmark's results: one JSON file per run and a Markdown table of the latest run per size. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LoadSummary } from './load.js';
import type { LoadReport } from './load-neo4j.js';
import { ROOT } from '../src/config.js';
import type { PoolReport } from './argument-pickers.js';
import { DESCRIPTIONS, TARGETS, type TargetName, type WorkloadName } from './workloads.js';

export interface RunResult {
  workload: WorkloadName;
  target: TargetName;
  load: LoadSummary;
  /** Driver round trips per request, from the server's own counters (null: no driver). */
  roundTrips: number | null;
  /** Responses under load whose body carried an `errors` list (server-side count). */
  errorResponses: number;
  /** First error bodies seen, if any. */
  errorSamples: string[];
  /** The machine's 1-minute load average when the measured run started. */
  loadavg: number;
  /**
   * CPU during the measured run (Linux): CPU ms per request in the server under test and in Neo4j
   * (when this run started it), and the average CPUs used by processes outside the benchmark.
   */
  cpu: {
    otherCpus: number;
    serverMsPerRequest: number | null;
    neo4jMsPerRequest: number | null;
    msByRole: Record<string, number>;
  } | null;
}

export interface EmbeddedLoad {
  loadMs: number;
  rssBaselineMB: number;
  rssWithDatasetMB: number;
  rssLoadedMB: number;
  rssDeltaMB: number;
  rssIndexDeltaMB: number;
  heapUsedLoadedMB: number;
  heapUsedDeltaMB: number;
  gcAvailable: boolean;
}

export interface Goal {
  goal: string;
  met: boolean | null;
  detail: string;
}

export interface BenchReport {
  size: string;
  seed: number;
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  options: Record<string, unknown>;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  neo4j: { note: string; version: string; txTimeoutMs: number } | null;
  dataset: Record<string, unknown>;
  neo4jLoad: LoadReport | null;
  embeddedLoad: EmbeddedLoad | null;
  pools: Record<string, PoolReport>;
  preflight: string[];
  results: RunResult[];
  goals: Goal[];
  failures: string[];
}

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'not installed';
  }
}

export function versions(): Record<string, string> {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'cypher'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    if (dirty) commit += ' (src/ or cypher/ modified)';
  } catch {
    // not a git checkout
  }
  const project = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    project: `${project.version} @ ${commit}`,
    'neo4j-driver': packageVersion('neo4j-driver'),
    '@neo4j/graphql': packageVersion('@neo4j/graphql'),
    'graphql-yoga': packageVersion('graphql-yoga'),
    graphql: packageVersion('graphql'),
    '@pothos/core': packageVersion('@pothos/core'),
    dataloader: packageVersion('dataloader'),
    autocannon: packageVersion('autocannon'),
    tsx: packageVersion('tsx'),
  };
}

const find = (report: BenchReport, workload: WorkloadName, target: TargetName) =>
  report.results.find((r) => r.workload === workload && r.target === target);

/** The lookups whose every request is small: their worst latency is the store's pauses, not their work. */
const CHEAP_WORKLOADS: readonly WorkloadName[] = ['nested', 'actorWindow', 'monthPage', 'shortestPathUnreachable'];

/** The goals of the issue, checked against what this run measured. */
export function evaluateGoals(report: BenchReport): Goal[] {
  const goals: Goal[] = [];
  const timeout = report.neo4j?.txTimeoutMs ?? 10_000;
  const workloads = [...new Set(report.results.map((r) => r.workload))];
  for (const workload of workloads) {
    const api = find(report, workload, 'api');
    const driver = find(report, workload, 'driver');
    if (!api || !driver) continue;
    const ratio = api.load.latencyMs.p50 / Math.max(driver.load.latencyMs.p50, 0.001);
    goals.push({
      goal: `${workload}: api p50 within 1.3x of driver`,
      met: ratio <= 1.3,
      detail: `api ${fmt(api.load.latencyMs.p50)} ms vs driver ${fmt(driver.load.latencyMs.p50)} ms: ${ratio.toFixed(2)}x`,
    });
  }
  const api = find(report, 'nested', 'api');
  const ng = find(report, 'nested', 'neo4j-graphql');
  if (api && ng) {
    goals.push({
      goal: 'nested: api throughput >= @neo4j/graphql',
      met: api.load.rps >= ng.load.rps,
      detail: `api ${fmt(api.load.rps)} req/s vs neo4j-graphql ${fmt(ng.load.rps)} req/s (${(api.load.rps / Math.max(ng.load.rps, 0.001)).toFixed(2)}x)`,
    });
    goals.push({
      goal: 'nested: api p99 no worse than @neo4j/graphql',
      met: api.load.latencyMs.p99 <= ng.load.latencyMs.p99,
      detail: `api ${fmt(api.load.latencyMs.p99)} ms vs neo4j-graphql ${fmt(ng.load.latencyMs.p99)} ms`,
    });
  }
  const p50Under = (workload: WorkloadName, target: TargetName, ms: number, where: string) => {
    const run = find(report, workload, target);
    if (run)
      goals.push({
        goal: `${workload} p50 < ${ms} ms ${where}`,
        met: run.load.latencyMs.p50 < ms,
        detail: `${fmt(run.load.latencyMs.p50)} ms`,
      });
  };
  p50Under('shortestPath', 'api', 50, 'on Neo4j (api)');
  p50Under('shortestPath', 'embedded', 20, 'embedded');
  p50Under('timePaths', 'api', 300, 'on Neo4j (api)');
  const tpApi = find(report, 'timePaths', 'api');
  const tpEmb = find(report, 'timePaths', 'embedded');
  if (tpApi && tpEmb) {
    const ratio = tpApi.load.latencyMs.p50 / Math.max(tpEmb.load.latencyMs.p50, 0.001);
    goals.push({
      goal: 'timePaths: api p50 within 3x of embedded',
      met: ratio <= 3,
      detail: `api ${fmt(tpApi.load.latencyMs.p50)} ms vs embedded ${fmt(tpEmb.load.latencyMs.p50)} ms: ${ratio.toFixed(2)}x`,
    });
  }
  for (const workload of CHEAP_WORKLOADS) {
    const emb = find(report, workload, 'embedded');
    if (!emb) continue;
    goals.push({
      goal: `${workload}: embedded max latency < 250 ms`,
      met: emb.load.latencyMs.max < 250,
      detail: `max ${fmt(emb.load.latencyMs.max)} ms (p99 ${fmt(emb.load.latencyMs.p99)} ms)`,
    });
  }
  for (const target of TARGETS) {
    const un = find(report, 'shortestPathUnreachable', target);
    if (!un) continue;
    goals.push({
      goal: `unreachable pairs bounded by the transaction deadline (${target})`,
      met: un.load.latencyMs.max <= timeout + 1_000 && un.load.timeouts === 0,
      detail: `max ${fmt(un.load.latencyMs.max)} ms, p99 ${fmt(un.load.latencyMs.p99)} ms, deadline ${timeout} ms, client timeouts ${un.load.timeouts}`,
    });
  }
  const emb = report.embeddedLoad;
  if (emb) {
    const full = report.dataset.relations === 1_000_000;
    goals.push({
      goal: `embedded store loads ${report.dataset.relations} relations in < 20 s`,
      met: full ? emb.loadMs < 20_000 : null,
      detail: `${fmt(emb.loadMs / 1000)} s${full ? '' : ' (the goal is set for 10^6 relations)'}`,
    });
    goals.push({
      goal: 'embedded store in < 3 GB resident',
      met: full ? emb.rssLoadedMB < 3 * 1024 : null,
      detail: `process RSS ${emb.rssLoadedMB} MB after load (+${emb.rssDeltaMB} MB over the empty process)`,
    });
  }
  return goals;
}

const cpuCell = (r: RunResult) =>
  r.cpu?.serverMsPerRequest == null
    ? ''
    : `${fmt(r.cpu.serverMsPerRequest)}${r.cpu.neo4jMsPerRequest == null ? '' : ` / ${fmt(r.cpu.neo4jMsPerRequest)}`}`;

/** Latencies to the microsecond below 10 ms, where whole milliseconds would hide a gap. */
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));

/** The Markdown summary: setup, load figures, one table row per workload and target, goals. */
export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`# Benchmark: ${report.size} (seed ${report.seed})`, '');
  lines.push(
    `Run ${report.startedAt} (${Math.round(report.totalSeconds)} s) on ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGB} GB, ${m.platform}, Node ${m.node}; load average at start ${(m.loadavgAtStart as number[]).join(' ')}.`,
  );
  if (report.neo4j)
    lines.push(
      `Neo4j: ${report.neo4j.version}, ${report.neo4j.note}; transaction timeout ${report.neo4j.txTimeoutMs} ms.`,
    );
  lines.push(
    `Versions: ${Object.entries(report.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  const o = report.options;
  lines.push(
    `Load: autocannon, ${o.connections} connections; first all workloads, interleaved, through each target for ${3 * Number(o.neo4jWarmup)} s (warms Neo4j and each server up), then per workload and target ${o.warmup} s of warm-up and ${o.duration} s measured, ` +
      `targets in rotating order; ${o.pool} argument sets per workload. Requests still in flight when a run ends are not counted, so multi-second workloads under-report their tail.`,
    '',
  );

  const d = report.dataset;
  lines.push('## Data and load', '');
  lines.push('| what | value |', '| --- | --- |');
  lines.push(
    `| dataset | ${d.actors} actors, ${d.relations} relations, ${d.citations} citations, ${d.sources} sources; generated in ${fmt(Number(d.generateMs) / 1000)} s |`,
  );
  const deg = d.degree as Record<string, number> | undefined;
  if (deg)
    lines.push(
      `| degree (relations per actor) | max ${deg.max}, p99 ${deg.p99}, p90 ${deg.p90}, median ${deg.p50}; ${deg.over1000} actors with 1,000+ |`,
    );
  if (report.neo4jLoad) {
    const l = report.neo4jLoad;
    const phases = Object.entries(l.phases)
      .map(([p, v]) => `${p} ${fmt(v.ms / 1000)} s`)
      .join(', ');
    lines.push(
      `| Neo4j load (batched UNWIND + MERGE) | ${l.reused ? 'reused the graph of an earlier run (not reloaded)' : `${fmt(l.totalMs / 1000)} s: ${phases}`} |`,
    );
  }
  if (report.embeddedLoad) {
    const e = report.embeddedLoad;
    lines.push(`| embedded load (MemoryStore.fromDataset) | ${fmt(e.loadMs / 1000)} s |`);
    lines.push(
      `| embedded memory | RSS ${e.rssLoadedMB} MB after load (empty process ${e.rssBaselineMB} MB, with the dataset alone ${e.rssWithDatasetMB} MB); heap used ${e.heapUsedLoadedMB} MB |`,
    );
  }
  lines.push('');

  lines.push('## Results', '');
  lines.push(
    'Latencies in ms. `errors`: non-200 responses / responses carrying GraphQL `errors` / socket errors and timeouts. `RT/req`: driver round trips per request. ' +
      '`p50 vs driver`: against the bare-driver handler. `CPU ms/req`: CPU time per request in the server process / in Neo4j. `other CPUs`: CPUs busy with processes outside the benchmark during the run (a noisy machine shows here; with NEO4J_URI, Neo4j itself counts as outside).',
    '',
  );
  lines.push(
    '| workload | target | req/s | p50 | p99 | max | p50 vs driver | errors | RT/req | CPU ms/req | other CPUs |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |',
  );
  for (const workload of [...new Set(report.results.map((r) => r.workload))]) {
    const driver = find(report, workload, 'driver');
    const rows = report.results
      .filter((x) => x.workload === workload)
      .sort((a, b) => TARGETS.indexOf(a.target) - TARGETS.indexOf(b.target));
    for (const r of rows) {
      const l = r.load;
      const vs =
        driver && r.target !== 'driver'
          ? `${(l.latencyMs.p50 / Math.max(driver.load.latencyMs.p50, 0.001)).toFixed(2)}x`
          : '';
      const errors = `${l.non200} / ${r.errorResponses} / ${l.errors}`;
      lines.push(
        `| ${workload} | ${r.target} | ${fmt(l.rps)} | ${fmt(l.latencyMs.p50)} | ${fmt(l.latencyMs.p99)} | ${fmt(l.latencyMs.max)} | ${vs} | ${errors} | ${r.roundTrips === null ? '' : r.roundTrips.toFixed(2)} | ${cpuCell(r)} | ${r.cpu ? r.cpu.otherCpus.toFixed(2) : ''} |`,
      );
    }
  }
  lines.push('');
  lines.push('| workload | what each request does |', '| --- | --- |');
  for (const workload of [...new Set(report.results.map((r) => r.workload))])
    lines.push(`| ${workload} | ${DESCRIPTIONS[workload]} |`);
  lines.push('');

  if (report.goals.length) {
    lines.push('## Goals', '');
    lines.push('| goal | met | measured |', '| --- | --- | --- |');
    for (const g of report.goals)
      lines.push(`| ${g.goal} | ${g.met === null ? 'n/a' : g.met ? 'yes' : '**no**'} | ${g.detail} |`);
    lines.push('');
  }
  const errorSamples = report.results.filter((r) => r.errorSamples.length);
  if (errorSamples.length || report.preflight.length || report.failures.length) {
    lines.push('## Problems', '');
    for (const f of report.failures) lines.push(`- FAILURE: ${f}`);
    for (const p of report.preflight) lines.push(`- ${p}`);
    for (const r of errorSamples)
      lines.push(`- ${r.workload} / ${r.target}: ${r.errorSamples[0].replace(/\s+/g, ' ').slice(0, 300)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = join(dir, `${report.size}-${stamp}.json`);
  const markdown = join(dir, `${report.size}-latest.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
