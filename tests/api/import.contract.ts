import { join } from 'node:path';
import { expect, type TestAPI } from 'vitest';
import { readBatch } from '../../src/import/read-batch.js';
import { describeReport } from '../../src/import/report.js';
import { ROOT } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { applyImport } from '../../src/import/apply-import.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient } from '../support/api.js';
import { graphDigest } from '../support/graph-digest.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const ACLED = join(FIXTURES, 'acled-idlib-sample.csv');
const MAP = join(FIXTURES, 'acled-actor-map.csv');
const run = { dryRun: false, strict: false };

/** Imports from analysts' formats; run on each store over the curated dataset. */
export function importContract(it: TestAPI, open: OpenStore): void {
  const idlib = () => loadDatasetFile(join(ROOT, 'data', 'idlib.json'));

  it('imports an ACLED export as dated relations that keep their events and sources, and re-importing changes nothing', async () => {
    const store = await open(await idlib());
    const report = await applyImport(store, await readBatch(store, ACLED, 'acled', MAP), run);
    expect(report.created).toEqual({ sources: 1, actors: 0, relations: 4, citations: 4 });
    expect(report.problems.map((p) => p.where)).toEqual(['line 9 (event SYR9008)', 'line 10 (event SYR9009)']);
    expect(report.problems[0].message).toMatch(
      /unknown actor "Unidentified Armed Group \(Syria\)": add an alias to an actor, or map it with --map/,
    );
    expect(report.problems[1].message).toMatch(/column "event_date": "2018-13-01" is not a date/);
    expect(report.ignored.map((p) => p.where)).toEqual(['line 6 (event SYR9005)', 'line 8 (event SYR9007)']);

    const query = apiClient(store);
    const res = await query<{ timeline: unknown[] }>(
      '{ timeline(a: "hts", b: "syrian-government") { id kind since until summary places citations { title publisher claimant locator } } }',
    );
    expect(res.data?.timeline).toContainEqual({
      id: 'acled-hts-fights-syrian-government',
      kind: 'FIGHTS',
      since: '2018-02-05',
      until: '2018-02-14',
      summary: 'Clashed or struck in 3 ACLED events from 2018-02-05 to 2018-02-14, with 20 reported fatalities.',
      places: ['Abu al Dhuhur', 'Idlib', 'Sinjar', 'Tal Khazanir'],
      citations: [
        {
          title: 'ACLED export acled-idlib-sample.csv',
          publisher: 'ACLED',
          claimant: 'SANA; SOHR; Syrian Observatory for Human Rights',
          locator: 'ACLED events SYR9001, SYR9002, SYR9010',
        },
      ],
    });
    const others = await query(
      '{ a: timeline(a: "russia", b: "hts", kinds: [FIGHTS]) { id since until } b: timeline(a: "turkey", b: "russia", kinds: [NEGOTIATES]) { id } c: timeline(a: "daesh", b: "free-idlib-army") { id } }',
    );
    expect(others.data).toMatchObject({
      a: expect.arrayContaining([{ id: 'acled-hts-fights-russia', since: '2018-02-07', until: '2018-02-09' }]),
      b: expect.arrayContaining([{ id: 'acled-russia-negotiates-turkey' }]),
      c: expect.arrayContaining([{ id: 'acled-daesh-fights-free-idlib-army' }]),
    });

    const before = await graphDigest(store);
    const again = await applyImport(store, await readBatch(store, ACLED, 'acled', MAP), run);
    expect(again.created).toEqual({ sources: 0, actors: 0, relations: 0, citations: 0 });
    expect(again.unchanged).toEqual({ sources: 1, actors: 0, relations: 4, citations: 4 });
    expect(again.written).toBe(false);
    expect(await graphDigest(store)).toEqual(before);
  });

  it('writes nothing on a dry run, nor with --strict when rows are bad', async () => {
    const store = await open(await idlib());
    const before = await graphDigest(store);
    const dry = await applyImport(store, await readBatch(store, ACLED, 'acled', MAP), { dryRun: true, strict: false });
    expect(dry.created.relations).toBe(4);
    expect(describeReport(dry, { dryRun: true, strict: false })).toMatch(/^Dry run: nothing was written/);
    const strict = await applyImport(store, await readBatch(store, ACLED, 'acled', MAP), {
      dryRun: false,
      strict: true,
    });
    expect(strict.written).toBe(false);
    expect(describeReport(strict, { dryRun: false, strict: true })).toMatch(
      /^Nothing was written: --strict and the file has problems/,
    );
    expect(await graphDigest(store)).toEqual(before);
  });

  it('imports actors, sources, relations and citations from CSV files, reporting bad rows by line', async () => {
    const store = await open(await idlib());
    const report = await applyImport(store, await readBatch(store, join(FIXTURES, 'csv-import'), 'csv'), run);
    expect(report.created).toEqual({ sources: 1, actors: 1, relations: 2, citations: 2 });
    expect(report.updated.actors).toBe(1);
    expect(report.problems).toEqual([
      { where: 'relations.csv line 4', message: 'column "until": must be on or after since' },
      { where: 'relation ghost-relation', message: 'unknown actor "nobody-known"' },
    ]);
    const res = await apiClient(store)(
      '{ actor(id: "hts") { aliases } relation(id: "turkey-fights-sdf-2018") { from { id } to { name } since until citations { claimant claimantActor { id } locator } } }',
    );
    expect((res.data as { actor: { aliases: string[] } }).actor.aliases).toContain('Levant Liberation Committee');
    expect((res.data as Record<string, unknown>).relation).toEqual({
      from: { id: 'turkey' },
      to: { name: 'Syrian Democratic Forces' },
      since: '2018-01-20',
      until: '2018-03-18',
      citations: [{ claimant: 'Turkish General Staff', claimantActor: { id: 'turkey' }, locator: 'p. 3' }],
    });
    const before = await graphDigest(store);
    const again = await applyImport(store, await readBatch(store, join(FIXTURES, 'csv-import'), 'csv'), run);
    expect(again.written).toBe(false);
    expect(await graphDigest(store)).toEqual(before);
  });

  it('re-imports our own dataset format without changing anything', async () => {
    const store = await open(await idlib());
    const before = await graphDigest(store);
    const report = await applyImport(store, await readBatch(store, join(ROOT, 'data', 'idlib.json'), 'json'), run);
    expect(report.created).toEqual({ sources: 0, actors: 0, relations: 0, citations: 0 });
    expect(report.unchanged.relations).toBe(before.relations.length);
    expect(await graphDigest(store)).toEqual(before);
  });
}
