import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawSubscriber } from '../support/raw-sse.js';
import { startFailing, startServer, type ServerProcess } from '../support/server-process.js';
import { startCrowd } from '../support/sse-crowd.js';

// These run `npm start` on the embedded store. What they test (src/graphql/events.ts,
// src/http/connections.ts) sits above the store port and does not depend on the store.

const TOKEN = 'subscription-limits-token-1';
const OTHER_TOKEN = 'subscription-limits-token-2';

/** An actor with the longest id allowed, so that each event is large and socket buffers fill in fewer writes. */
const LONG_ID = 'x'.repeat(100);
/** About 3 kB an event: its one actor id, 29 times. */
const BIG_EVENTS = `subscription { graphChanged { ${Array.from({ length: 29 }, (_, i) => `a${i}: actorIds`).join(' ')} } }`;
const EVENTS = 'subscription { graphChanged { operation actorIds } }';

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function post(
  query: string,
  token: string | null = TOKEN,
): Promise<{ status: number; body: { errors?: unknown } }> {
  const res = await fetch(`${server!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

/** One request carrying `count` writes (aliased mutations): `count` events. */
async function writeBatch(actor: string, count: number, round: number): Promise<void> {
  const fields = Array.from(
    { length: count },
    (_, i) => `w${i}: updateActor(id: "${actor}", input: { description: "round ${round} write ${i}" }) { id }`,
  );
  const { status, body } = await post(`mutation { ${fields.join(' ')} }`);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
}

/** Resolves when the server's output matches `pattern`; rejects if the server exits first or after `timeoutMs`. */
function untilOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  const child = server!.child;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(server!.output())) return;
      done();
      resolve();
    };
    const exited = () => {
      done();
      reject(new Error(`the server exited waiting for ${pattern}:\n${server!.output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${pattern} in the server's output after ${timeoutMs} ms:\n${server!.output()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', exited);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', exited);
    check();
  });
}

/** `promise`, unless the server exits first: then the error says so, with its output. */
function whileAlive<T>(promise: Promise<T>): Promise<T> {
  const child = server!.child;
  if (child.exitCode !== null) return Promise.reject(new Error(`the server exited:\n${server!.output()}`));
  let onExit!: () => void;
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`the server exited (${child.exitCode}):\n${server!.output().slice(-3000)}`));
    child.once('exit', onExit);
  });
  return Promise.race([promise, exited]).finally(() => child.off('exit', onExit));
}

async function started(subscriber: RawSubscriber): Promise<void> {
  await subscriber.until(() => subscriber.received > 0, 10_000, 'the event stream to start');
}

/**
 * Starts a subscriber that stops reading and one that reads, then writes batches of 10 (each once
 * the reader has all events so far) until the server ends the stalled subscription. Returns the
 * number of writes.
 */
async function stallOneSubscriber(): Promise<{ slow: RawSubscriber; reading: RawSubscriber; writes: number }> {
  expect(
    (await post(`mutation { createActor(input: { id: "${LONG_ID}", name: "Long id", kind: ARMED_GROUP }) { id } }`))
      .body.errors,
  ).toBeUndefined();
  const reading = new RawSubscriber(server!.url, BIG_EVENTS);
  const slow = new RawSubscriber(server!.url, BIG_EVENTS);
  await started(reading);
  await started(slow);
  slow.pause();
  const ended = untilOutput(/ended a graphChanged subscription that fell too far behind/, 600_000);
  let over = false;
  void ended.then(() => (over = true)).catch(() => {});
  let writes = 0;
  while (!over) {
    expect(server!.child.exitCode, server!.output()).toBeNull();
    expect(writes, 'writes before the server ended the stalled subscription').toBeLessThan(20_000);
    await writeBatch(LONG_ID, 10, writes);
    writes += 10;
    await whileAlive(reading.until(() => reading.events.length >= writes, 30_000, `event ${writes}`));
  }
  await ended;
  return { slow, reading, writes };
}

describe('graphChanged subscribers that fall behind', () => {
  it(
    'ends a subscriber that stops reading with a last LIMIT_EXCEEDED event; the process and other subscribers go on',
    { timeout: 300_000 },
    async () => {
      server = await startServer({ STORE: 'memory', API_TOKEN: TOKEN, SUBSCRIPTION_BUFFER: '50' });
      const { slow, reading, writes } = await stallOneSubscriber();
      expect((await fetch(`${server.url}/health`)).status).toBe(200);

      // Reading again, it gets what the sockets held, then the error that ends it, then the end.
      slow.resume();
      await slow.closed;
      const [last, complete] = slow.events.slice(-2);
      expect(complete.event).toBe('complete');
      expect(last.event).toBe('next');
      const { errors, data } = JSON.parse(last.data) as {
        data: null;
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(data).toBeNull();
      expect(errors[0].extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'subscriptionBuffer' });
      expect(errors[0].message).toMatch(/fell more than 50 events behind/);
      const delivered = slow.events.length - 2;
      expect(delivered).toBeLessThan(writes - 50);
      console.log(`stalled subscriber ended after ${writes} writes; it had been sent ${delivered} events`);

      // The reader had every event, and goes on getting them.
      await writeBatch(LONG_ID, 1, -1);
      await reading.until(() => reading.events.length === writes + 1, 30_000, 'the last event');
      expect(reading.events.every((e) => e.event === 'next' && !JSON.parse(e.data).errors)).toBe(true);
      reading.destroy();
      expect(server.child.exitCode).toBeNull();
      expect(await server.stop()).toBe(0);
    },
  );

  it('closes the connection of a subscriber that does not read again', { timeout: 300_000 }, async () => {
    server = await startServer({
      STORE: 'memory',
      API_TOKEN: TOKEN,
      SUBSCRIPTION_BUFFER: '50',
      SLOW_CLIENT_TIMEOUT_MS: '2000',
    });
    const { slow, reading } = await stallOneSubscriber();
    await untilOutput(/closed a connection that stopped reading its answer/, 30_000);
    // Reading now, it gets what the kernel still held, then finds the connection cut: the answer
    // never ended (what the server had not yet sent, the last event among it, went with the connection).
    slow.resume();
    await Promise.race([
      slow.closed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the connection is still open')), 10_000)),
    ]);
    expect(slow.complete).toBe(false);
    expect(slow.events.map((e) => e.event)).not.toContain('complete');
    // The reader's connection, whose answer kept moving, is still served.
    const before = reading.events.length;
    await writeBatch(LONG_ID, 1, -1);
    await reading.until(() => reading.events.length === before + 1, 30_000, 'the next event');
    reading.destroy();
  });
});

describe('caps on subscriptions and connections', () => {
  it('refuses to start with MAX_SUBSCRIPTIONS not below MAX_CONNECTIONS', async () => {
    const { code, output } = await startFailing({ STORE: 'memory', MAX_CONNECTIONS: '10', MAX_SUBSCRIPTIONS: '10' });
    expect(code).toBe(1);
    expect(output).toMatch(/Invalid settings:\n {2}- MAX_SUBSCRIPTIONS: must be below MAX_CONNECTIONS \(10\)/);
  });

  /** The error event a refused subscription answers with. */
  function refusal(subscriber: RawSubscriber): { message: string; extensions: Record<string, unknown> } {
    expect(subscriber.events.map((e) => e.event)).toEqual(['next', 'complete']);
    const { errors } = JSON.parse(subscriber.events[0].data) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(errors).toHaveLength(1);
    return errors[0];
  }

  it('refuses a subscription over the per-client cap with 429 and over the total with 503, saying why', async () => {
    server = await startServer({
      STORE: 'memory',
      API_TOKEN: `${TOKEN},${OTHER_TOKEN}`,
      MAX_SUBSCRIPTIONS: '3',
      MAX_SUBSCRIPTIONS_PER_CLIENT: '2',
    });
    const open = [new RawSubscriber(server.url, EVENTS), new RawSubscriber(server.url, EVENTS)];
    for (const subscriber of open) expect((await subscriber.head).status).toBe(200);

    // A third from the same address, and one with a token the server does not know (it counts as its address).
    for (const headers of [{}, { authorization: 'Bearer not-a-known-token' }] as Record<string, string>[]) {
      const refused = new RawSubscriber(server.url, EVENTS, headers);
      const head = await refused.head;
      expect(head.status).toBe(429);
      expect(head.headers['retry-after']).toBe('30');
      await refused.ended;
      const error = refusal(refused);
      expect(error.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'subscriptionsPerClient' });
      expect(error.message).toMatch(/This client has its most open subscriptions \(2\)/);
    }

    // A valid token is a client of its own; the server's cap (3) then refuses with 503.
    const withToken = new RawSubscriber(server.url, EVENTS, { authorization: `Bearer ${TOKEN}` });
    expect((await withToken.head).status).toBe(200);
    const overTotal = new RawSubscriber(server.url, EVENTS, { authorization: `Bearer ${OTHER_TOKEN}` });
    const head = await overTotal.head;
    expect(head.status).toBe(503);
    expect(head.headers['retry-after']).toBe('30');
    await overTotal.ended;
    expect(refusal(overTotal).extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'subscriptions' });

    // Subscribers hear writes; a closed subscription gives its place back.
    expect((await post('mutation { updateActor(id: "hts", input: { description: "capped" }) { id } }')).status).toBe(
      200,
    );
    for (const subscriber of [...open, withToken])
      await subscriber.until(() => subscriber.events.length === 1, 10_000, 'the event');
    open[0].destroy();
    let admitted: RawSubscriber | undefined;
    for (let attempt = 0; !admitted; attempt++) {
      expect(attempt, 'a subscription refused long after a place was freed').toBeLessThan(500);
      const next = new RawSubscriber(server.url, EVENTS, { authorization: `Bearer ${OTHER_TOKEN}` });
      if ((await next.head).status === 200) admitted = next;
      else await next.ended;
    }
    for (const subscriber of [admitted, open[1], withToken]) subscriber.destroy();
  });

  it('answers 503 with a reason over MAX_CONNECTIONS, and /health and /ready still answer', async () => {
    server = await startServer({ STORE: 'memory', MAX_CONNECTIONS: '3', MAX_SUBSCRIPTIONS: '2' });
    const { hostname, port } = new URL(server.url);
    const held: Socket[] = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = connect(Number(port), hostname, () => resolve(socket));
            socket.once('error', reject);
          }),
      ),
    );
    const query = JSON.stringify({ query: '{ actor(id: "hts") { name } }' });
    const refused = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'The server has its most open connections (3); try again shortly.',
          extensions: { code: 'LIMIT_EXCEEDED', limit: 'connections' },
        },
      ],
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect(server.output()).toContain('MAX_CONNECTIONS reached');

    for (const socket of held) socket.destroy();
    let answer: Response | undefined;
    for (let attempt = 0; answer?.status !== 200; attempt++) {
      expect(attempt, 'still refused long after the connections closed').toBeLessThan(500);
      answer = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
    }
    expect(await answer.json()).toEqual({ data: { actor: { name: expect.any(String) } } });
  });
});

describe('fan-out', () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  async function timeWrites(count: number, round: string): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      const { status } = await post(
        `mutation { updateActor(id: "hts", input: { description: "${round} ${i}" }) { id } }`,
      );
      times.push(performance.now() - start);
      expect(status).toBe(200);
    }
    return times;
  }

  it('answers a write as fast with 500 subscribers as with none', { timeout: 300_000 }, async () => {
    server = await startServer({
      STORE: 'memory',
      API_TOKEN: TOKEN,
      MAX_SUBSCRIPTIONS: '500',
      MAX_SUBSCRIPTIONS_PER_CLIENT: '500',
    });
    await timeWrites(20, 'warm-up');
    const before = await timeWrites(30, 'alone');
    // The subscribers read in a process of their own, so this one times only the writes.
    const crowd = await startCrowd(server.url, 500, EVENTS);
    const crowded = await timeWrites(60, 'crowded');
    await crowd.reached(60);
    await crowd.stop();
    const after = await timeWrites(30, 'alone again');
    const alone = median([...before, ...after]);
    const withSubscribers = median(crowded);
    console.log(
      `write p50: ${alone.toFixed(1)} ms with no subscriber, ${withSubscribers.toFixed(1)} ms with 500 ` +
        `(ratio ${(withSubscribers / alone).toFixed(2)})`,
    );
    // Generous, for a loaded machine: before, each write waited for every subscriber (12 to 14 times as long).
    expect(withSubscribers).toBeLessThan(4 * alone + 10);
  });
});
