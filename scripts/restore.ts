// `npm run restore -- FILE [--force]`: loads a backup into the store the settings name (DATA_DIR for
// the embedded store, NEO4J_URI for Neo4j), which must be empty unless --force replaces what it holds.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { parseBackup } from '../src/dataset/backup.js';
import { restoreDataFolder, restoreNeo4j } from '../src/store/restore.js';

const USAGE = 'usage: npm run restore -- FILE [--force]';

async function main() {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file) throw new ConfigError(USAGE);
  const config = loadConfig();
  const backup = parseBackup(file, JSON.parse(await readFile(file, 'utf8')));
  if (config.store === 'neo4j') await restoreNeo4j(config.neo4j, backup, { force: values.force });
  else {
    if (config.dataDir === null)
      throw new ConfigError('Restoring into the embedded store needs DATA_DIR (the folder to restore into).');
    await (await restoreDataFolder(config.dataDir, backup, { force: values.force })).close();
  }
  console.log(
    `Restored ${file} into ${config.store === 'neo4j' ? config.neo4j.uri : config.dataDir}: ` +
      `${backup.dataset.actors.length} actors, ${backup.dataset.relations.length} relations, ${backup.history.length} edits.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
