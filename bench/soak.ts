/**
 * The soak run behind `npm run soak` (issue 18, section 5): a server as `npm start` runs it, on the
 * embedded store (with a data folder, so writes are kept in SQLite) or on Neo4j, under a steady mix
 * of reads and writes from a few clients for N minutes. Every loop is bounded: each client keeps at
 * most a few relations of its own and retracts the oldest before recording another, so the graph
 * stays the same size and a growing RSS means a leak. Prints, per minute, the requests, their p99,
 * the errors by code and the server's RSS; exits non-zero on any 5xx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import readline from 'node:readline';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/config.js';
import { loadDatasetFile } from '../src/dataset/load-dataset.js';
import { applySchema, seedDataset } from '../src/store/neo4j/seed.js';
import { connect, obtainNeo4j, type Neo4jTarget } from './neo4j.js';

export interface SoakOptions {
  minutes: number;
  /** Minutes of the same load before the measured ones: RSS growth is counted from their end. */
  warmupMinutes: number;
  store: 'memory' | 'neo4j';
  clients: number;
  log: (line: string) => void;
}

export interface MinuteReport {
  minute: number;
  warmup: boolean;
  requests: number;
  p99Ms: number;
  errors: Record<string, number>;
  serverErrors: number;
  /** The server's RSS, sampled every RSS_SAMPLE_MS through the minute: mean and largest. */
  rssMb: number;
  rssMaxMb: number;
  /**
   * The server's heap after its full collections (V8's `--trace-gc` Mark-Compact lines) in this
   * minute, smallest: what stays alive, the figure a leak moves. Null in a minute with none.
   */
  liveHeapMb: number | null;
}

export interface SoakReport {
  store: string;
  minutes: MinuteReport[];
  /** Mean RSS over the first and the last measured minute, in MB, and the growth between them. */
  warmupMinutes: number;
  rssAfterWarmupMb: number;
  rssEndMb: number;
  rssGrowthPercent: number;
  /** The live heap after full collections, first and last measured minute that had one, and the growth. */
  liveHeapStartMb: number | null;
  liveHeapEndMb: number | null;
  liveHeapGrowthPercent: number | null;
  serverErrors: number;
}

const TOKEN = 'soak-token-0123456789abcdef';
const ACTORS = ['turkey', 'russia', 'daesh', 'hts', 'syrian-government', 'iran', 'syrian-rebels', 'us'];
const KINDS = ['FIGHTS', 'SUPPORTS', 'NEGOTIATES'];
/** Path searches end at daesh, so they start elsewhere. */
const STARTS = ACTORS.filter((id) => id !== 'daesh');
/** Relations one client keeps at most: it retracts its oldest before recording another. */
const KEPT_PER_CLIENT = 20;
/** How often the server's RSS is read: a minute's mean is steadier than one reading (GC moves RSS by 20%). */
const RSS_SAMPLE_MS = 2_000;
/** A V8 `--trace-gc` line of a full collection: `Mark-Compact 410.2 (431.0) -> 296.5 (432.1) MB, ...`. */
const FULL_GC = /Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;
/** How long the first write (the citations' source) may keep failing while a cold store starts. */
const SETUP_MS = 120_000;

/** Reads, weighted by how often an analyst or the explorer sends them. */
const READS: [weight: number, query: (rnd: () => number) => string][] = [
  [30, (r) => `{ actor(id: "${pick(ACTORS, r)}") { id name relations { id kind since } } }`],
  [15, () => '{ relations(first: 50) { edges { node { id kind from { id } to { id } } } pageInfo { endCursor } } }'],
  [15, (r) => `{ neighborhood(actor: "${pick(ACTORS, r)}", hops: 2) { nodes { id } edges { id } } }`],
  [10, (r) => `{ shortestPath(from: "${pick(STARTS, r)}", to: "daesh") { hops actors { id } } }`],
  [10, (r) => `{ paths(from: "${pick(STARTS, r)}", to: "daesh", maxHops: 3, first: 10) { hops } }`],
  [10, () => '{ snapshot(at: "2018-01-01") { nodes { id } edges { id kind } } }'],
  [10, () => '{ changes(from: "2017-01-01", to: "2018-12-31") { date change relation { id } } }'],
];

const pick = <T>(list: readonly T[], rnd: () => number) => list[Math.floor(rnd() * list.length)];

/** A small seeded generator, so two runs send the same mix. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function weighted(rnd: () => number): string {
  const total = READS.reduce((sum, [w]) => sum + w, 0);
  let at = rnd() * total;
  for (const [w, query] of READS) if ((at -= w) < 0) return query(rnd);
  return READS[0][1](rnd);
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Starts `src/main.ts` as `npm start` does, its output kept in `logFile`, and resolves with its URL once it listens. */
function startServer(
  env: NodeJS.ProcessEnv,
  logFile: string,
  onFullGc: (heapMb: number) => void,
): Promise<{ url: string; child: ChildProcess }> {
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--trace-gc', '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // The server logs every request (as in production), kept in `logFile` for the errors' causes.
    let listening = false;
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (listening) return;
      output += chunk.toString();
      const match = /(?:GraphiQL|GraphQL API) at (http:\/\/[^/\s]+)\/graphql/.exec(output);
      if (!match) return;
      listening = true;
      output = '';
      resolve({ url: match[1], child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const after = FULL_GC.exec(line)?.[1];
      if (after) onFullGc(Number(after));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** The server's "unexpected error" log lines (what a client saw as "Unexpected error."), shortened. */
async function unexpectedErrors(logFile: string): Promise<string[]> {
  const lines = (await readFile(logFile, 'utf8')).split('\n').filter((line) => line.includes('"unexpected error"'));
  return lines.slice(0, 5).map((line) => {
    const entry = JSON.parse(line) as { reqId?: string; path?: string; err?: { message?: string; stack?: string } };
    const frames = entry.err?.stack
      ?.split('\n')
      .slice(1, 4)
      .map((f) => f.trim())
      .join(' < ');
    return `unexpected error (request ${entry.reqId}, ${entry.path}): ${entry.err?.message} at ${frames}`;
  });
}

const percentile99 = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.ceil(0.99 * sorted.length) - 1] * 10) / 10;
};

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { log } = options;
  const cleanups: (() => Promise<void>)[] = [];
  let neo4j: Neo4jTarget | null = null;
  const env: NodeJS.ProcessEnv = { API_TOKEN: TOKEN, NODE_ENV: 'production', STORE: options.store };
  try {
    if (options.store === 'neo4j') {
      neo4j = await obtainNeo4j(log, 256);
      cleanups.push(() => neo4j!.stop());
      const driver = connect(neo4j);
      try {
        await applySchema(driver, neo4j.database);
        await seedDataset(driver, neo4j.database, await loadDatasetFile(join(ROOT, 'data', 'idlib.json')), {
          reset: true,
        });
      } finally {
        await driver.close();
      }
      Object.assign(env, {
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        NEO4J_DATABASE: neo4j.database,
      });
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'soak-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
    }
    const logFile = join(tmpdir(), `soak-${options.store}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
    const fullGcs: number[] = [];
    const server = await startServer(env, logFile, (heapMb) => fullGcs.push(heapMb));
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      if (server.child.exitCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
    });
    log(`soak: ${options.store} store, ${options.clients} clients, ${options.minutes} minutes, server ${server.url}`);
    log(`server log: ${logFile}`);
    const report = await soak(server.url, server.child.pid!, fullGcs, options);
    for (const line of await unexpectedErrors(logFile)) log(`server: ${line}`);
    return report;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function soak(url: string, pid: number, fullGcs: number[], options: SoakOptions): Promise<SoakReport> {
  const seen = new Set<string>();
  const send = async (query: string, write = false) => {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(write ? { authorization: `Bearer ${TOKEN}` } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error && !seen.has(error.extensions?.code ?? 'NO_CODE')) {
      seen.add(error.extensions?.code ?? 'NO_CODE');
      options.log(`first ${error.extensions?.code} error: ${error.message}`);
    }
    // An error without a code (GraphQL's own, such as a null in a non-null field) is counted as NO_CODE.
    const code = error ? (error.extensions?.code ?? 'NO_CODE') : undefined;
    return { status: response.status, ms: performance.now() - started, code };
  };
  // Every write cites this source: without it the soak would measure nothing but NOT_FOUND.
  const setupUntil = Date.now() + SETUP_MS;
  for (;;) {
    const { code } = await send(
      'mutation { addSource(input: { id: "soak-source", title: "Soak", published: "2018-01-01" }, ' +
        'idempotencyKey: "soak-source") { id } }',
      true,
    );
    if (!code) break;
    if (Date.now() > setupUntil) throw new Error(`the soak's source could not be added within ${SETUP_MS} ms: ${code}`);
  }
  const total = options.warmupMinutes + options.minutes;
  const endAt = Date.now() + total * 60_000;
  let samples: number[] = [];
  const sampler = setInterval(
    () =>
      void rssMb(pid).then(
        (mb) => samples.push(mb),
        () => undefined,
      ),
    RSS_SAMPLE_MS,
  );
  let minute: { latencies: number[]; errors: Record<string, number>; serverErrors: number } = {
    latencies: [],
    errors: {},
    serverErrors: 0,
  };
  const record = (result: { status: number; ms: number; code?: string }) => {
    minute.latencies.push(result.ms);
    if (result.code) minute.errors[result.code] = (minute.errors[result.code] ?? 0) + 1;
    if (result.status >= 500) minute.serverErrors++;
  };
  let stopped = false;
  const client = async (n: number) => {
    const rnd = random(n + 1);
    const kept: string[] = [];
    let serial = 0;
    while (!stopped) {
      if (rnd() < 0.2) {
        // A write: record a relation, or retract this client's oldest once it keeps enough.
        if (kept.length >= KEPT_PER_CLIENT) {
          record(await send(`mutation { retractRelation(id: "${kept.shift()}") { id } }`, true));
        } else {
          const id = `soak-${n}-${serial++}`;
          const [from, to] = [pick(ACTORS, rnd), pick(ACTORS, rnd)];
          if (from === to) continue;
          const result = await send(
            `mutation { recordRelation(input: { id: "${id}", kind: ${pick(KINDS, rnd)}, from: "${from}", to: "${to}", ` +
              `since: "2018-0${1 + Math.floor(rnd() * 9)}-01", summary: "soak", citations: [{ source: "soak-source" }] }) { id } }`,
            true,
          );
          record(result);
          if (!result.code) kept.push(id);
        }
      } else {
        record(await send(weighted(rnd)));
      }
    }
    for (const id of kept) await send(`mutation { retractRelation(id: "${id}") { id } }`, true);
  };
  const clients = Array.from({ length: options.clients }, (_, n) => client(n));
  const minutes: MinuteReport[] = [];
  for (let m = 1; m <= total; m++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(60_000, endAt - Date.now()))));
    if (samples.length === 0) samples.push(await rssMb(pid));
    const report: MinuteReport = {
      minute: m,
      warmup: m <= options.warmupMinutes,
      requests: minute.latencies.length,
      p99Ms: percentile99(minute.latencies),
      errors: minute.errors,
      serverErrors: minute.serverErrors,
      rssMb: Math.round((samples.reduce((sum, mb) => sum + mb, 0) / samples.length) * 10) / 10,
      rssMaxMb: Math.max(...samples),
      liveHeapMb: fullGcs.length ? Math.min(...fullGcs.splice(0)) : null,
    };
    minute = { latencies: [], errors: {}, serverErrors: 0 };
    samples = [];
    minutes.push(report);
    options.log(
      `${report.warmup ? 'warm-up ' : ''}minute ${m}: ${report.requests} requests, p99 ${report.p99Ms} ms, errors ${JSON.stringify(report.errors)}, ` +
        `5xx ${report.serverErrors}, RSS ${report.rssMb} MB (max ${report.rssMaxMb}), ` +
        `live heap ${report.liveHeapMb ?? '-'} MB`,
    );
  }
  stopped = true;
  clearInterval(sampler);
  await Promise.all(clients);
  const measured = minutes.filter((m) => !m.warmup);
  const warm = measured[0].rssMb;
  const end = minutes.at(-1)!.rssMb;
  const heaps = measured.map((m) => m.liveHeapMb).filter((mb): mb is number => mb !== null);
  const [heapStart, heapEnd] = heaps.length >= 2 ? [heaps[0], heaps.at(-1)!] : [null, null];
  return {
    store: options.store,
    minutes,
    warmupMinutes: options.warmupMinutes,
    rssAfterWarmupMb: warm,
    rssEndMb: end,
    rssGrowthPercent: Math.round(((end - warm) / warm) * 1_000) / 10,
    liveHeapStartMb: heapStart,
    liveHeapEndMb: heapEnd,
    liveHeapGrowthPercent:
      heapStart !== null && heapEnd !== null ? Math.round(((heapEnd - heapStart) / heapStart) * 1_000) / 10 : null,
    serverErrors: minutes.reduce((sum, m) => sum + m.serverErrors, 0),
  };
}
