// `npm run import -- FILE --format json|csv|acled [--dry-run] [--strict] [--update] [--map MAPPING.csv]`
// Imports into the store the settings name: Neo4j (NEO4J_URI), or the embedded store in DATA_DIR
// (stop the server using that folder first). The work is in src/import/.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { applyImport } from '../src/import/apply-import.js';
import { IMPORT_FORMATS, readBatch, type ImportFormat } from '../src/import/read-batch.js';
import { describeReport, exitCodeOf } from '../src/import/report.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/open-store.js';

const USAGE =
  'usage: npm run import -- FILE --format json|csv|acled [--dry-run] [--strict] [--update] [--map MAPPING.csv]';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      update: { type: 'boolean', default: false },
      map: { type: 'string' },
    },
  });
  const [file] = positionals;
  const format = values.format as ImportFormat;
  if (!file || !IMPORT_FORMATS.includes(format)) throw new ConfigError(USAGE);
  const config = loadConfig();
  if (config.store === 'memory' && config.dataDir === null && !values['dry-run']) {
    throw new ConfigError(
      'Importing into the embedded store needs DATA_DIR (its database), or nothing would be kept; set DATA_DIR, use NEO4J_URI, or pass --dry-run.',
    );
  }
  const store = await openStore(config, createLogger('warn'));
  try {
    const options = { dryRun: values['dry-run'], strict: values.strict, update: values.update };
    const report = await applyImport(store, await readBatch(store, file, format, values.map), options);
    console.log(describeReport(report, options));
    process.exitCode = exitCodeOf(report, options);
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
