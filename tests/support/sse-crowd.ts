// A crowd of GraphQL-over-SSE subscribers in a process of its own, so that reading their streams
// does not take the test's event loop (a latency test times its requests there). Started by
// `startCrowd` below; it talks to its parent over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

interface Ready {
  type: 'ready';
}
interface Reached {
  type: 'reached';
  events: number;
}

export interface Crowd {
  /** Resolves when every subscriber has received at least `events` events. */
  reached(events: number): Promise<void>;
  stop(): Promise<void>;
}

/** Opens `count` subscriptions to `url` with `query`; resolves once every stream has started. */
export async function startCrowd(url: string, count: number, query: string): Promise<Crowd> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [url, String(count), query], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const message = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error('the subscriber crowd exited')));
    });
  await message<Ready>('ready');
  return {
    async reached(events) {
      const reached = message<Reached>('reached');
      child.send({ type: 'await', events });
      await reached;
    },
    async stop() {
      child.kill();
      await exited;
    },
  };
}

function runCrowd(url: string, count: number, query: string): void {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ query });
  const request =
    `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
    `Accept: text/event-stream\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const counts = new Array<number>(count).fill(0);
  let started = 0;
  let target = Infinity;
  const check = () => {
    if (counts.every((c) => c >= target)) {
      process.send!({ type: 'reached', events: target });
      target = Infinity;
    }
  };
  for (let i = 0; i < count; i++) {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let tail: string | null = null;
    socket.on('data', (data: Buffer) => {
      if (tail === null) {
        if (!data.toString('latin1').startsWith('HTTP/1.1 200')) {
          console.error(`subscriber ${i} was refused: ${data.toString('latin1').split('\r\n')[0]}`);
          process.exit(1);
        }
        if (++started === count) process.send!({ type: 'ready' });
        tail = '';
      }
      // The marker may straddle two reads: look at the end of the last one too.
      const text = tail + data.toString('latin1');
      counts[i] += text.split('event: next').length - 1;
      tail = text.slice(-10);
      if (target !== Infinity && counts[i] >= target) check();
    });
    socket.on('error', (error) => {
      console.error(`subscriber ${i}: ${error.message}`);
      process.exit(1);
    });
  }
  process.on('message', (m: { type: string; events: number }) => {
    if (m.type !== 'await') return;
    target = m.events;
    check();
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  runCrowd(process.argv[2], Number(process.argv[3]), process.argv[4]);
