import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who a request comes from, for per-client caps: its bearer token when the token is valid (as a
 * short digest, so the key can be logged), otherwise its IP address. An unknown token counts as
 * its address, so inventing tokens does not buy more room. Behind a reverse proxy every client
 * has the proxy's address: the per-client caps then apply to all of them together.
 */
export function clientKey(request: Request, validToken: boolean, req?: IncomingMessage): string {
  if (validToken) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
    if (token) return `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
  }
  return `ip:${req?.socket.remoteAddress ?? 'unknown'}`;
}
