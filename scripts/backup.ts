// `npm run backup -- --out FILE`: writes the store the settings name (STORE, DATA_DIR, NEO4J_URI) to
// FILE: the dataset file's format plus the edit history (docs/operations.md, "Backup and restore").
import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { takeBackup } from '../src/dataset/backup.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/store/open-store.js';

const USAGE = 'usage: npm run backup -- --out FILE';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new ConfigError(USAGE);
  const config = loadConfig();
  const store = await openStore(config, createLogger('warn'));
  try {
    const backup = await takeBackup(store);
    // Written beside the target, then renamed: a backup is never half a file.
    const partial = `${values.out}.partial`;
    await writeFile(partial, `${JSON.stringify(backup, null, 2)}\n`);
    await rename(partial, values.out);
    console.log(
      `Backed up ${store.name} to ${values.out}: ${backup.actors.length} actors, ${backup.relations.length} relations, ` +
        `${backup.sources.length} sources, ${backup.history.length} edits.`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
