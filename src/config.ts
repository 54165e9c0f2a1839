import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EXPENSIVE_QUERIES } from './domain/limits.js';

/** The repository root, so defaults do not depend on the working directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The password `npm run neo4j` gives user `neo4j`, and so NEO4J_PASSWORD's default. */
export const LOCAL_NEO4J_PASSWORD = 'idlib-local-password';

/** Extra time a Neo4j query gets past its transaction timeout before Neo4j is taken as hung. */
export const NEO4J_ANSWER_MARGIN_MS = 2_000;

/** The shortest bearer token accepted: a short one can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** API_TOKEN's comma-separated entries; an empty setting is none. */
const splitTokens = (value: string) => (value === '' ? [] : value.split(',').map((t) => t.trim()));

/** A token and the name edits made with it are kept under (names are not secrets; tokens are). */
export interface NamedToken {
  name: string;
  token: string;
}

/** A token as a setting or a caller gives it: `name:token`, a bare token, or already named. */
export type TokenEntry = string | NamedToken;

/** A known token and what it may do. */
export interface Credential extends NamedToken {
  role: 'writer' | 'reader';
}

/** A writer's name: a word a log or a history filter can hold as is. */
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * An entry's name and token: `alice:<token>` is named `alice`; a bare token is named `<prefix>-<position>`
 * (`token-1`, `token-2`, ...: its place in the list). A token holding a colon after something that is
 * not a name stays whole.
 */
function nameEntry(entry: TokenEntry, position: number, prefix: string): NamedToken {
  if (typeof entry !== 'string') return entry;
  const colon = entry.indexOf(':');
  if (colon > 0 && TOKEN_NAME.test(entry.slice(0, colon)))
    return { name: entry.slice(0, colon), token: entry.slice(colon + 1) };
  return { name: `${prefix}-${position}`, token: entry };
}

/** The one home of the token settings' reading: write tokens, then read-only tokens, each named. */
export function credentialsOf(writers: readonly TokenEntry[], readers: readonly TokenEntry[] = []): Credential[] {
  return [
    ...writers.map((entry, i) => ({ ...nameEntry(entry, i + 1, 'token'), role: 'writer' as const })),
    ...readers.map((entry, i) => ({ ...nameEntry(entry, i + 1, 'read-token'), role: 'reader' as const })),
  ];
}

/** What is wrong with a token, or null. A token is sent as `Bearer <token>`, so it cannot hold a space. */
function tokenFault(token: string): string | null {
  if (token === '') return 'is empty (only spaces, or nothing between two commas)';
  if (/\s/.test(token)) return 'contains a space: a bearer token is one word';
  if (token.length < MIN_TOKEN_LENGTH)
    return `is ${token.length} characters long: tokens need at least ${MIN_TOKEN_LENGTH}, such as the output of \`openssl rand -hex 24\``;
  return null;
}

/** What is wrong with a token setting's entries (each token valid, each name once), naming entries by position only. */
function tokenIssues(named: readonly NamedToken[], taken: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set(taken);
  return named.flatMap(({ name, token }, i) => {
    const fault = tokenFault(token);
    // The token itself is a secret: say which one (by position) and what is wrong, never what it is.
    return [
      ...(fault ? [`token ${i + 1} ${fault}`] : []),
      ...(seen.has(name) ? [`token ${i + 1}: the name "${name}" is given to two tokens`] : (seen.add(name), [])),
    ];
  });
}

const tokenSetting = (prefix: string) =>
  z
    .string()
    .superRefine((value, context) => {
      const named = splitTokens(value).map((entry, i) => nameEntry(entry, i + 1, prefix));
      for (const message of tokenIssues(named)) context.addIssue({ code: 'custom', message });
    })
    .optional();

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().min(1);
const count = z.coerce.number().int().min(1);

export interface ConnectionLimits {
  max: number;
  slowClientTimeoutMs: number;
}

/** Expensive queries (estimated at `QUERY_COST.expensive` or more): how many run at once, wait, and for how long. */
export interface ExpensiveLimits {
  concurrency: number;
  queue: number;
  waitMs: number;
}

export interface SubscriptionLimits {
  /** Open subscriptions in all. */
  max: number;
  /** Open subscriptions of one client: one token, or one IP address for requests without a valid token. */
  perClient: number;
  /** Events that may wait for one subscriber; when one more arrives, its subscription is ended. */
  buffer: number;
}

/** The settings `createApp` falls back to when it is given none (tests, scripts). */
export const SUBSCRIPTION_DEFAULTS: SubscriptionLimits = { max: 500, perClient: 20, buffer: 1_000 };

const env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  STORE: z.enum(['memory', 'neo4j']).optional(),
  DATASET: z.string().min(1).default(`${ROOT}data/idlib.json`),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(LOCAL_NEO4J_PASSWORD),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_TX_TIMEOUT_MS: positiveMs.default(10_000),
  NEO4J_STARTUP_WAIT_MS: z.coerce.number().int().min(0).default(60_000),
  CORS_ORIGINS: z
    .string()
    .refine((value) => !value.split(',').some((o) => o.trim() === 'null'), {
      message: 'must not list "null": that origin is any sandboxed frame or local file, never allowed',
    })
    .optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  API_TOKEN: tokenSetting('token'),
  API_READ_TOKEN: tokenSetting('read-token'),
  API_READS: z.enum(['open', 'token']).default('open'),
  DATA_DIR: z.string().min(1).optional(),
  GRAPHIQL: z.enum(['on', 'off']).optional(),
  INTROSPECTION: z.enum(['on', 'off']).optional(),
  GRAPHQL_JIT: z.enum(['on', 'off']).default('on'),
  REQUEST_TIMEOUT_MS: positiveMs.default(15_000),
  READY_TIMEOUT_MS: positiveMs.default(2_000),
  SHUTDOWN_GRACE_MS: positiveMs.default(10_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).max(10_000_000).default(100_000),
  // Connections and subscriptions (docs/operations.md, "Connections and subscriptions").
  MAX_CONNECTIONS: count.default(1_000),
  SLOW_CLIENT_TIMEOUT_MS: positiveMs.default(30_000),
  MAX_SUBSCRIPTIONS: count.default(SUBSCRIPTION_DEFAULTS.max),
  MAX_SUBSCRIPTIONS_PER_CLIENT: count.default(SUBSCRIPTION_DEFAULTS.perClient),
  SUBSCRIPTION_BUFFER: count.default(SUBSCRIPTION_DEFAULTS.buffer),
  // Live updates shared by every API process (docs/scaling.md).
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379')
    .optional(),
  // Expensive queries (docs/operations.md, "Expensive queries").
  EXPENSIVE_CONCURRENCY: count.default(EXPENSIVE_QUERIES.concurrency),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  store: 'memory' | 'neo4j';
  dataset: string;
  neo4j: {
    uri: string;
    user: string;
    password: string;
    database: string;
    txTimeoutMs: number;
    /** How long the server and `npm run seed` wait for a Neo4j that is still starting (absent: no wait). */
    startupWaitMs?: number;
    /**
     * How long a Neo4j query may go without any answer before Neo4j is taken as hung and the query
     * fails with STORE_UNAVAILABLE: `txTimeoutMs` plus 2 s (Neo4j itself ends a slow query at
     * `txTimeoutMs`). Absent: that default.
     */
    answerTimeoutMs?: number;
  };
  /** Origins allowed to call the API from a browser; null: the default for the environment. */
  corsOrigins: string[] | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Bearer tokens that may write (API_TOKEN), named; empty: writes are refused. */
  apiTokens: NamedToken[];
  /** Bearer tokens that may only read (API_READ_TOKEN), named. */
  readTokens: NamedToken[];
  /** `token`: reads need a token too. */
  reads: 'open' | 'token';
  /** The embedded store's data folder (its SQLite database); null: writes are not kept. */
  dataDir: string | null;
  /** GraphiQL at /graphql; on in development, off in production unless GRAPHIQL=on. */
  graphiql: boolean;
  /** Schema introspection; on in development, off in production unless INTROSPECTION=on. */
  introspection: boolean;
  /** Queries compiled with graphql-jit (GRAPHQL_JIT=on, the default), or interpreted by graphql-js. */
  jit: boolean;
  /** Every GraphQL request ends by this deadline with REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** `/ready` answers 503 when the store has not answered its check by then. */
  readyTimeoutMs: number;
  /** On SIGTERM, how long in-flight requests may take before the process stops anyway. */
  shutdownGraceMs: number;
  maxBodyBytes: number;
  /** At most `max` connections are served; one whose answer has not moved for `slowClientTimeoutMs` is closed. */
  connections: ConnectionLimits;
  subscriptions: SubscriptionLimits;
  /** Redis, through which `graphChanged` reaches the subscribers of every API process; null: this process only. */
  redisUrl: string | null;
  /** How many expensive queries run at once, how many wait and for how long. */
  expensive: ExpensiveLimits;
}

export class ConfigError extends Error {}

/** Reads the settings from the environment. The only place that reads `process.env`. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const [writers, readers] = [
    credentialsOf(splitTokens(e.API_TOKEN ?? '')),
    credentialsOf([], splitTokens(e.API_READ_TOKEN ?? '')),
  ];
  const shared = tokenIssues(readers, new Set(writers.map((w) => w.name)));
  if (shared.length > 0)
    throw new ConfigError(`Invalid settings:\n${shared.map((m) => `  - API_READ_TOKEN: ${m}`).join('\n')}`);
  if (e.MAX_SUBSCRIPTIONS >= e.MAX_CONNECTIONS)
    throw new ConfigError(
      `Invalid settings:\n  - MAX_SUBSCRIPTIONS: must be below MAX_CONNECTIONS (${e.MAX_CONNECTIONS}), ` +
        'since each subscription holds a connection',
    );
  const store = e.STORE ?? (e.NEO4J_URI ? 'neo4j' : 'memory');
  if (store === 'memory' && e.REDIS_URL)
    throw new ConfigError(
      'Invalid settings:\n  - REDIS_URL: shares live updates between API processes on one Neo4j; the embedded ' +
        'store serves a single process (its data folder is locked by the first), so it takes no REDIS_URL',
    );
  if (store === 'neo4j' && e.REQUEST_TIMEOUT_MS <= e.NEO4J_TX_TIMEOUT_MS + NEO4J_ANSWER_MARGIN_MS)
    throw new ConfigError(
      `Invalid settings:\n  - REQUEST_TIMEOUT_MS: ${e.REQUEST_TIMEOUT_MS} must be more than NEO4J_TX_TIMEOUT_MS + ` +
        `${NEO4J_ANSWER_MARGIN_MS} (${e.NEO4J_TX_TIMEOUT_MS + NEO4J_ANSWER_MARGIN_MS}), so that a query Neo4j stops, ` +
        `or a Neo4j that hangs, is answered as such before the request's deadline`,
    );
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    store,
    dataset: e.DATASET,
    neo4j: {
      uri: e.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      txTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      startupWaitMs: e.NEO4J_STARTUP_WAIT_MS,
      answerTimeoutMs: e.NEO4J_TX_TIMEOUT_MS + NEO4J_ANSWER_MARGIN_MS,
    },
    corsOrigins:
      e.CORS_ORIGINS === undefined
        ? null
        : e.CORS_ORIGINS.split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    apiTokens: writers.map(({ name, token }) => ({ name, token })),
    readTokens: readers.map(({ name, token }) => ({ name, token })),
    reads: e.API_READS,
    dataDir: e.DATA_DIR ?? null,
    graphiql: (e.GRAPHIQL ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    introspection: (e.INTROSPECTION ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    jit: e.GRAPHQL_JIT === 'on',
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    connections: { max: e.MAX_CONNECTIONS, slowClientTimeoutMs: e.SLOW_CLIENT_TIMEOUT_MS },
    expensive: { ...EXPENSIVE_QUERIES, concurrency: e.EXPENSIVE_CONCURRENCY },
    subscriptions: {
      max: e.MAX_SUBSCRIPTIONS,
      perClient: e.MAX_SUBSCRIPTIONS_PER_CLIENT,
      buffer: e.SUBSCRIPTION_BUFFER,
    },
    redisUrl: e.REDIS_URL ?? null,
  };
}
