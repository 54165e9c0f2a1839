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
        [...statements, ...fragments].some((name) => files.get(name)!.includes(mark)),
        `${fragment} is used by no statement or fragment`,
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

  /** The header comments of a text and of every fragment it marks, however deep. */
  const headers = (text: string): string =>
    [
      header(text),
      ...[...withoutComments(text).matchAll(/\/\*@([a-z-]+)\(/g)].map((m) => headers(files.get(`fragments/${m[1]}`)!)),
    ].join('\n');

  it.each(statements)('%s names every parameter it uses in its header comment (or its fragments do)', (name) => {
    const text = files.get(name)!;
    const documented = parameters(headers(text));
    const used = parameters(withoutComments(expandFragments(text, files)));
    expect([...used].filter((p) => !documented.has(p))).toEqual([]);
  });

  // One home for each reading rule: the fragments. A statement that spelled the window, an open
  // `until`, the open-end reading or the evidence filter itself would drift from them.
  const read = [
    'neighborhood',
    'paths',
    'relations-between',
    'relations-of-actors',
    'relations-page',
    'relations-page-of-actor',
    'shortest-path',
  ];

  it.each(statements)('%s reads the graph only through the reading fragments', (name) => {
    const body = withoutComments(files.get(name)!);
    expect(body, 'reads the window parameters itself').not.toMatch(/\$window(From|To)\b/);
    expect(body, 'reads an open until itself').not.toMatch(/until\s+IS\s+NULL/i);
    expect(body, 'reads the open-end reading itself').not.toMatch(/\$openEnd\b/);
    expect(body, 'reads the evidence filter itself').not.toMatch(
      /\$(minSources|minPublishers|statedOnly|excludeDisputed|graded|minReliability)\b/,
    );
    expect(body.includes('/*@in-reading(')).toBe(read.includes(name));
  });

  it('splices fragments in parentheses, on the variable the mark names, fragments within fragments too', () => {
    expect(expandFragments('WHERE x AND /*@active-in-window(rel)*/', files)).toBe(
      'WHERE x AND (rel.since <= date($windowTo)\n' +
        'AND CASE\n' +
        '  WHEN rel.until IS NOT NULL THEN rel.until >= date($windowFrom)\n' +
        "  WHEN $openEnd = 'LAST_REPORTED' THEN rel.lastReported >= date($windowFrom)\n" +
        '  ELSE true\n' +
        'END)',
    );
    const nested = expandFragments('/*@in-reading(rel)*/', files);
    expect(nested).toContain('(rel.evidenceSources >= $minSources');
    expect(nested).toContain('((rel.since <= date($windowTo)');
    expect(nested).not.toMatch(/\br\.|\/\*@/);
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
