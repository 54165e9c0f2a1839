// Prints the Pothos schema to schema/schema.graphql; with --check, fails if the file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { ROOT } from '../src/config.js';
import { printSchemaFile } from '../src/graphql/print-schema.js';

const target = `${ROOT}schema/schema.graphql`;
const printed = printSchemaFile();

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== printed) {
    console.error('schema/schema.graphql is out of date: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  await writeFile(target, printed);
  console.log(`Wrote ${target}`);
}
