import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { GraphStore } from '../store/port.js';

/**
 * `GET /ready`: 200 when the store answers a query within `timeoutMs`, otherwise 503 by then, so a
 * load balancer hears "not ready" even while Neo4j hangs without answering. A plain 503 with no
 * detail: the reason goes to the log, not to the caller.
 */
export function readiness(store: GraphStore, timeoutMs: number, log?: Logger): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([store.ping(), late]);
        return true;
      } catch (error) {
        log?.warn({ err: (error as Error).message }, 'readiness check failed');
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
