import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { RelayStatus } from '../live/relay.js';
import type { Logger } from '../logger.js';
import type { GraphStore } from '../store/port.js';

/**
 * `GET /ready`: 200 when the store answers a query within `timeoutMs`, otherwise 503 by then, so a
 * load balancer hears "not ready" even while Neo4j hangs without answering. The store's failure
 * goes to the log, not to the caller.
 *
 * The body says whether live updates reach every API process (`liveUpdates`: `up`, or `down` with
 * why, when Redis is away). A process whose relay is down still answers reads and writes, so it
 * stays ready: only its subscriptions are refused until Redis is back.
 */
export function readiness(
  store: GraphStore,
  relay: { name: string; status(): RelayStatus },
  timeoutMs: number,
  log?: Logger,
): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([store.ping(), late]);
      } catch (error) {
        log?.warn({ err: (error as Error).message }, 'readiness check failed');
        return false;
      } finally {
        clearTimeout(timer);
      }
      const live = relay.status();
      return Response.json({
        ready: true,
        liveUpdates: live.up ? 'up' : 'down',
        relay: relay.name,
        ...(live.reason !== null && { reason: live.reason }),
      });
    },
  });
}
