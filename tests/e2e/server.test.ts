import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFailing, startServer, type ServerProcess } from '../support/server-process.js';

describe('npm start (embedded store)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ STORE: 'memory' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
  });

  it('serves GraphiQL with the example query, without any CDN', async () => {
    const res = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Idlib actor graph');
    expect(html).toContain('DaeshInDecember2017');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });

  it('answers the acceptance query over HTTP with cited FIGHTS relations including HTS', async () => {
    const query =
      '{ actor(id:"daesh") { name relations(kinds:[FIGHTS], window:{from:"2017-12-01", to:"2017-12-31"}) { from { id } to { id } since citations { title } } } }';
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as {
      data: { actor: { relations: { from: { id: string }; to: { id: string }; citations: { title: string }[] }[] } };
    };
    const relations = body.data.actor.relations;
    const counterparts = relations.map((r) => (r.from.id === 'daesh' ? r.to.id : r.from.id));
    expect(counterparts).toContain('hts');
    expect(relations.every((r) => r.citations.length > 0)).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    const other = await startServer({ STORE: 'memory' });
    expect(await other.stop('SIGTERM')).toBe(0);
    expect(other.output()).toMatch(/shutting down/);
  });
});

describe('start-up errors', () => {
  it('rejects a bad setting by name, without a stack trace', async () => {
    const { code, output } = await startFailing({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toMatch(/Invalid settings:\n {2}- PORT: /);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('rejects a broken dataset file, naming the file, record and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dataset-'));
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        sources: [],
        actors: [{ id: 'a', name: 'A', kind: 'STATE' }],
        relations: [
          {
            id: 'r',
            kind: 'FIGHTS',
            from: 'a',
            to: 'b',
            since: '2017-01-01',
            until: null,
            precision: 'DAY',
            summary: 's',
            citations: [],
          },
        ],
      }),
    );
    const { code, output } = await startFailing({ DATASET: file, STORE: 'memory' });
    expect(code).toBe(1);
    expect(output).toContain(`${file}: invalid dataset, nothing was loaded`);
    expect(output).toContain('relations[0] (id "r"), field "citations": a relation needs at least one citation');
    expect(output).not.toMatch(/\n\s+at /);
    await rm(dir, { recursive: true });
  });
});
