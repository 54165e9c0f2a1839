import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from '../config.js';
import type { Logger } from '../logger.js';

/** Paths served on any connection, over the cap too, so operators can still see the process. */
const ALWAYS_SERVED = new Set(['/health', '/ready']);

/** A refused client may try again after this many seconds (the `Retry-After` header). */
const RETRY_AFTER_SECONDS = 5;

/** A connection over the cap that sends no request within this time is closed. */
const UNSERVED_IDLE_MS = 5_000;

/** At most one log line per this interval says that the cap refuses requests. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * The HTTP server for the app, with the connection limits.
 *
 * - At most `limits.max` connections are served. A request on any further connection is answered
 *   503 LIMIT_EXCEEDED with `Retry-After` and the connection is closed, except `/health` and
 *   `/ready`. Beyond twice the cap, new connections are dropped unanswered (so the process keeps
 *   file descriptors for the ones it serves).
 * - A connection whose answer has not moved for `limits.slowClientTimeoutMs` (the client stopped
 *   reading, its socket buffers are full) is closed. A slow client that reads stays.
 */
export function createHttpServer(
  app: (req: IncomingMessage, res: ServerResponse) => unknown,
  limits: ConnectionLimits,
  log?: Logger,
): Server {
  const served = new Set<Socket>();
  const open = new Set<Socket>();
  // Each connection with an answer waiting to be sent: the bytes the kernel had taken, and when that changed.
  const progress = new Map<Socket, { sent: number; at: number }>();
  let lastRefusalLog = -Infinity;

  const admit = (socket: Socket): boolean => {
    if (served.has(socket)) return true;
    if (served.size >= limits.max) return false;
    served.add(socket);
    socket.setTimeout(0);
    return true;
  };

  const server = createServer((req, res) => {
    if (admit(req.socket) || ALWAYS_SERVED.has(pathOf(req.url))) return void app(req, res);
    if (performance.now() - lastRefusalLog > REFUSAL_LOG_INTERVAL_MS) {
      lastRefusalLog = performance.now();
      log?.warn({ connections: open.size, max: limits.max }, 'MAX_CONNECTIONS reached: answering 503');
    }
    const body = JSON.stringify({
      errors: [
        {
          message: `The server has its most open connections (${limits.max}); try again shortly.`,
          extensions: { code: 'LIMIT_EXCEEDED', limit: 'connections' },
        },
      ],
    });
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(RETRY_AFTER_SECONDS),
      connection: 'close',
    });
    res.end(body);
  });
  server.maxConnections = 2 * limits.max;

  server.on('connection', (socket: Socket) => {
    open.add(socket);
    if (!admit(socket)) socket.setTimeout(UNSERVED_IDLE_MS);
    socket.once('close', () => {
      open.delete(socket);
      served.delete(socket);
      progress.delete(socket);
    });
  });

  const watchdog = setInterval(
    () => {
      const now = performance.now();
      for (const socket of open) {
        if (socket.writableLength === 0) {
          progress.delete(socket);
          continue;
        }
        const sent = socket.bytesWritten - socket.writableLength;
        const last = progress.get(socket);
        if (!last || last.sent !== sent) progress.set(socket, { sent, at: now });
        else if (now - last.at >= limits.slowClientTimeoutMs) {
          log?.warn(
            { remote: socket.remoteAddress, waiting: socket.writableLength, ms: Math.round(now - last.at) },
            'closed a connection that stopped reading its answer',
          );
          socket.destroy();
        }
      }
    },
    Math.min(5_000, Math.max(50, limits.slowClientTimeoutMs / 5)),
  );
  watchdog.unref();
  server.once('close', () => clearInterval(watchdog));
  return server;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
