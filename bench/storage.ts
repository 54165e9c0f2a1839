/**
 * The embedded store's data folder under volume: `npx tsx bench/storage.ts [--writes N] [--dir DIR]`.
 *
 * 1. N writes through the store (default 100,000: actors, relations between them, updates, merges),
 *    then the start-up time and memory of a fresh process that loads the folder.
 * 2. 6,500 updates with 90 KB descriptions (the old journal's 586 MB case), then a fresh start.
 * 3. The same 6,500 updates as an old 586 MB `journal.jsonl`, migrated on a first start.
 *
 * Each start is timed in a new process (`load` mode), as a server start would be.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import { ROOT } from '../src/config.js';
import { loadDatasetFile } from '../src/dataset/load-dataset.js';
import type { WriteCommand } from '../src/domain/commands.js';
import { openDataFolder } from '../src/store/memory/open-data-folder.js';

const seed = () => loadDatasetFile(join(ROOT, 'data/idlib.json'));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The commands of the 100,000-write stream: mostly new actors and relations, some updates and merges. */
function* writeStream(n: number): Generator<WriteCommand> {
  const source = 'arab-news-2017-12-10';
  for (let i = 0; i < n; i++) {
    const a = `bench-${i}`;
    const step = i % 10;
    if (step < 5 || i < 10) {
      yield {
        op: 'createActor',
        actor: { id: a, name: `Bench actor ${i}`, kind: 'MILITIA', aliases: [`B${i}`], description: null },
      };
    } else if (step < 8) {
      const from = `bench-${i - 5}`;
      const id = `bench-rel-${i}`;
      yield {
        op: 'recordRelation',
        relation: {
          id,
          kind: 'FIGHTS',
          from,
          to: 'hts',
          since: '2018-01-01',
          until: null,
          precision: 'DAY',
          summary: `Bench relation ${i}`,
          places: [],
          sinceBound: 'EXACT',
        },
        citations: [
          {
            id: `${id}@${source}`,
            relationId: id,
            sourceId: source,
            title: 'Bench',
            publisher: null,
            published: '2017-12-10',
            publishedApproximate: false,
            claimant: null,
            claimantActorId: null,
            locator: null,
            stance: 'REPORTS',
            credibility: 6,
          },
        ],
      };
    } else if (step === 8) {
      yield { op: 'updateActor', id: `bench-${i - 8}`, patch: { description: `Updated by write ${i}` } };
    } else {
      yield { op: 'mergeActors', survivorId: `bench-${i - 9}`, mergedId: `bench-${i - 8}` };
    }
  }
}

const DESCRIPTION = (i: number) => `${i} `.padEnd(90_000, 'x');
const LARGE_UPDATES = 6_500;

/** Starts a fresh process that opens the folder, and returns what it measured. */
function loadInNewProcess(dir: string): { openMs: number; rssMb: number; processMs: number; actors: number } {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/storage.ts', '--load', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return { ...JSON.parse(out.trim().split('\n').pop()!), processMs: performance.now() - started };
}

async function load(dir: string): Promise<void> {
  const started = performance.now();
  const { store, report } = await openDataFolder(dir, { seed });
  const openMs = performance.now() - started;
  global.gc?.();
  console.log(
    JSON.stringify({
      openMs,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      actors: report.actors,
      migrated: report.migrated?.replayed,
    }),
  );
  await store.close();
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const file of ['idlib.sqlite', 'idlib.sqlite-wal'])
    total += await stat(join(dir, file)).then(
      (s) => s.size,
      () => 0,
    );
  return total;
}

async function main() {
  const { values } = parseArgs({
    options: { writes: { type: 'string', default: '100000' }, dir: { type: 'string' }, load: { type: 'string' } },
  });
  if (values.load) return load(values.load);
  const base = values.dir ?? (await mkdtemp(join(tmpdir(), 'idlib-storage-bench-')));
  const n = Number(values.writes);
  try {
    // 1. N writes, then a fresh start.
    const dir = join(base, 'writes');
    const { store } = await openDataFolder(dir, { seed });
    let started = performance.now();
    for (const command of writeStream(n)) await store.write(command);
    const writeMs = performance.now() - started;
    const rssAfterWrites = process.memoryUsage().rss;
    await store.close();
    const loaded = loadInNewProcess(dir);
    console.log(
      `${n} writes: ${seconds(writeMs)} (${((writeMs / n) * 1000).toFixed(0)} µs each, one fsync'd transaction per write); ` +
        `writer RSS ${mb(rssAfterWrites)}; data folder ${mb(await folderSize(dir))}`,
    );
    console.log(
      `  fresh start: folder opened and loaded in ${seconds(loaded.openMs)} (${loaded.actors} actors), RSS ${loaded.rssMb.toFixed(0)} MB, whole process ${seconds(loaded.processMs)}`,
    );

    // 2. 6,500 updates of 90 KB.
    const large = join(base, 'large');
    const second = await openDataFolder(large, { seed });
    started = performance.now();
    for (let i = 0; i < LARGE_UPDATES; i++)
      await second.store.write({ op: 'updateActor', id: 'hts', patch: { description: DESCRIPTION(i) } });
    const largeMs = performance.now() - started;
    await second.store.close();
    const largeLoad = loadInNewProcess(large);
    console.log(
      `${LARGE_UPDATES} updates of 90 KB: ${seconds(largeMs)}; data folder ${mb(await folderSize(large))}; ` +
        `fresh start ${seconds(largeLoad.openMs)}, RSS ${largeLoad.rssMb.toFixed(0)} MB`,
    );

    // 3. The same as an old journal of 586 MB, migrated on the first start.
    const migrated = join(base, 'migrated');
    execFileSync('mkdir', ['-p', migrated]);
    const journal = join(migrated, 'journal.jsonl');
    await writeFile(journal, '');
    let lines: string[] = [];
    for (let i = 0; i < LARGE_UPDATES; i++) {
      const json = JSON.stringify({ op: 'updateActor', id: 'hts', patch: { description: DESCRIPTION(i) } });
      lines.push(`${crc32(json).toString(16).padStart(8, '0')} ${json}\n`);
      if (lines.length === 500 || i === LARGE_UPDATES - 1) {
        await appendFile(journal, lines.join(''));
        lines = [];
      }
    }
    const journalBytes = (await stat(journal)).size;
    const migration = loadInNewProcess(migrated);
    const afterMigration = loadInNewProcess(migrated);
    console.log(
      `old journal of ${mb(journalBytes)} (${LARGE_UPDATES} records) migrated on the first start in ${seconds(migration.openMs)}, ` +
        `RSS ${migration.rssMb.toFixed(0)} MB; next start ${seconds(afterMigration.openMs)}, RSS ${afterMigration.rssMb.toFixed(0)} MB`,
    );
  } finally {
    if (!values.dir) await rm(base, { recursive: true, force: true });
  }
}

await main();
