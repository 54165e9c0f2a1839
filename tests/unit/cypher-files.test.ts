import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { RELATION_KINDS } from '../../src/domain/types.js';
import { readCypherFiles, STATEMENT_NAMES, withHops, withMaxHops } from '../../src/store/neo4j/statements.js';

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

  it('has a file for every statement the code names, and no file the code does not use', () => {
    const queries = [...files.keys()].filter((name) => !name.startsWith('schema/')).sort();
    expect(queries).toEqual([...STATEMENT_NAMES].sort());
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

  it('sets hop bounds only to validated integers', () => {
    expect(withHops(2)).toContain('*0..2]');
    expect(withMaxHops('paths', 4)).toContain('{1,4}');
    for (const bad of [0, 4, 2.5, Number.NaN])
      expect(() => withHops(bad)).toThrow(/hops must be an integer from 1 to 3/);
    for (const bad of [0, 7, 1.5])
      expect(() => withMaxHops('shortest-path', bad)).toThrow(/maxHops must be an integer from 1 to 6/);
  });
});
