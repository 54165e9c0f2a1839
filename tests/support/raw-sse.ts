import { connect, type Socket } from 'node:net';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * One GraphQL-over-SSE request on a raw socket, so a test controls reading: `pause()` stops
 * reading (the kernel buffers fill and the server sees backpressure), `resume()` reads again.
 * It speaks just enough HTTP/1.1 for Yoga's answers: a status line, headers, a chunked body.
 */
export class RawSubscriber {
  readonly socket: Socket;
  /** Resolves with the status and headers once the response head has arrived. */
  readonly head: Promise<{ status: number; headers: Record<string, string> }>;
  /** Resolves when the response has ended (its last chunk came) or the connection closed. */
  readonly ended: Promise<void>;
  /** Resolves when the connection has closed (by the server, or destroyed). */
  readonly closed: Promise<void>;
  /** The complete events received so far (comments, the pings, left out). */
  readonly events: SseEvent[] = [];
  /** Body bytes received so far. */
  received = 0;
  private pending: Buffer = Buffer.alloc(0);
  private inBody = false;
  private text = '';
  /** Whether the chunked body ended properly (its last, empty chunk came): a cut connection leaves it false. */
  complete = false;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];

  constructor(url: string, query: string, headers: Record<string, string> = {}) {
    const { hostname, port } = new URL(url);
    const body = JSON.stringify({ query });
    this.socket = connect(Number(port), hostname);
    const lines = [
      'POST /graphql HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Content-Type: application/json',
      'Accept: text/event-stream',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    let resolveHead!: (head: { status: number; headers: Record<string, string> }) => void;
    this.head = new Promise((resolve) => (resolveHead = resolve));
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.ended = new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.waiters.push({ check: () => this.complete, resolve });
    });
    this.socket.on('error', () => {});
    this.socket.on('data', (chunk: Buffer) => {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      if (!this.inBody) {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...headerLines] = this.pending.subarray(0, end).toString().split('\r\n');
        const headers = Object.fromEntries(
          headerLines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
        );
        this.pending = this.pending.subarray(end + 4);
        this.inBody = true;
        resolveHead({ status: Number(statusLine.split(' ')[1]), headers });
      }
      this.readChunks();
      this.notify();
    });
    this.socket.once('close', () => this.notify());
  }

  /** Resolves when `check` holds, rechecked on every read; rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const last = this.events.slice(-3).map((e) => `${e.event}: ${e.data}`);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last events:\n${last.join('\n')}`));
      }, timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Takes the complete chunks of the chunked body off `pending`, and the complete events off the text. */
  private readChunks(): void {
    for (;;) {
      const lineEnd = this.pending.indexOf('\r\n');
      if (lineEnd < 0) break;
      const size = parseInt(this.pending.subarray(0, lineEnd).toString(), 16);
      if (size === 0) this.complete = true;
      if (size === 0 || Number.isNaN(size)) break;
      if (this.pending.length < lineEnd + 2 + size + 2) break;
      this.text += this.pending.subarray(lineEnd + 2, lineEnd + 2 + size).toString();
      this.received += size;
      this.pending = this.pending.subarray(lineEnd + 2 + size + 2);
    }
    const blocks = this.text.split('\n\n');
    this.text = blocks.pop()!;
    for (const block of blocks) {
      const lines = block.split('\n').filter((line) => !line.startsWith(':'));
      const field = (name: string) =>
        lines
          .filter((line) => line.startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim())
          .join('\n');
      if (field('event')) this.events.push({ event: field('event'), data: field('data') });
    }
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }
}
