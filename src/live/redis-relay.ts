import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import type { EventRelay, RelayStatus } from './relay.js';

/** The Redis channel every API process publishes its write events on and listens to. */
export const GRAPH_CHANGED_CHANNEL = 'idlib:graphChanged';

/** Between attempts to reach a Redis that went away, at most this long. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Live updates through Redis publish/subscribe (`@graphql-yoga/redis-event-target` on two
 * `ioredis` connections: a subscribing connection can do nothing else). ioredis reconnects on its
 * own and subscribes again; while Redis is away, publishing fails at once instead of queueing
 * (the write was stored already; its event is lost), and the relay reports the interruption so
 * the subscribers of this process are told they may have missed events.
 */
export function redisRelay<T>(url: string, log?: Logger): EventRelay<T> {
  const base: RedisOptions = {
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
    connectionName: 'idlib-api',
  };
  // Publishing never queues while disconnected: the event would arrive late, out of order with others.
  const publisher = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  // The subscription is queued until the first connection and renewed by ioredis after each reconnect.
  const subscriber = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const interrupted: ((reason: string) => void)[] = [];
  let reason: string | null = 'connecting to Redis';
  let lastError: string | null = null;

  const interrupt = (why: string) => {
    for (const listener of interrupted) listener(why);
  };
  const watch = (client: Redis, role: string) => {
    client.on('error', (error: Error) => {
      if (error.message === lastError) return; // ioredis repeats it on every attempt to reconnect
      lastError = error.message;
      log?.warn({ role, err: error.message }, 'Redis connection error');
    });
    client.on('ready', () => {
      lastError = null;
      if (publisher.status === 'ready' && subscriber.status === 'ready') {
        if (reason !== null) log?.info({ redis: redacted(url) }, 'live updates through Redis are up');
        reason = null;
      }
    });
    client.on('close', () => {
      if (reason !== null) return;
      reason = `the ${role} connection to Redis closed; reconnecting`;
      log?.warn({ redis: redacted(url) }, `live updates through Redis are down: ${reason}`);
      interrupt(reason);
    });
  };
  watch(publisher, 'publishing');
  watch(subscriber, 'subscribing');

  // The event target only needs `publish` of its publishing client; a failed publish is reported, not thrown.
  const publishing = {
    publish: (channel: string, message: string) =>
      publisher.publish(channel, message).catch((error: Error) => {
        log?.warn({ err: error.message }, 'an event could not be published to Redis and is lost');
        interrupt(`an event could not be sent through Redis (${error.message})`);
        return 0;
      }),
  } as unknown as Redis;
  const target = createRedisEventTarget<CustomEvent<T>>({ publishClient: publishing, subscribeClient: subscriber });

  return {
    name: 'redis',
    publish: (event) => void target.dispatchEvent(new CustomEvent(GRAPH_CHANGED_CHANNEL, { detail: event })),
    onEvent: (listener) => target.addEventListener(GRAPH_CHANGED_CHANNEL, (event) => listener(event.detail)),
    onInterrupted: (listener) => void interrupted.push(listener),
    status: (): RelayStatus => ({ up: reason === null, reason }),
    close: async () => {
      reason = 'closed';
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/** A Redis URL without its password, for the log. */
function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
