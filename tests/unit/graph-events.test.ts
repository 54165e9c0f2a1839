import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GraphEvents, type GraphChangeEvent, type GraphChangeItem } from '../../src/graphql/events.js';

const event = (n: number): GraphChangeEvent => ({
  operation: 'updateActor',
  at: new Date(0).toISOString(),
  by: 'alice',
  actorIds: [`a${n}`],
  relationIds: [],
  citationIds: [],
  sourceIds: [],
});

const bus = (limits: Partial<GraphEvents['limits']> = {}) =>
  new GraphEvents({ max: 10, perClient: 10, buffer: 100, ...limits });

async function take(subscription: AsyncIterator<GraphChangeItem>, count: number): Promise<GraphChangeItem[]> {
  const items: GraphChangeItem[] = [];
  for (let i = 0; i < count; i++) {
    const { value, done } = await subscription.next();
    if (done) break;
    items.push(value);
  }
  return items;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GraphEvents', () => {
  it('gives each subscriber every event in order', async () => {
    const events = bus();
    const one = events.subscribe('ip:1');
    const two = events.subscribe('ip:2');
    for (let n = 0; n < 5; n++) events.publish('graphChanged', event(n));
    expect(await take(one, 5)).toEqual([0, 1, 2, 3, 4].map(event));
    expect(await take(two, 5)).toEqual([0, 1, 2, 3, 4].map(event));
  });

  it('hands events over in a later turn of the event loop, never inside publish', async () => {
    const events = bus();
    const subscription = events.subscribe('ip:1');
    let received = false;
    void subscription.next().then(() => (received = true));
    events.publish('graphChanged', event(1));
    await Promise.resolve();
    await Promise.resolve();
    expect(received).toBe(false);
    await nextTurn();
    await nextTurn();
    expect(received).toBe(true);
  });

  it('ends a subscriber that falls more than `buffer` events behind, with a LIMIT_EXCEEDED error last', async () => {
    const events = bus({ buffer: 3 });
    const slow = events.subscribe('ip:1');
    const reading = events.subscribe('ip:2');
    for (let n = 0; n < 4; n++) {
      events.publish('graphChanged', event(n));
      expect(await take(reading, 1)).toEqual([event(n)]);
    }
    expect(events.size).toBe(1);
    const [last, ...rest] = await take(slow, 10);
    expect(rest).toEqual([]);
    expect(last).toBeInstanceOf(GraphQLError);
    expect((last as GraphQLError).extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'subscriptionBuffer' });
    expect((last as GraphQLError).message).toMatch(/fell more than 3 events behind/);
  });

  it('refuses subscriptions over the per-client cap (429) and the total (503), with Retry-After', () => {
    const events = bus({ max: 2, perClient: 1 });
    events.subscribe('ip:1');
    const refusal = (client: string) => {
      try {
        events.subscribe(client);
      } catch (error) {
        return (error as GraphQLError).extensions;
      }
      throw new Error('subscribed');
    };
    expect(refusal('ip:1')).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'subscriptionsPerClient',
      http: { status: 429, headers: { 'Retry-After': '30' } },
    });
    events.subscribe('ip:2');
    expect(refusal('ip:3')).toMatchObject({ limit: 'subscriptions', http: { status: 503 } });
  });

  it('gives a place back when the client goes away or stops', async () => {
    const events = bus({ max: 1 });
    const gone = new AbortController();
    const first = events.subscribe('ip:1', gone.signal);
    const waiting = first.next();
    gone.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(events.size).toBe(0);
    const second = events.subscribe('ip:1');
    await second.return!();
    expect(events.size).toBe(0);
    events.subscribe('ip:1');
  });

  it('ends every subscription with a reason', async () => {
    const events = bus();
    const subscription = events.subscribe('ip:1');
    events.publish('graphChanged', event(1));
    events.endAll(new GraphQLError('shutting down', { extensions: { code: 'SHUTTING_DOWN' } }));
    const items = await take(subscription, 5);
    expect(items[0]).toEqual(event(1));
    expect((items[1] as GraphQLError).message).toBe('shutting down');
    expect(items).toHaveLength(2);
    expect(events.size).toBe(0);
  });
});
