/**
 * The load generator: autocannon in its own long-lived process (forked by the runner, with IPC),
 * so it shares an event loop with neither the servers nor the runner's memory-heavy process.
 * Each message is one run (a warm-up or a measured run); each reply is its summary.
 */
import autocannon from 'autocannon';
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
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export type LoadReply = { ok: true; summary: LoadSummary } | { ok: false; error: string };

async function execute(job: LoadJob): Promise<LoadSummary> {
  let next = job.offset;
  const pool = job.requests;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: job.timeoutSeconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        // A shared cursor: concurrent connections send different arguments.
        setupRequest: (request) => {
          const r = pool[next++ % pool.length];
          return { ...request, path: r.path, body: r.body };
        },
      },
    ],
  });
  const total = result.requests.total;
  return {
    requests: total,
    durationSeconds: result.duration,
    rps: total / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
    ),
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
