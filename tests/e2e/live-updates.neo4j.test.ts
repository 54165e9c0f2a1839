import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { neo4jSettings } from '../support/neo4j.js';
import { RawSubscriber } from '../support/raw-sse.js';
import { redisMissing, startRedis, type LocalRedis } from '../support/redis.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

// Two API processes on one Neo4j and one Redis, as docs/scaling.md lays them out: a write through
// either reaches the subscribers of both; Redis going away costs live updates only.

const run = promisify(execFile);
const settings = neo4jSettings();
const missing = redisMissing();
if (missing && process.env.NEO4J_REQUIRED === '1') throw new Error(`Redis tests cannot run: ${missing}`);
if (missing) console.warn(`\n*** SKIPPING the live-update tests: ${missing}\n`);

const TOKEN = 'live-updates-token-0001';
const EVENTS = 'subscription { graphChanged { operation actorIds } }';

async function post(server: ServerProcess, query: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: { actor?: { id: string } | null }; errors?: { message: string }[] },
  };
}

const createActor = (server: ServerProcess, id: string) =>
  post(server, `mutation { createActor(input: { id: "${id}", name: "${id}", kind: ARMED_GROUP }) { id } }`);

async function readiness(server: ServerProcess) {
  const res = await fetch(`${server.url}/ready`);
  return { status: res.status, body: (await res.json()) as { liveUpdates: string; reason?: string } };
}

/** Polls `/ready` until `liveUpdates` says `state`. */
async function untilLive(server: ServerProcess, state: 'up' | 'down', timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await readiness(server);
    if (body.liveUpdates === state) return body;
    if (Date.now() > deadline) throw new Error(`/ready still says liveUpdates ${body.liveUpdates}, not ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // poll: the next check
  }
}

const eventsOf = (subscriber: RawSubscriber) =>
  subscriber.events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data));

describe.skipIf(!settings || missing)('live updates across API processes through Redis', () => {
  let redis: LocalRedis;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    const env = {
      STORE: 'neo4j',
      NEO4J_URI: settings!.uri,
      NEO4J_USER: settings!.user,
      NEO4J_PASSWORD: settings!.password,
      NEO4J_DATABASE: settings!.database,
    };
    await run(`${ROOT}node_modules/.bin/tsx`, ['scripts/seed.ts', '--reset'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    redis = await startRedis();
    const withRedis = { ...env, REDIS_URL: redis.url, API_TOKEN: TOKEN };
    [a, b] = await Promise.all([startServer(withRedis), startServer(withRedis)]);
    await Promise.all([untilLive(a, 'up'), untilLive(b, 'up')]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('a write through one process reaches the subscribers of both', async () => {
    const onA = new RawSubscriber(a.url, EVENTS);
    const onB = new RawSubscriber(b.url, EVENTS);
    await Promise.all([onA.head, onB.head]);
    // A subscription is open once its stream has started; Redis delivers only to channels already subscribed.
    await Promise.all([
      onA.until(() => onA.received > 0, 10_000, 'A stream to start'),
      onB.until(() => onB.received > 0, 10_000, 'B stream to start'),
    ]);
    expect((await createActor(a, 'relay-one')).body.errors).toBeUndefined();
    expect((await createActor(b, 'relay-two')).body.errors).toBeUndefined();
    for (const [name, subscriber] of [
      ['A', onA],
      ['B', onB],
    ] as const) {
      await subscriber.until(() => eventsOf(subscriber).length >= 2, 10_000, `two events on ${name}`);
      const ids = eventsOf(subscriber).map((e) => e.data.graphChanged.actorIds[0]);
      expect(ids, `events on ${name}, each once`).toEqual(['relay-one', 'relay-two']);
    }
    onA.destroy();
    onB.destroy();
  });

  it('Redis going away: subscribers are told, reads and writes go on, /ready says so, and it recovers', async () => {
    const onB = new RawSubscriber(b.url, EVENTS);
    await onB.until(() => onB.received > 0, 10_000, 'B stream to start');
    await redis.kill();

    await onB.ended;
    const last = onB.events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data));
    expect(last.at(-1)?.errors?.[0]?.extensions?.code, JSON.stringify(last)).toBe('LIVE_UPDATES_UNAVAILABLE');
    const down = await untilLive(a, 'down');
    expect(down.reason).toMatch(/Redis/);
    expect((await readiness(a)).status, 'a process without Redis still serves reads and writes').toBe(200);

    // Acknowledged writes are stored whatever happens to their events: the other process reads them.
    expect((await createActor(a, 'while-redis-down')).body.errors).toBeUndefined();
    const read = await post(b, '{ actor(id: "while-redis-down") { id } }');
    expect(read.body.data?.actor?.id).toBe('while-redis-down');

    const refused = new RawSubscriber(b.url, EVENTS);
    const head = await refused.head;
    await refused.ended;
    expect(head.status).toBe(503);
    expect(refused.events.map((e) => e.data).join('')).toContain('LIVE_UPDATES_UNAVAILABLE');
    refused.destroy();

    await redis.restart();
    await Promise.all([untilLive(a, 'up'), untilLive(b, 'up')]);
    const again = new RawSubscriber(b.url, EVENTS);
    await again.until(() => again.received > 0, 10_000, 'B stream to start again');
    expect((await createActor(a, 'after-redis-back')).body.errors).toBeUndefined();
    await again.until(() => eventsOf(again).length >= 1, 10_000, 'an event after Redis came back');
    expect(eventsOf(again)[0].data.graphChanged.actorIds).toEqual(['after-redis-back']);
    again.destroy();
  });
});
