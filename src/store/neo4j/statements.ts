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
  'take-write-lock',
  'idempotent-write-by-key',
  'record-idempotent-write',
  'create-actor',
  'update-actor',
  'create-source',
  'create-relations',
  'close-relation',
  'update-relation',
  'create-citations',
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
  if (missing.length)
    throw new Error(`Missing Cypher files in ${CYPHER_DIR}: ${missing.map((m) => `${m}.cypher`).join(', ')}`);
  const queries = Object.fromEntries(STATEMENT_NAMES.map((name) => [name, files.get(name)!])) as Record<
    StatementName,
    string
  >;
  const schema = [...files]
    .filter(([name]) => name.startsWith('schema/'))
    .sort()
    .map(([, text]) => text);
  return { queries, schema };
}

const loaded = loadStatements();

/** The name of the one lock node every write transaction takes first (`take-write-lock`). */
export const WRITE_LOCK = 'graph';

/** The text of one statement. */
export const cypher = (name: StatementName) => loaded.queries[name];

/** The constraint and index statements under `cypher/schema/`, in file-name order. */
export const schemaStatements = () => loaded.schema;

/**
 * The statements whose hop bound is written into the file: Cypher cannot take a quantifier's or a
 * var-length pattern's bound as a parameter, so the bound written there is replaced by a validated
 * integer, never by client text.
 */
const HOP_BOUNDS = {
  'shortest-path': { written: '{1,6}', bound: (n: number) => `{1,${n}}`, argument: 'maxHops', max: 6 },
  paths: { written: '{1,6}', bound: (n: number) => `{1,${n}}`, argument: 'maxHops', max: 6 },
  neighborhood: { written: '*0..3]', bound: (n: number) => `*0..${n}]`, argument: 'hops', max: 3 },
} as const;

function withHopBound(name: keyof typeof HOP_BOUNDS, hops: number): string {
  const { written, bound, argument, max } = HOP_BOUNDS[name];
  if (!Number.isInteger(hops) || hops < 1 || hops > max)
    throw new RangeError(`${argument} must be an integer from 1 to ${max}, got ${hops}`);
  const text = cypher(name);
  if (!text.includes(written)) throw new Error(`${name}.cypher lost its ${written} bound`);
  return text.replace(written, bound(hops));
}

/** A path statement with its quantifier bounded by `maxHops` (1 to 6). */
export const withMaxHops = (name: 'shortest-path' | 'paths', maxHops: number) => withHopBound(name, maxHops);

/** The neighbourhood statement with its var-length bound set to `hops` (1 to 3). */
export const withHops = (hops: number) => withHopBound('neighborhood', hops);

/** Bounds for `relations-page`'s `since` range seek when a side is open (Neo4j dates span far wider). */
const EARLIEST_DATE = '0000-01-01';
const LATEST_DATE = '9999-12-31';

/**
 * `relations-page`'s `$sinceMin` and `$sinceMax`: the range `since` must fall in, from the keyset
 * position (or the earliest date) to the window's end (or the latest date), never null, so the
 * statement can seek each kind's `since` index.
 */
export const sinceRange = (afterSince: string | null, to: string | null) => ({
  sinceMin: afterSince ?? EARLIEST_DATE,
  sinceMax: to ?? LATEST_DATE,
});
