import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createSchema, createYoga } from 'graphql-yoga';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { explorerPlugin } from '../../src/http/explorer.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import type {} from '../../explorer/src/test-hooks.js'; // window.__explorer, the page's hooks

// The explorer (explorer/, served at /explore by src/http/explorer.ts): first the static file
// serving through `yoga.fetch`, then the page itself in Debian's Chromium against `npm start`.

describe('explorer bundle over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explorer-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
  const yoga = createYoga({ schema, logging: false, plugins: [explorerPlugin(dist)] });
  const missing = createYoga({ schema, logging: false, plugins: [explorerPlugin(join(dir, 'not-built'))] });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('redirects /explore to /explore/, keeping the query string', async () => {
    const res = await yoga.fetch('http://test/explore?at=2017-12-15', { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/explore/?at=2017-12-15');
  });

  it('serves the page and its assets with their content types; hashed assets are cached, the page is not', async () => {
    const page = await yoga.fetch('http://test/explore/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>x</title>');

    const js = await yoga.fetch('http://test/explore/assets/index-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await yoga.fetch('http://test/explore/assets/index-abc123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const head = await yoga.fetch('http://test/explore/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for unknown files and for paths that would leave the bundle folder', async () => {
    for (const path of [
      '/explore/nope.js',
      '/explore/assets/',
      '/explore/..%2fsecret.txt',
      '/explore/assets/..%2f..%2fsecret.txt',
      '/explore/%2e%2e/secret.txt',
      '/explore/..%5csecret.txt',
    ]) {
      const res = await yoga.fetch(`http://test${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('not for the web');
    }
    expect((await yoga.fetch('http://test/explore/%E0%A4%A')).status).toBe(400);
  });

  it('refuses other methods than GET and HEAD', async () => {
    const res = await yoga.fetch('http://test/explore/', { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says how to build the bundle when it is missing', async () => {
    const res = await missing.fetch('http://test/explore/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('npm run explorer:build');
  });

  it('leaves the API alone', async () => {
    const res = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await res.json()).toEqual({ data: { ok: true } });
  });
});

// ---- the page in a real browser

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const MUST_RUN = Boolean(process.env.CI) || process.env.NEO4J_REQUIRED === '1';
if (!HAVE_CHROMIUM && !MUST_RUN) {
  console.warn(`\n*** SKIPPING the explorer browser tests: ${CHROMIUM} is missing (apt-get install chromium). ***\n`);
}

const EXPLORER = join(ROOT, 'explorer');
const DIST_INDEX = join(EXPLORER, 'dist', 'index.html');
/** Every run leaves its screenshot as an artifact; `npm run docs:screenshot` also updates the README's. */
const SCREENSHOT = join(ROOT, 'test-artifacts', 'explorer.png');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'explorer.png');

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds explorer/dist when it is missing or older than its sources. */
async function ensureBuilt(): Promise<void> {
  const sources = Math.max(
    newestChange(join(EXPLORER, 'src')),
    newestChange(join(EXPLORER, 'index.html')),
    newestChange(join(EXPLORER, 'vite.config.ts')),
    // The API's caps are written into the bundle at build time.
    newestChange(join(ROOT, 'src', 'domain', 'limits.ts')),
  );
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= sources) return;
  await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'explorer/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT },
  );
}

/** Month index of the slider (months since the dataset's first month). */
const monthsFrom = (first: string, date: string) =>
  Number(date.slice(0, 4)) * 12 +
  Number(date.slice(5, 7)) -
  (Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)));

describe.skipIf(!HAVE_CHROMIUM && !MUST_RUN)('explorer in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  async function api<T>(query: string): Promise<T> {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  /** Moves the slider to a month as a user would (the input and change events of the range input) and waits for the drawing. */
  async function slideTo(date: string): Promise<void> {
    const first = await page.locator('#date-input').getAttribute('min');
    await page.locator('#slider').fill(String(monthsFrom(first!, date)));
    await page.waitForSelector(`#graph[data-state="ready"][data-date="${date}"]`);
    await page.evaluate(() => window.__explorer.idle());
  }

  async function clickOnGraph(id: string): Promise<void> {
    const point = await page.evaluate((target) => window.__explorer.clientPoint(target), id);
    expect(point, `${id} is drawn`).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
  }

  beforeAll(async () => {
    if (!HAVE_CHROMIUM)
      throw new Error(
        `${CHROMIUM} is missing: the explorer's browser tests must run here (CI or NEO4J_REQUIRED=1). Install it with apt-get install chromium.`,
      );
    await ensureBuilt();
    server = await startServer({ STORE: 'memory' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${server.url}/explore/`);
    await page.evaluate(() => window.__explorer.ready);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on a date inside the range the API reports, with no error', async () => {
    const { changes } = await api<{ changes: { date: string }[] }>(
      '{ changes(from: "1000-01-01", to: "9999-12-31") { date } }',
    );
    expect(await page.locator('#date-input').getAttribute('min')).toBe(changes[0].date);
    expect(await page.locator('#date-input').getAttribute('max')).toBe(changes.at(-1)!.date);
    await page.waitForSelector('#graph[data-state="ready"]');
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('moved to December 2017, draws exactly the actors and relations of snapshot(at:) that day', async () => {
    await slideTo('2017-12-15');
    expect(await page.locator('#date-label').textContent()).toBe('15 Dec 2017');
    const { snapshot } = await api<{ snapshot: { nodes: { id: string }[]; edges: { id: string }[] } }>(
      '{ snapshot(at: "2017-12-15") { nodes { id } edges { id } } }',
    );
    const drawn = await page.evaluate(() => ({
      nodes: window.__explorer.nodeIds(),
      edges: window.__explorer.edgeIds(),
    }));
    expect(drawn.nodes).toEqual(snapshot.nodes.map((n) => n.id).sort());
    expect(drawn.edges).toEqual(snapshot.edges.map((e) => e.id).sort());
    expect(drawn.nodes).toContain('hts');
    expect(await page.locator('#graph-status').textContent()).toBe(
      `${snapshot.nodes.length} actors · ${snapshot.edges.length} relations active on 15 Dec 2017`,
    );
  });

  it('clicking an actor shows its aliases, its neighbourhood and its cited relations', async () => {
    await clickOnGraph('hts');
    const panel = page.locator('#panel-details [data-actor="hts"]');
    await panel.waitFor();
    const { actor } = await api<{ actor: { aliases: string[]; relations: { id: string }[] } }>(
      '{ actor(id: "hts") { aliases relations { id } } }',
    );
    expect(await panel.locator('[data-testid="aliases"] li').allTextContents()).toEqual(actor.aliases);
    expect(actor.aliases).toContain('Nusra Front');
    expect(await panel.locator('.timeline-row').count()).toBe(actor.relations.length);
    // A row is marked active exactly when the API's snapshot of the day has the relation.
    const { snapshot } = await api<{ snapshot: { edges: { id: string }[] } }>(
      '{ snapshot(at: "2017-12-15") { edges { id } } }',
    );
    const activeIds = new Set(snapshot.edges.map((e) => e.id));
    const marked = await panel
      .locator('.timeline-row.active')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.relationId));
    expect(marked.sort()).toEqual(
      actor.relations
        .map((r) => r.id)
        .filter((id) => activeIds.has(id))
        .sort(),
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(await panel.locator('#neighbourhood').textContent()).toContain('Daesh');
    expect(await panel.locator('.claimant').first().textContent()).toMatch(/^Claimed by /);
  });

  it('clicking a relation shows its dates, precision, summary and citations with their claimant', async () => {
    const id = 'turkey-supports-syrian-rebels-idlib-deployment-2017';
    await clickOnGraph(id);
    const panel = page.locator(`#panel-details [data-relation="${id}"]`);
    await panel.waitFor();
    const { relation } = await api<{ relation: { summary: string; since: string; citations: { title: string }[] } }>(
      `{ relation(id: "${id}") { summary since citations { title } } }`,
    );
    expect(await panel.locator('.summary').textContent()).toBe(relation.summary);
    expect(await panel.locator('[data-testid="relation-dates"]').textContent()).toContain(`since ${relation.since}`);
    expect(await panel.textContent()).toMatch(/Precision(Day|Month|Year):/);
    expect(await panel.locator('.cite-title').allTextContents()).toEqual(relation.citations.map((c) => `“${c.title}”`));
  });

  it('finds Turkey → Daesh in February 2018 and highlights the shortestPath on the graph', async () => {
    await page.click('#tab-paths');
    await page.selectOption('#path-from', 'turkey');
    await page.selectOption('#path-to', 'daesh');
    await page.fill('#path-window-from', '2018-02-01');
    await page.fill('#path-window-to', '2018-02-28');
    await page.click('#path-find');
    await page.waitForSelector('#path-results[data-state="ready"]');
    const { shortestPath, paths } = await api<{
      shortestPath: { actors: { id: string }[]; relations: { id: string }[] };
      paths: unknown[];
    }>(
      '{ shortestPath(from: "turkey", to: "daesh", window: { from: "2018-02-01", to: "2018-02-28" }, maxHops: 4) { actors { id } relations { id } } paths(from: "turkey", to: "daesh", window: { from: "2018-02-01", to: "2018-02-28" }, maxHops: 4, timeRespecting: true, first: 10) { hops } }',
    );
    await page.evaluate(() => window.__explorer.idle());
    const highlighted = await page.evaluate(() => window.__explorer.highlighted());
    expect(highlighted.nodes).toEqual(shortestPath.actors.map((a) => a.id).sort());
    expect(highlighted.edges).toEqual(shortestPath.relations.map((r) => r.id).sort());
    expect(await page.locator('#path-results [data-kind="time-respecting"] .path-item').count()).toBe(paths.length);

    // Another listed path replaces the highlight.
    await page.locator('#path-results [data-kind="time-respecting"] .path-item').last().click();
    const other = await page.evaluate(() => window.__explorer.highlighted());
    expect(other.nodes.length).toBeGreaterThanOrEqual(2);
    await page.locator('#path-results [data-path-index="0"]').click();
    expect(await page.evaluate(() => window.__explorer.highlighted())).toEqual(highlighted);
  });

  it('moved to February 2018, redraws that day and lists what began and ended since December', async () => {
    await slideTo('2018-02-15');
    const data = await api<{ snapshot: { nodes: { id: string }[] }; changes: unknown[] }>(
      '{ snapshot(at: "2018-02-15") { nodes { id } } changes(from: "2017-12-15", to: "2018-02-15") { date } }',
    );
    expect(await page.evaluate(() => window.__explorer.nodeIds())).toEqual(data.snapshot.nodes.map((n) => n.id).sort());
    expect(await page.locator('#tab-changes-count').textContent()).toBe(String(data.changes.length));
    await page.click('#tab-changes');
    expect(await page.locator('#panel-changes .change').count()).toBe(data.changes.length);
  });

  it('saves a screenshot of December 2017 with the path and an actor on it selected (test-artifacts/explorer.png)', async () => {
    // The Turkey → Daesh path found above stays highlighted; its middle actor gets selected.
    await slideTo('2017-12-15');
    await clickOnGraph('syrian-rebels');
    await page.locator('#panel-details [data-actor="syrian-rebels"]').waitFor();
    await page.mouse.move(1, 1);
    await page.evaluate(() => window.__explorer.idle());
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(SCREENSHOT, DOCS_SCREENSHOT);
    expect(problems).toEqual([]);
  });

  it('shows an API failure as a readable message, never a blank page', async () => {
    const broken = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await broken.route('**/graphql', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'The graph store is unavailable.', extensions: { code: 'STORE_UNAVAILABLE' } }],
        }),
      }),
    );
    await broken.goto(`${server.url}/explore/`);
    await broken.waitForSelector('#error:not([hidden])');
    expect(await broken.locator('#error').textContent()).toContain(
      'Could not open the explorer: The graph store is unavailable. [STORE_UNAVAILABLE]',
    );
    expect(await broken.locator('#graph-status').textContent()).toBe('The graph could not be loaded.');

    // Retry once the API is back.
    await broken.unroute('**/graphql');
    await broken.locator('#error button', { hasText: 'Retry' }).click();
    await broken.waitForSelector('#graph[data-state="ready"]');
    expect(await broken.locator('#error').isHidden()).toBe(true);
    await broken.close();
  });
});
