import neo4j, { Neo4jError } from 'neo4j-driver';

export interface WaitOptions {
  /** Where, for the messages (e.g. bolt://127.0.0.1:7687). */
  uri: string;
  /** Give up after this long; 0 tries once. */
  waitMs: number;
  /** One line when the wait starts, every ~10 s while it lasts, and when it ends. */
  log: (message: string) => void;
  /** First pause between attempts (doubling up to 2 s). */
  initialDelayMs?: number;
}

/**
 * What a Neo4j that is still starting answers: nothing listens on the port yet (or it closes the
 * connection), or a database is not available yet. A refused password, a wrong database name or
 * anything else is not going to change by waiting.
 */
export function isStartingUp(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (error.code.startsWith('Neo.ClientError.Security.')) return false;
  return (
    error.code === neo4j.error.SERVICE_UNAVAILABLE || error.code === neo4j.error.SESSION_EXPIRED || error.retryable
  );
}

/**
 * Runs `attempt` until it succeeds, retrying only while Neo4j looks like it is starting, for at
 * most `waitMs`; then rethrows the last error. A server and a seed script started together with
 * Neo4j (or just before it) thus wait for it instead of failing at once.
 */
export async function waitForNeo4j<T>(attempt: () => Promise<T>, options: WaitOptions): Promise<T> {
  const started = Date.now();
  const deadline = started + options.waitMs;
  let delay = options.initialDelayMs ?? 250;
  let waiting = false;
  let nextNotice = 0;
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  for (;;) {
    try {
      const result = await attempt();
      if (waiting) options.log(`Neo4j at ${options.uri} answered after ${seconds(Date.now() - started)}`);
      return result;
    } catch (error) {
      const now = Date.now();
      if (!isStartingUp(error) || now >= deadline) {
        if (waiting) options.log(`gave up waiting for Neo4j at ${options.uri} after ${seconds(now - started)}`);
        throw error;
      }
      const reason = (error as Error).message.split('\n')[0];
      if (!waiting) {
        waiting = true;
        nextNotice = now + 10_000;
        options.log(
          `waiting for Neo4j at ${options.uri} to accept connections (${reason}); up to ${seconds(options.waitMs)}`,
        );
      } else if (now >= nextNotice) {
        nextNotice = now + 10_000;
        options.log(`still waiting for Neo4j at ${options.uri} (${seconds(now - started)}; ${reason})`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - now))));
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

/**
 * Whether a driver error means Neo4j cannot serve right now, rather than that the query is wrong:
 * it is down or restarting (including the errors `isStartingUp` waits out), its connection pool
 * is exhausted (every connection busy, as when Neo4j hangs under load: "Connection acquisition
 * timed out"), or a connection could not be opened in time.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (error.code === neo4j.error.SERVICE_UNAVAILABLE || error.code === neo4j.error.SESSION_EXPIRED || error.retryable)
    return true;
  return /^(Connection acquisition timed out|Failed to establish connection)/.test(error.message);
}

/** Neo4j did not answer a query at all within its bound: taken as hung, and so unavailable. */
export class NoAnswerError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Neo4j did not answer within ${waitedMs} ms`);
    this.name = 'NoAnswerError';
  }
}

/**
 * `work`, or a `NoAnswerError` once `ms` have passed without it settling. Neo4j ends a slow query
 * itself at its transaction timeout, so a query still unanswered past that (plus a margin) is
 * waiting on a Neo4j that hangs: the caller hears so in time, instead of at the request's deadline.
 * The abandoned query holds its connection until Neo4j answers or the connection breaks.
 */
export async function answerWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(ms)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
