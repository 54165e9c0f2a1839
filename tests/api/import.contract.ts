import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type TestAPI } from 'vitest';
import { readBatch } from '../../src/import/read-batch.js';
import { describeReport, exitCodeOf } from '../../src/import/report.js';
import { WriteService } from '../../src/service/write-service.js';
import { ROOT } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { applyImport } from '../../src/import/apply-import.js';
import type { GraphStore } from '../../src/store/port.js';
import { apiClient } from '../support/api.js';
import { conflictDataset } from '../support/build.js';
import { graphDigest } from '../support/graph-digest.js';

export type OpenStore = (dataset: Dataset) => Promise<GraphStore>;

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const ACLED = join(FIXTURES, 'acled-idlib-sample.csv');
const MAP = join(FIXTURES, 'acled-actor-map.csv');
const run = { dryRun: false, strict: false };
const strict = { dryRun: false, strict: true };

/** A folder of import files (CSV folders, a JSON file, an ACLED export) written for one test. */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'idlib-import-test-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const ACTORS = 'id,name,kind,aliases,description\n';
const RELATIONS = 'id,kind,from,to,since,until,precision,summary,places\n';
const CITATIONS = 'relation,source,claimant,claimant_actor,locator\n';
const ACLED_HEADER =
  'event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,actor2,assoc_actor_2,source,location,admin1,fatalities\n';

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
      '{ actor(id: "hts") { aliases } relation(id: "turkey-fights-sdf-2018") { from { id } to { name } since until citations { claimant claimantActor { id } locator stance credibility } evidence { bestReliability selfReported } } other: relation(id: "sdf-fights-daesh-2018") { sinceBound } }',
    );
    expect((res.data as { actor: { aliases: string[] } }).actor.aliases).toContain('Levant Liberation Committee');
    expect((res.data as Record<string, unknown>).relation).toEqual({
      from: { id: 'turkey' },
      to: { name: 'Syrian Democratic Forces' },
      since: '2018-01-20',
      until: '2018-03-18',
      citations: [
        {
          claimant: 'Turkish General Staff',
          claimantActor: { id: 'turkey' },
          locator: 'p. 3',
          stance: 'REPORTS',
          credibility: 3,
        },
      ],
      evidence: { bestReliability: 'C', selfReported: true },
    });
    expect((res.data as Record<string, unknown>).other).toEqual({ sinceBound: 'ON_OR_BEFORE' });
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

  it('writes a record naming a merged actor on its survivor, says so, and counts only what it wrote', async () => {
    const store = await open(conflictDataset());
    await new WriteService(store).mergeActors('gov', 'ir');
    const dir = await folder({
      'actors.csv': ACTORS,
      'relations.csv': `${RELATIONS}ir-fights-daesh,FIGHTS,ir,daesh,2018-01-01,,DAY,Iran fought Daesh.,\nbad-claimant,FIGHTS,gov,daesh,2018-02-01,,DAY,Refused by the graph.,\n`,
      'citations.csv': `${CITATIONS}ir-fights-daesh,wire-2017-12-10,,ir,\nbad-claimant,wire-2017-12-10,,nobody-known,\n`,
    });
    const before = await graphDigest(store);
    const report = await applyImport(store, await readBatch(store, dir, 'csv'), run);
    expect(report.created).toEqual({ sources: 0, actors: 0, relations: 1, citations: 1 });
    expect(report.notices).toEqual([
      { where: 'relation ir-fights-daesh', message: 'from: "ir" was merged into "gov", so "gov" was used' },
      {
        where: 'relation ir-fights-daesh',
        message: 'citations.0.claimantActor: "ir" was merged into "gov", so "gov" was used',
      },
    ]);
    expect(report.problems).toEqual([
      {
        where: 'relation bad-claimant',
        message: expect.stringMatching(/^refused by the graph: Unknown actor id .*"nobody-known"/),
      },
    ]);
    expect(describeReport(report, run)).toMatch(
      /Notices \(merged actor ids used for the actor they were merged into; names that mix alphabets\) \(2\):/,
    );
    const after = await graphDigest(store);
    expect(after.relations.length - before.relations.length).toBe(report.created.relations);
    expect(after.relations.find((r) => r.id === 'ir-fights-daesh')).toMatchObject({ from: 'gov', to: 'daesh' });
    // Importing it again finds it as it is: the merged id resolves the same way.
    const again = await applyImport(store, await readBatch(store, dir, 'csv'), run);
    expect(again.created).toEqual({ sources: 0, actors: 0, relations: 0, citations: 0 });
    expect(again.unchanged.relations).toBe(1);
  });

  it('with --strict writes all or nothing, also when the graph refuses a record late (finding 6)', async () => {
    const store = await open(conflictDataset());
    const before = await graphDigest(store);
    const repeated = await folder({
      'actors.csv': `${ACTORS}new-a,New A,STATE,,\nnew-a,New A again,STATE,,\n`,
      'relations.csv': RELATIONS,
      'citations.csv': CITATIONS,
    });
    const first = await applyImport(store, await readBatch(store, repeated, 'csv'), strict);
    expect(first.problems).toEqual([
      { where: 'actor new-a', message: 'the file has actors with this id more than once; only the first is used' },
    ]);
    expect(first.written).toBe(false);
    expect(exitCodeOf(first, strict)).toBe(1);
    expect(describeReport(first, strict)).toMatch(/^Nothing was written: --strict/);
    // Valid rows, but the last one is refused by the graph: the actor before it is not kept either.
    const late = await folder({
      'actors.csv': `${ACTORS}new-b,New B,STATE,,\n`,
      'relations.csv': `${RELATIONS}b-fights-gov,FIGHTS,new-b,gov,2018-01-01,,DAY,New B fought.,\n`,
      'citations.csv': `${CITATIONS}b-fights-gov,wire-2017-12-10,,nobody-known,\n`,
    });
    const second = await applyImport(store, await readBatch(store, late, 'csv'), strict);
    expect(second.written).toBe(false);
    expect(second.created).toEqual({ sources: 0, actors: 0, relations: 0, citations: 0 });
    expect(second.problems[0].message).toMatch(/refused by the graph: Unknown actor id/);
    expect(await graphDigest(store)).toEqual(before);
    // Without --strict the same file writes what the graph accepts, and counts exactly that.
    const loose = await applyImport(store, await readBatch(store, late, 'csv'), run);
    expect(loose.created).toEqual({ sources: 0, actors: 1, relations: 0, citations: 0 });
  });

  it('leaves an actor or relation the graph holds differently as it is, unless --update (finding 6)', async () => {
    const store = await open(conflictDataset());
    const dir = await folder({
      'actors.csv': `${ACTORS}gov,Renamed Government,ARMED_GROUP,Damascus,\n`,
      'relations.csv': `${RELATIONS}ru-supports-gov,SUPPORTS,ru,gov,2015-09-30,2019-12-31,DAY,Russia backed the government until 2019.,\n`,
      'citations.csv': `${CITATIONS}ru-supports-gov,wire-2017-12-10,,,\n`,
    });
    const before = await graphDigest(store);
    const report = await applyImport(store, await readBatch(store, dir, 'csv'), run);
    expect(report.conflicts.map((c) => c.where)).toEqual(['actor gov', 'relation ru-supports-gov']);
    expect(report.updated).toEqual({ sources: 0, actors: 0, relations: 0, citations: 0 });
    expect(report.written).toBe(false);
    expect(await graphDigest(store)).toEqual(before);
    const update = { ...run, update: true };
    const updated = await applyImport(store, await readBatch(store, dir, 'csv'), update);
    expect(updated.conflicts).toEqual([]);
    expect(updated.updated).toEqual({ sources: 0, actors: 1, relations: 1, citations: 0 });
    const res = await apiClient(store)(
      '{ actor(id: "gov") { name kind aliases } relation(id: "ru-supports-gov") { until summary } }',
    );
    expect(res.data).toEqual({
      actor: { name: 'Renamed Government', kind: 'ARMED_GROUP', aliases: ['Assad regime', 'Syrian Army', 'Damascus'] },
      relation: { until: '2019-12-31', summary: 'Russia backed the government until 2019.' },
    });
  });

  it('refuses a repeated citation row, names with control characters and bad ACLED counts (findings 4, 6)', async () => {
    const store = await open(conflictDataset());
    const dir = await folder({
      'actors.csv': `${ACTORS}nul-actor,Nul\u0000Name,STATE,,\n`,
      'relations.csv': `${RELATIONS}gov-fights-daesh-2018,FIGHTS,gov,daesh,2018-01-01,,DAY,Cited twice.,\n`,
      'citations.csv': `${CITATIONS}gov-fights-daesh-2018,wire-2017-12-10,,,\ngov-fights-daesh-2018,wire-2017-12-10,a claimant,,\n`,
    });
    const report = await applyImport(store, await readBatch(store, dir, 'csv'), run);
    expect(report.problems).toEqual([
      {
        where: 'actors.csv line 2',
        message: 'column "name": must not contain control characters (NUL, tabs, line breaks)',
      },
      {
        where: 'relations.csv line 2',
        message:
          'column "citations.1.source": source "wire-2017-12-10" is cited twice: a relation cites each source once',
      },
    ]);
    expect(report.written).toBe(false);
    const acled = await folder({
      'export.csv':
        ACLED_HEADER +
        [
          'E1,2018-01-01,Battles,Armed clash,Syrian Government,,Daesh,,Wire,Saraqib,Idlib,-5',
          'E2,2018-01-02,Battles,Armed clash,Syrian Government,,Daesh,,Wire,Saraqib,Idlib,1e308',
          'E3,2018-01-03,Battles,Armed clash,Syrian Government,,Daesh,,Wire,Saraqib,Idlib,99999999999999999999',
          'E4,2018-01-04,Battles,Armed clash,Syrian Government,,Daesh,,Wire,Saraqib,Idlib,3',
        ].join('\n'),
    });
    const events = await applyImport(store, await readBatch(store, join(acled, 'export.csv'), 'acled'), run);
    expect(events.problems.map((p) => [p.where, p.message])).toEqual([
      ['line 2 (event E1)', 'column "fatalities": "-5" is not a count (a whole number from 0)'],
      ['line 3 (event E2)', 'column "fatalities": "1e308" is not a count (a whole number from 0)'],
      ['line 4 (event E3)', 'column "fatalities": "99999999999999999999" is not a count (a whole number from 0)'],
    ]);
    expect(events.created.relations).toBe(1);
    const res = await apiClient(store)('{ relation(id: "acled-daesh-fights-gov") { summary } }');
    expect(res.data).toEqual({
      relation: {
        summary: 'Clashed or struck in one ACLED event from 2018-01-04 to 2018-01-04, with 3 reported fatalities.',
      },
    });
  });

  it('reports input it cannot read as such, imports nothing and exits 1 (finding 6)', async () => {
    const store = await open(conflictDataset());
    const before = await graphDigest(store);
    const dir = await folder({ 'broken.json': '{ "version": 1, "sources": [' });
    for (const [file, format] of [
      [join(dir, 'broken.json'), 'json'],
      [join(dir, 'no-such-folder'), 'csv'],
      [join(dir, 'no-such-export.csv'), 'acled'],
    ] as const) {
      const report = await applyImport(store, await readBatch(store, file, format), run);
      expect(report.unreadable.length, file).toBeGreaterThan(0);
      expect(report.written).toBe(false);
      expect(exitCodeOf(report, run)).toBe(1);
      expect(describeReport(report, run)).toMatch(/^Nothing was imported: the input cannot be read\./);
    }
    expect(await graphDigest(store)).toEqual(before);
  });
}
