/** Whether live updates reach every process, and if not, why (for `/ready` and the log). */
export interface RelayStatus {
  up: boolean;
  /** Why the relay is down; null when it is up. */
  reason: string | null;
}

/**
 * Carries the events of acknowledged writes to the subscribers of every API process. Each process
 * hands what it publishes to the relay and hears every event once, its own included, through
 * `onEvent`. Events are live updates, not records: the write itself is stored (and acknowledged)
 * before its event is published, so a relay that drops an event loses no data, and says so
 * through `onInterrupted` so subscribers learn that they may have missed some.
 */
export interface EventRelay<T> {
  /** `process` (this process only) or `redis`. */
  readonly name: string;
  /** Never throws and never waits: a failure to send is reported through `onInterrupted`. */
  publish(event: T): void;
  onEvent(listener: (event: T) => void): void;
  onInterrupted(listener: (reason: string) => void): void;
  status(): RelayStatus;
  close(): Promise<void>;
}

/** The relay of a single process: what it publishes, its own subscribers hear, at once. */
export function processRelay<T>(): EventRelay<T> {
  const listeners: ((event: T) => void)[] = [];
  return {
    name: 'process',
    publish: (event) => {
      for (const listener of listeners) listener(event);
    },
    onEvent: (listener) => void listeners.push(listener),
    onInterrupted: () => undefined,
    status: () => ({ up: true, reason: null }),
    close: async () => undefined,
  };
}
