import neo4j from 'neo4j-driver';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../config.js';
import { LIMITS } from '../../domain/limits.js';
import { UNGRADED, type DateWindow, type Reading } from '../../domain/types.js';

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
  'set-relation-evidence',
  'update-source',
  'update-citation',
  'relations-citing-source',
  'relations-missing-evidence',
  'create-edit',
  'history',
  'relations-recorded',
  'import-edits',
  'edit-count',
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

/**
 * A fragment mark, a block comment holding `@name(variable)`: where a statement takes the fragment
 * `cypher/fragments/name.cypher`, applied to its relationship `variable`.
 */
const FRAGMENT_MARK = /\/\*@([a-z-]+)\(([A-Za-z_][A-Za-z0-9_]*)\)\*\//g;

/** A file's Cypher without its comment lines. */
export const withoutComments = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();

/**
 * Splices every fragment mark in `text`: the fragment's Cypher (its comments dropped), in
 * parentheses, with its relationship variable `r` renamed to the one the mark names. A fragment
 * is written once and read by every statement that needs it (the "active in window" condition);
 * a fragment may mark others (in-reading marks active-in-window and has-evidence).
 */
export function expandFragments(text: string, files: ReadonlyMap<string, string>, depth = 0): string {
  if (depth > 3) throw new Error('Cypher fragments nest too deep (a fragment marks itself?)');
  return outsideComments(text, (line) =>
    line.replace(FRAGMENT_MARK, (_, name: string, variable: string) => {
      const fragment = files.get(`fragments/${name}`);
      if (fragment === undefined) throw new Error(`No fragment cypher/fragments/${name}.cypher`);
      const body = withoutComments(fragment)
        .replace(/\br\./g, `${variable}.`)
        .replace(/\(r\)\*\//g, `(${variable})*/`);
      return `(${expandFragments(body, files, depth + 1)})`;
    }),
  );
}

/** `text` with `change` applied to every line but the `//` comments (which may name a mark). */
const outsideComments = (text: string, change: (line: string) => string) =>
  text
    .split('\n')
    .map((line) => (line.trim().startsWith('//') ? line : change(line)))
    .join('\n');

/** Read once at start-up; a missing file fails here, not at the first request. */
function loadStatements(): {
  queries: Record<StatementName, string>;
  schema: string[];
  files: ReadonlyMap<string, string>;
} {
  const files = readCypherFiles();
  const missing = STATEMENT_NAMES.filter((name) => !files.has(name));
  if (missing.length)
    throw new Error(`Missing Cypher files in ${CYPHER_DIR}: ${missing.map((m) => `${m}.cypher`).join(', ')}`);
  const queries = Object.fromEntries(
    STATEMENT_NAMES.map((name) => [name, expandFragments(files.get(name)!, files)]),
  ) as Record<StatementName, string>;
  const schema = [...files]
    .filter(([name]) => name.startsWith('schema/'))
    .sort()
    .map(([, text]) => text);
  return { queries, schema, files };
}

const loaded = loadStatements();

/** The name of the one lock node every write transaction takes first (`take-write-lock`). */
export const WRITE_LOCK = 'graph';

/**
 * The statements whose hop bound is marked in the file (a block comment holding `@maxHops` or `@hops`): Cypher
 * cannot take a quantifier's or a var-length pattern's bound as a parameter, so the mark is
 * replaced by a validated integer within the API's limit, never by client text.
 */
const HOP_BOUNDS = {
  'shortest-path': { mark: '/*@maxHops*/', argument: 'maxHops', limit: LIMITS.shortestPathMaxHops },
  paths: { mark: '/*@maxHops*/', argument: 'maxHops', limit: LIMITS.pathsMaxHops },
  neighborhood: { mark: '/*@hops*/', argument: 'hops', limit: LIMITS.neighborhoodHops },
} as const;

type HopBounded = keyof typeof HOP_BOUNDS;

const isHopBounded = (name: StatementName): name is HopBounded => name in HOP_BOUNDS;

/**
 * The text of one statement, its fragments spliced in. A statement with a hop bound has none
 * until `withMaxHops` or `withHops` sets it, so asking for it here is a mistake (an empty bound
 * would be an unbounded search).
 */
export function cypher(name: StatementName): string {
  if (isHopBounded(name)) throw new Error(`${name}.cypher needs its hop bound: use withMaxHops or withHops`);
  return loaded.queries[name];
}

/** The constraint and index statements under `cypher/schema/`, in file-name order. */
export const schemaStatements = () => loaded.schema;

function withHopBound(name: HopBounded, hops: number): string {
  const { mark, argument, limit } = HOP_BOUNDS[name];
  if (!Number.isInteger(hops) || hops < limit.min || hops > limit.max)
    throw new RangeError(`${argument} must be an integer from ${limit.min} to ${limit.max}, got ${hops}`);
  return outsideComments(loaded.queries[name], (line) => line.replace(mark, String(hops)));
}

// A hop-bounded statement without its mark (or with two) fails at start-up, not at the first request.
for (const [name, { mark }] of Object.entries(HOP_BOUNDS))
  if (withoutComments(loaded.queries[name as HopBounded]).split(mark).length !== 2)
    throw new Error(`${name}.cypher needs exactly one ${mark} hop bound`);

/** A path statement with its quantifier bounded by `maxHops`. */
export const withMaxHops = (name: 'shortest-path' | 'paths', maxHops: number) => withHopBound(name, maxHops);

/** The neighbourhood statement with its var-length bound set to `hops`. */
export const withHops = (hops: number) => withHopBound('neighborhood', hops);

/**
 * The in-reading condition on relationship `variable`, for Cypher written outside `cypher/` (the
 * benchmark's @neo4j/graphql schema); statements under `cypher/` write the mark instead.
 */
export const inReading = (variable: string) => expandFragments(`/*@in-reading(${variable})*/`, loaded.files);

/**
 * The parameters of the in-reading fragment (and of its parts): the one spelling of a reading in
 * Cypher. Every parameter always has the same type (open window ends travel as the earliest and
 * latest dates, "no reliability condition" as a flag), so each statement has one cached plan
 * rather than one per combination of null and non-null parameters. Counts travel as integers.
 */
export const readingParams = (reading: Reading) => ({
  windowFrom: reading.window.from ?? EARLIEST_DATE,
  windowTo: reading.window.to ?? LATEST_DATE,
  openEnd: reading.openEnd,
  minSources: neo4j.int(reading.evidence.minSources),
  minPublishers: neo4j.int(reading.evidence.minPublishers),
  statedOnly: reading.evidence.statedOnly,
  excludeDisputed: reading.evidence.excludeDisputed,
  graded: reading.evidence.minReliability !== null,
  minReliability: reading.evidence.minReliability ?? UNGRADED,
});

/** Bounds for `relations-page`'s `since` range seek when a side is open (Neo4j dates span far wider). */
const EARLIEST_DATE = '0000-01-01';
const LATEST_DATE = '9999-12-31';

/**
 * `relations-page`'s `$seekSinceMin` and `$seekSinceMax`: the range of `since` to walk in each
 * kind's index, from the keyset position (or the earliest date) to the window's end (or the latest
 * date), never null so the planner can seek. The window itself still applies through the fragment.
 */
export const seekSince = (afterSince: string | null, window: DateWindow) => ({
  seekSinceMin: afterSince ?? EARLIEST_DATE,
  seekSinceMax: window.to ?? LATEST_DATE,
});
