import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';

describe('npm start says where to go', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ STORE: 'memory' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs the GraphiQL and explorer URLs, and both answer', async () => {
    const line = /GraphiQL at (http:\/\/\S+\/graphql), explorer at (http:\/\/\S+\/explore\/)/.exec(server.output());
    expect(line, server.output()).not.toBeNull();
    const [, graphiql, explorer] = line!;
    const ide = await fetch(graphiql, { headers: { accept: 'text/html' } });
    expect(ide.status).toBe(200);
    expect(await ide.text()).toContain('Idlib actor graph');
    // 200 once `npm run explorer:build` has run; 503 with a page saying how to build it before.
    const page = await fetch(explorer);
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/explore/');
  });
});
