// `npm run import -- FILE --format json|csv|acled [--dry-run] [--strict] [--map MAPPING.csv]`
// Imports into the store the settings name: Neo4j (NEO4J_URI), or the embedded store's journal
// in DATA_DIR (stop the server using that folder first).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import type { ImportBatch } from '../src/import/batch.js';
import { applyImport, type ImportReport } from '../src/import/apply-import.js';
import { actorMatcher, readAcledImport, readActorMapping } from '../src/import/read-acled.js';
import { readCsvImport } from '../src/import/read-csv.js';
import { readJsonImport } from '../src/import/read-json.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/open-store.js';
import type { GraphStore } from '../src/store/port.js';
import { allActors } from '../src/import/all-actors.js';

const USAGE = 'usage: npm run import -- FILE --format json|csv|acled [--dry-run] [--strict] [--map MAPPING.csv]';

export async function readBatch(
  store: GraphStore,
  file: string,
  format: string,
  mapFile?: string,
): Promise<ImportBatch> {
  if (format === 'json') return readJsonImport(file);
  if (format === 'csv') return readCsvImport(file, (ids) => store.sourcesByIds(ids));
  const { mapping, problems } = mapFile
    ? await readActorMapping(mapFile)
    : { mapping: new Map<string, string>(), problems: [] };
  const batch = await readAcledImport(file, actorMatcher(await allActors(store), mapping));
  batch.problems.unshift(...problems);
  return batch;
}

export function describeReport(report: ImportReport, options: { dryRun: boolean; strict: boolean }): string {
  const line = (label: string, c: ImportReport['created']) =>
    `  ${label.padEnd(10)} ${c.sources} sources, ${c.actors} actors, ${c.relations} relations, ${c.citations} citations`;
  const list = (title: string, rows: ImportReport['problems']) =>
    rows.length ? [`${title} (${rows.length}):`, ...rows.map((p) => `  - ${p.where}: ${p.message}`)] : [];
  const verdict = options.dryRun
    ? 'Dry run: nothing was written. Without --dry-run this would be:'
    : options.strict && report.problems.length
      ? 'Nothing was written: --strict and the file has problems.'
      : report.written
        ? 'Imported:'
        : 'Nothing to write: the graph already holds all of it.';
  return [
    verdict,
    line('created', report.created),
    line('updated', report.updated),
    line('unchanged', report.unchanged),
    ...list('Problems (rows skipped)', report.problems),
    ...list('Conflicts (left as the graph has them)', report.conflicts),
    ...list('Ignored rows', report.ignored),
  ].join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      map: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || !['json', 'csv', 'acled'].includes(values.format ?? '')) throw new ConfigError(USAGE);
  const config = loadConfig();
  if (config.store === 'memory' && config.dataDir === null && !values['dry-run']) {
    throw new ConfigError(
      'Importing into the embedded store needs DATA_DIR (its journal), or nothing would be kept; set DATA_DIR, use NEO4J_URI, or pass --dry-run.',
    );
  }
  const store = await openStore(config, createLogger('warn'));
  try {
    const options = { dryRun: values['dry-run'], strict: values.strict };
    const report = await applyImport(store, await readBatch(store, file, values.format!, values.map), options);
    console.log(describeReport(report, options));
    if (options.strict && report.problems.length) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
