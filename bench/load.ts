/**
 * The load generator: autocannon in its own long-lived process (forked by the runner, with IPC),
 * so it shares an event loop with neither the servers nor the runner's memory-heavy process.
 * Each message is one run (a warm-up or a measured run); each reply is its summary.
 */
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import type { BenchRequest } from './requests.js';

export interface LoadJob {
  url: string;
  requests: BenchRequest[];
  connections: number;
  seconds: number;
  /** Per-request client timeout, in seconds (above the servers' transaction timeout). */
  timeoutSeconds: number;
  /** Where in `requests` to start, so a warm-up and the measured run do not replay one order. */
  offset: number;
}

export interface LoadSummary {
  requests: number;
  durationSeconds: number;
  rps: number;
  /**
   * Client-side latencies, in milliseconds with microsecond resolution: each response's own time
   * (autocannon's, from process.hrtime) recorded in an HdrHistogram of microseconds, since
   * autocannon's own percentiles are whole milliseconds (6 vs 8 ms would read as a 33% gap).
   */
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses with any status but 200 (an export's 2xx other than 200 is no answer either). */
  non200: number;
  statusCodes: Record<string, number>;
}

const JSON_BODY = { 'content-type': 'application/json' };

export type LoadReply = { ok: true; summary: LoadSummary } | { ok: false; error: string };

async function execute(job: LoadJob): Promise<LoadSummary> {
  let next = job.offset;
  const pool = job.requests;
  // 1 µs to 10 min, three significant digits: a percentile is within 0.1% of the true value.
  const micros = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const run = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: job.timeoutSeconds,
    requests: [
      {
        // A shared cursor: concurrent connections send different arguments.
        setupRequest: (request) => {
          const r = pool[next++ % pool.length];
          return r.method === 'POST'
            ? { ...request, method: 'POST', path: r.path, body: r.body, headers: { ...JSON_BODY, ...request.headers } }
            : { ...request, method: 'GET', path: r.path, body: undefined };
        },
      },
    ],
  });
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
    micros.recordValue(Math.max(1, Math.round(ms * 1_000))),
  );
  const result = await run;
  const total = result.requests.total;
  const at = (percentile: number) => micros.getValueAtPercentile(percentile) / 1_000;
  const latencyMs = {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    mean: micros.mean / 1_000,
    max: micros.maxValue / 1_000,
  };
  micros.destroy();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
  );
  return {
    requests: total,
    durationSeconds: result.duration,
    rps: total / result.duration,
    latencyMs,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    non200: Object.entries(statusCodes).reduce((sum, [code, count]) => sum + (code === '200' ? 0 : count), 0),
    statusCodes,
  };
}

if (process.send) {
  process.on('message', (job: LoadJob) => {
    execute(job).then(
      (summary) => process.send!({ ok: true, summary } satisfies LoadReply),
      (error: unknown) =>
        process.send!({ ok: false, error: String((error as Error)?.stack ?? error) } satisfies LoadReply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
