import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { RELATION_KINDS } from '../../src/domain/types.js';
import { LIMITS } from '../../src/domain/limits.js';
import {
  cypher,
  expandFragments,
  readCypherFiles,
  STATEMENT_NAMES,
  withHops,
  withMaxHops,
  withoutComments,
} from '../../src/store/neo4j/statements.js';

/** All TypeScript under src/ and scripts/, to find where statements are used. */
function sources(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('cypher/', () => {
  const files = readCypherFiles();
  const code = sources(join(ROOT, 'src')) + sources(join(ROOT, 'scripts'));

  const statements = [...STATEMENT_NAMES];
  /** Comment lines only: where a file documents its parameters. */
  const header = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim().startsWith('//'))
      .join('\n');
  const parameters = (text: string) => new Set([...text.matchAll(/\$([A-Za-z]\w*)/g)].map((m) => m[1]));

  it('has a file for every statement the code names, and no file the code does not use', () => {
    const queries = [...files.keys()].filter((name) => !/^(schema|fragments)\//.test(name)).sort();
    expect(queries).toEqual([...STATEMENT_NAMES].sort());
    const fragments = [...files.keys()].filter((name) => name.startsWith('fragments/'));
    for (const fragment of fragments) {
      const mark = `/*@${fragment.slice('fragments/'.length)}(`;
      expect(
        statements.some((name) => files.get(name)!.includes(mark)),
        `${fragment} is used by no statement`,
      ).toBe(true);
    }
  });

  it.each([...STATEMENT_NAMES])('runs %s somewhere', (name) => {
    expect(code).toContain(`'${name}'`);
    const uses = code.split(`'${name}'`).length - 1;
    expect(uses, `${name} is only listed, never run`).toBeGreaterThanOrEqual(2);
  });

  it.each([...files.keys()])(
    '%s starts with a comment listing its parameters and takes values only as $parameters',
    (name) => {
      const text = files.get(name)!;
      expect(text.startsWith('//')).toBe(true);
      expect(text).toMatch(/Parameters:/);
      const body = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n');
      // No string literal may carry data; the only literals allowed are kind names and the like.
      const literals = [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      expect(literals.every((l) => /^[A-Z_]+$/.test(l))).toBe(true);
    },
  );

  it('pages relations with one index-ordered branch per relation kind, guarded by $kinds', () => {
    const text = files.get('relations-page')!;
    for (const kind of RELATION_KINDS) {
      expect(text, `relations-page has no branch for ${kind}`).toContain(`-[r:${kind}]->`);
      expect(text).toContain(`'${kind}' IN kinds`);
    }
    expect(text.match(/-\[r:[A-Z_]+\]->/g)).toHaveLength(RELATION_KINDS.length);
  });

  it.each(statements)('%s names every parameter it uses in its header comment', (name) => {
    const text = files.get(name)!;
    const documented = parameters(header(text));
    const used = parameters(withoutComments(expandFragments(text, files)));
    expect([...used].filter((p) => !documented.has(p))).toEqual([]);
  });

  // One home for the "active in window" condition: the fragment. A statement that spelled it
  // itself, with the window parameters or its own reading of an open `until`, would drift from it.
  const windowed = [
    'neighborhood',
    'paths',
    'relations-of-actors',
    'relations-page',
    'relations-page-of-actor',
    'shortest-path',
  ];

  it.each(statements)('%s states "active in window" only through the fragment', (name) => {
    const body = withoutComments(files.get(name)!);
    expect(body, 'reads the window parameters itself').not.toMatch(/\$window(From|To)\b/);
    expect(body, 'reads an open until itself').not.toMatch(/until\s+IS\s+NULL/i);
    expect(body.includes('/*@active-in-window(')).toBe(windowed.includes(name));
  });

  it('splices the fragment in parentheses, on the variable the mark names', () => {
    expect(expandFragments('WHERE x AND /*@active-in-window(rel)*/', files)).toBe(
      'WHERE x AND (($windowTo IS NULL OR rel.since <= date($windowTo))\n' +
        'AND ($windowFrom IS NULL OR rel.until IS NULL OR rel.until >= date($windowFrom)))',
    );
    expect(() => expandFragments('/*@no-such-fragment(r)*/', files)).toThrow(/No fragment/);
    for (const name of statements.filter((n) => !['neighborhood', 'paths', 'shortest-path'].includes(n)))
      expect(withoutComments(cypher(name)), name).not.toContain('/*@');
  });

  it('sets hop bounds only to validated integers within the limits', () => {
    const { neighborhoodHops, pathsMaxHops, shortestPathMaxHops } = LIMITS;
    expect(withHops(2)).toContain('*0..2]');
    expect(withHops(neighborhoodHops.max)).toContain(`*0..${neighborhoodHops.max}]`);
    expect(withMaxHops('paths', 4)).toContain('{1,4}');
    expect(withMaxHops('shortest-path', shortestPathMaxHops.max)).toContain(`{1,${shortestPathMaxHops.max}}`);
    expect(withoutComments(withMaxHops('paths', 4))).not.toContain('/*@');
    expect(withoutComments(withHops(1))).not.toContain('/*@');
    for (const bad of [0, neighborhoodHops.max + 1, 2.5, Number.NaN])
      expect(() => withHops(bad)).toThrow(`hops must be an integer from 1 to ${neighborhoodHops.max}`);
    for (const bad of [0, pathsMaxHops.max + 1, 1.5])
      expect(() => withMaxHops('paths', bad)).toThrow(`maxHops must be an integer from 1 to ${pathsMaxHops.max}`);
    // Unbounded text is never handed out: `{1,}` would be a search of any length.
    expect(() => cypher('paths')).toThrow(/needs its hop bound/);
  });
});
