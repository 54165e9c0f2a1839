import { setImmediate as nextTurn } from 'node:timers/promises';
import { EMBEDDED_QUERY_TIMEOUT_MS } from '../../domain/limits.js';
import { StoreTimeoutError } from '../store-errors.js';

/** Steps between two looks at the time: cheap enough to vanish beside a step, often enough to keep slices short. */
const STEPS_PER_LOOK = 256;
/** The longest a search runs before it lets other requests in. */
const SLICE_MS = 1;

/**
 * Keeps an embedded-store search from holding the event loop or outliving its request: the search
 * calls `due()` once per step and, when it says so, `await clock.pause()`. Every few milliseconds
 * of work it yields to the event loop (other requests are served between slices), and it stops with
 * the same QUERY_TIMEOUT error as Neo4j's transaction timeout once it has run `limitMs`, or as
 * soon as the request's signal aborts (its deadline passed, or its client went away).
 */
export class SearchClock {
  private steps = 0;
  private sliceStart = performance.now();
  private readonly stopAt: number;

  constructor(
    private readonly signal?: AbortSignal,
    private readonly limitMs = EMBEDDED_QUERY_TIMEOUT_MS,
  ) {
    this.stopAt = this.sliceStart + limitMs;
  }

  /** Whether the search has used its slice and should `await pause()`. */
  due(): boolean {
    if (++this.steps % STEPS_PER_LOOK !== 0) return false;
    return performance.now() - this.sliceStart >= SLICE_MS;
  }

  /** Yields to the event loop; throws StoreTimeoutError when the search is out of time or no longer wanted. */
  async pause(): Promise<void> {
    this.check();
    await nextTurn();
    this.check();
    this.sliceStart = performance.now();
  }

  private check(): void {
    if (this.signal?.aborted || performance.now() >= this.stopAt) throw new StoreTimeoutError(this.limitMs);
  }
}
