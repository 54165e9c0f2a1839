import { GraphQLError } from 'graphql';
import { SUBSCRIPTION_DEFAULTS, type SubscriptionLimits } from '../config.js';
import type { WriteResult } from '../domain/commands.js';
import type { Logger } from '../logger.js';
import { processRelay, type EventRelay } from '../live/relay.js';

/** What one write changed, as the `graphChanged` subscription tells it. */
export interface GraphChangeEvent extends WriteResult {
  operation: string;
  at: string;
  /** The writer's name (the token's, never the token). */
  by: string;
}

/** What a subscription yields: events, and last, when the server ends it, the error that says why. */
export type GraphChangeItem = GraphChangeEvent | GraphQLError;

/**
 * Handing an event to a subscriber runs its share of the work (the GraphQL execution, serialising,
 * the socket write). The bus does that work in slices: a turn of the event loop hands events over
 * for at most SLICE_MS (to at most HANDED_PER_TURN waiting subscribers at its start, each of which
 * may take more while the slice lasts), then lets the requests that arrived meanwhile (a write,
 * say) go first.
 */
const SLICE_MS = 2;
const HANDED_PER_TURN = 8;

/** A refused subscription may be tried again after this many seconds (the `Retry-After` header). */
const RETRY_AFTER_SECONDS = 30;

/**
 * One event bus per app: every acknowledged write through the API is published on it.
 *
 * `publish` never waits for a subscriber: it queues the event for each of them and returns, and
 * the events are handed over in slices between requests (see SLICE_MS). Each subscriber may
 * have `buffer` events waiting; one that falls further behind (a client that stopped reading, or
 * more writes than the server can send on) has its subscription ended with a LIMIT_EXCEEDED
 * error as its last event. Subscriptions are capped in all and per client.
 *
 * Events travel through a relay (src/live/relay.ts): this process alone by default, or Redis, so
 * a write through any API process reaches the subscribers of all of them. When the relay is
 * interrupted (Redis went away), open subscriptions end with a LIVE_UPDATES_UNAVAILABLE error,
 * since they may have missed events, and new ones are refused until it is back.
 */
export class GraphEvents {
  private readonly open = new Set<Subscription>();
  private readonly perClient = new Map<string, number>();
  private readonly due: Subscription[] = [];
  private handing = false;
  private sliceEnds = 0;

  constructor(
    readonly limits: SubscriptionLimits,
    private readonly log?: Logger,
    readonly relay: EventRelay<GraphChangeEvent> = processRelay(),
  ) {
    relay.onEvent((event) => {
      for (const subscription of this.open) subscription.offer(event);
    });
    relay.onInterrupted((reason) => this.endAll(liveUpdatesUnavailable(reason)));
  }

  /** Open subscriptions. */
  get size(): number {
    return this.open.size;
  }

  /** Hands an acknowledged write's event to the relay, which brings it to every process's subscribers. */
  publish(_topic: 'graphChanged', event: GraphChangeEvent): void {
    this.relay.publish(event);
  }

  /**
   * A new subscription for `client` (a token or an IP address), ended when `signal` aborts (the
   * client went away). Throws a LIMIT_EXCEEDED error, with status 503 when the server has its
   * most subscriptions and 429 when this client has, both with `Retry-After`.
   */
  subscribe(client: string, signal?: AbortSignal): AsyncIterableIterator<GraphChangeItem> {
    const relay = this.relay.status();
    if (!relay.up) throw liveUpdatesUnavailable(relay.reason ?? 'the relay is down', RETRY_AFTER_SECONDS);
    if (this.open.size >= this.limits.max)
      throw refusal(
        503,
        'subscriptions',
        `The server has its most open subscriptions (${this.limits.max}); try again later.`,
      );
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.perClient)
      throw refusal(
        429,
        'subscriptionsPerClient',
        `This client has its most open subscriptions (${this.limits.perClient}); close one before opening another.`,
      );
    const subscription = new Subscription(this, client);
    this.open.add(subscription);
    this.perClient.set(client, mine + 1);
    if (signal?.aborted) void subscription.return();
    else signal?.addEventListener('abort', () => void subscription.return(), { once: true });
    return subscription;
  }

  /** Ends every subscription with `reason` as its last event (at shutdown, say). */
  endAll(reason: GraphQLError): void {
    for (const subscription of [...this.open]) subscription.end(reason);
  }

  /** @internal A subscription stops counting towards the caps. */
  release(subscription: Subscription): void {
    if (!this.open.delete(subscription)) return;
    const left = (this.perClient.get(subscription.client) ?? 1) - 1;
    if (left > 0) this.perClient.set(subscription.client, left);
    else this.perClient.delete(subscription.client);
  }

  /** @internal A subscription has an item for the consumer waiting on it. */
  schedule(subscription: Subscription): void {
    this.due.push(subscription);
    if (this.handing) return;
    this.handing = true;
    setImmediate(() => this.handOver());
  }

  /** @internal Whether a subscriber may take its next event at once, in the current slice. */
  inSlice(): boolean {
    return performance.now() < this.sliceEnds;
  }

  /** @internal */
  fellBehind(subscription: Subscription): void {
    this.log?.warn(
      { client: subscription.client, buffer: this.limits.buffer },
      'ended a graphChanged subscription that fell too far behind',
    );
  }

  private handOver(): void {
    this.sliceEnds = performance.now() + SLICE_MS;
    for (const subscription of this.due.splice(0, HANDED_PER_TURN)) subscription.handOver();
    if (this.due.length > 0) setImmediate(() => this.handOver());
    else this.handing = false;
  }
}

class Subscription implements AsyncIterableIterator<GraphChangeItem> {
  private readonly queue: GraphChangeItem[] = [];
  private waiting: ((result: IteratorResult<GraphChangeItem>) => void) | null = null;
  private scheduled = false;
  private ended = false;

  constructor(
    private readonly bus: GraphEvents,
    readonly client: string,
  ) {}

  offer(event: GraphChangeEvent): void {
    if (this.ended) return;
    if (this.queue.length >= this.bus.limits.buffer) {
      this.bus.fellBehind(this);
      this.queue.length = 0;
      this.end(
        new GraphQLError(
          `This subscription fell more than ${this.bus.limits.buffer} events behind (they came faster than ` +
            'the client read them) and was ended; the events it missed are not sent. Subscribe again, then ' +
            'refetch what you show.',
          { extensions: { code: 'LIMIT_EXCEEDED', limit: 'subscriptionBuffer' } },
        ),
      );
      return;
    }
    this.queue.push(event);
    this.wake();
  }

  /** No more events: the consumer gets what is queued, then `last` (if any), then the end. */
  end(last?: GraphQLError): void {
    if (this.ended) return;
    this.ended = true;
    this.bus.release(this);
    if (last) this.queue.push(last);
    this.wake();
  }

  /** Called by the bus in its turn: settles the consumer's waiting `next()`. */
  handOver(): void {
    this.scheduled = false;
    const resolve = this.waiting;
    if (!resolve) return;
    this.waiting = null;
    resolve(this.take());
  }

  next(): Promise<IteratorResult<GraphChangeItem>> {
    if (this.waiting) return Promise.reject(new Error('graphChanged: next() called before the last one settled'));
    if ((this.queue.length > 0 || this.ended) && this.bus.inSlice()) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.wake();
    });
  }

  return(): Promise<IteratorResult<GraphChangeItem>> {
    this.end();
    this.queue.length = 0;
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  private take(): IteratorResult<GraphChangeItem> {
    return this.queue.length > 0 ? { value: this.queue.shift()!, done: false } : { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** A consumer waits and there is something to give it: the bus hands it over in its turn. */
  private wake(): void {
    if (!this.waiting || this.scheduled || (this.queue.length === 0 && !this.ended)) return;
    this.scheduled = true;
    this.bus.schedule(this);
  }
}

function refusal(status: 429 | 503, limit: string, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'LIMIT_EXCEEDED',
      limit,
      http: { status, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    },
  });
}

/**
 * Live updates cannot be promised: the relay between API processes is down. A subscription open
 * then has its last event carry this; a new one is refused with it (503, `Retry-After`).
 */
function liveUpdatesUnavailable(reason: string, retryAfterSeconds?: number): GraphQLError {
  return new GraphQLError(
    `Live updates are unavailable (${reason}); events may have been missed. Reads and writes still work: ` +
      'subscribe again later, then refetch what you show.',
    {
      extensions: {
        code: 'LIVE_UPDATES_UNAVAILABLE',
        ...(retryAfterSeconds !== undefined && {
          http: { status: 503, headers: { 'Retry-After': String(retryAfterSeconds) } },
        }),
      },
    },
  );
}

export const createGraphEvents = (
  limits: SubscriptionLimits = SUBSCRIPTION_DEFAULTS,
  log?: Logger,
  relay?: EventRelay<GraphChangeEvent>,
) => new GraphEvents(limits, log, relay);
