import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../config.js';

/** Every statement the code runs, by its file name under `cypher/` (without `.cypher`). */
export const STATEMENT_NAMES = [
  'actors-by-ids',
  'relations-by-ids',
  'citations-of-relations',
  'relations-of-actors',
  'neighborhood',
  'search-actors',
  'relations-page',
  'relations-page-of-actor',
  'relations-between',
  'clear-graph',
  'merge-sources',
  'merge-actors',
  'merge-relations',
  'merge-citations',
  'await-indexes',
  'graph-counts',
  'shortest-path',
  'paths',
  'relations-changed',
  'relations-changed-of-actor',
  'sources-by-ids',
  'list-sources',
  'citations-by-ids',
  'delete-relation',
  'delete-citations',
  'delete-actor',
  'repoint-redirects',
  'add-redirect',
  'repoint-claimants',
  'ping',
] as const;

export type StatementName = (typeof STATEMENT_NAMES)[number];

export const CYPHER_DIR = join(ROOT, 'cypher');

/** Every `.cypher` file under a folder, by path relative to `cypher/` without the extension. */
export function readCypherFiles(dir = CYPHER_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.cypher')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(CYPHER_DIR, path).replace(/\.cypher$/, ''), readFileSync(path, 'utf8'));
  }
  return files;
}

/** Read once at start-up; a missing file fails here, not at the first request. */
function loadStatements(): { queries: Record<StatementName, string>; schema: string[] } {
  const files = readCypherFiles();
  const missing = STATEMENT_NAMES.filter((name) => !files.has(name));
  if (missing.length) throw new Error(`Missing Cypher files in ${CYPHER_DIR}: ${missing.map((m) => `${m}.cypher`).join(', ')}`);
  const queries = Object.fromEntries(STATEMENT_NAMES.map((name) => [name, files.get(name)!])) as Record<StatementName, string>;
  const schema = [...files].filter(([name]) => name.startsWith('schema/')).sort().map(([, text]) => text);
  return { queries, schema };
}

const loaded = loadStatements();

/** The text of one statement. */
export const cypher = (name: StatementName) => loaded.queries[name];

/** The constraint and index statements under `cypher/schema/`, in file-name order. */
export const schemaStatements = () => loaded.schema;

/**
 * A path statement with its quantifier bounded by `maxHops`. Cypher cannot take a quantifier's
 * bound as a parameter, so the `{1,6}` written in the file is replaced by a validated integer.
 */
export function withMaxHops(name: 'shortest-path' | 'paths', maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 6) throw new RangeError(`maxHops must be an integer from 1 to 6, got ${maxHops}`);
  const text = cypher(name);
  if (!text.includes('{1,6}')) throw new Error(`${name}.cypher lost its {1,6} quantifier`);
  return text.replace('{1,6}', `{1,${maxHops}}`);
}

/**
 * The neighbourhood statement with its var-length bound set to `hops`. Like a quantifier's, the
 * bound cannot be a parameter, so the `*0..3` written in the file is replaced by a validated integer.
 */
export function withHops(hops: number): string {
  if (!Number.isInteger(hops) || hops < 1 || hops > 3) throw new RangeError(`hops must be an integer from 1 to 3, got ${hops}`);
  const text = cypher('neighborhood');
  if (!text.includes('*0..3]')) throw new Error('neighborhood.cypher lost its *0..3 bound');
  return text.replace('*0..3]', `*0..${hops}]`);
}
