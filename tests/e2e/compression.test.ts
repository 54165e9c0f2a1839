import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExplorerBuilt } from '../support/explorer-build.js';
import { RawSubscriber } from '../support/raw-sse.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

// Issue 15 section 4, measured on the wire of `npm start`: bytes as they cross the socket (node:http
// does not decompress), for the GraphiQL page with every file it loads, and for the explorer.

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (compressed when `content-encoding` says so). */
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function decoded(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  const body =
    encoding === 'br' ? brotliDecompressSync(raw.body) : encoding === 'gzip' ? gunzipSync(raw.body) : raw.body;
  return body.toString('utf8');
}

/** The files a page loads: its stylesheets, scripts and icon (same-origin paths). */
const assetsOf = (html: string) => [...html.matchAll(/(?:src|href)="(\/[^"]+\.\w+)"/g)].map((m) => m[1]);

const A_YEAR = /max-age=31536000/;
const TOKEN = 'compression-test-token-0001';

describe('compression and caching (npm start)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    await ensureExplorerBuilt();
    server = await startServer({ STORE: 'memory', API_TOKEN: TOKEN });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** Loads a page and every file it names with one Accept-Encoding; the bytes sent for each. */
  async function load(path: string, encoding: string, accept = 'text/html') {
    const page = await get(`${server.url}${path}`, { accept, 'accept-encoding': encoding });
    expect(page.status).toBe(200);
    const html = decoded(page);
    const files = [];
    for (const asset of assetsOf(html)) {
      const raw = await get(`${server.url}${asset}`, { 'accept-encoding': encoding });
      expect(raw.status, asset).toBe(200);
      files.push({ asset, raw });
    }
    const bytes = page.body.length + files.reduce((sum, f) => sum + f.raw.body.length, 0);
    console.info(
      `${path} with Accept-Encoding: ${encoding}: ${bytes.toLocaleString('en')} bytes in ${files.length + 1} responses`,
    );
    return { page, html, files, bytes };
  }

  it('GraphiQL transfers under 2 MB with brotli and under 2.6 MB with gzip, and holds the whole GraphiQL', async () => {
    const identity = await load('/graphql', 'identity');
    const br = await load('/graphql', 'br');
    const gzip = await load('/graphql', 'gzip, deflate');
    expect(identity.html).toContain('DaeshInDecember2017');
    expect(identity.files.map((f) => f.asset)).toEqual(br.files.map((f) => f.asset));
    expect(identity.bytes).toBeGreaterThan(8_000_000);
    expect(br.bytes).toBeLessThan(2_000_000);
    expect(gzip.bytes).toBeLessThan(2_600_000);
    for (const { raw } of br.files) expect(raw.headers['content-encoding']).toBe('br');
    for (const { raw } of gzip.files) expect(raw.headers['content-encoding']).toBe('gzip');
    // The compressed copies are the same files.
    for (const [i, { raw }] of identity.files.entries()) {
      expect(decoded(br.files[i].raw)).toBe(raw.body.toString('utf8'));
      expect(decoded(gzip.files[i].raw)).toBe(raw.body.toString('utf8'));
    }
  });

  it('a repeated load of GraphiQL and the explorer is answered from cache: hashed files for a year, pages by a 304', async () => {
    for (const path of ['/graphql', '/explore/']) {
      const { page, files } = await load(path, 'gzip');
      expect(files.length).toBeGreaterThan(1);
      for (const { asset, raw } of files) {
        expect(asset).toMatch(/^\/explore\/assets\/[\w-]+-[\w-]{8}\.\w+$/);
        expect(raw.headers['cache-control'], asset).toMatch(A_YEAR);
        expect(raw.headers['cache-control'], asset).toContain('immutable');
      }
      if (path === '/explore/') {
        const etag = page.headers.etag as string;
        expect(etag).toBeTruthy();
        const again = await get(`${server.url}${path}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
      }
    }
  });

  it('compresses GraphQL answers for a client that accepts it, and not for one that does not', async () => {
    const post = (encoding?: string) =>
      new Promise<Raw>((resolve, reject) => {
        const body = JSON.stringify({ query: '{ actors(first: 50) { edges { node { id name aliases } } } }' });
        request(
          `${server.url}/graphql`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(encoding ? { 'accept-encoding': encoding } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        )
          .on('error', reject)
          .end(body);
      });
    const plain = await post();
    const gzip = await post('gzip, deflate, br');
    const br = await post('br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(gzip))).toEqual(JSON.parse(decoded(plain)));
    expect(JSON.parse(decoded(br))).toEqual(JSON.parse(decoded(plain)));
    expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
    // A plugin's own Response (the readiness check's Response.json) is left as it is, not broken.
    const ready = await get(`${server.url}/ready`, { 'accept-encoding': 'gzip' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(decoded(ready))).toMatchObject({ ready: true });
  });

  it('leaves a subscription stream uncompressed, so each event arrives as it happens', async () => {
    const subscriber = new RawSubscriber(server.url, 'subscription { graphChanged { operation } }', {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    try {
      const { status, headers } = await subscriber.head;
      expect(status).toBe(200);
      expect(headers['content-type']).toMatch(/^text\/event-stream/);
      expect([undefined, 'none']).toContain(headers['content-encoding']);
      // A write now: its event must come through at once, not wait in a compressor's buffer.
      const write = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          query:
            'mutation { closeRelation(id: "russia-supports-syrian-government-idlib-2019", until: "2019-12-31") { id } }',
        }),
      });
      expect(((await write.json()) as { errors?: unknown }).errors).toBeUndefined();
      await subscriber.until(() => subscriber.events.length > 0, 5_000, 'the graphChanged event');
      expect(subscriber.events[0].data).toContain('closeRelation');
    } finally {
      subscriber.destroy();
    }
  });
});
