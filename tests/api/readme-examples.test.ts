import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import {
  answerer,
  blockProblems,
  documentationPages,
  graphqlBlocks,
  pageExamples,
} from '../../src/docs/checked-examples.js';

const pages = documentationPages().map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }));
const examples = pages.flatMap(({ page, text }) =>
  pageExamples(text).map((example, i) => ({ page, n: i + 1, title: headline(example.query), example })),
);
const blocks = pages.flatMap(({ page, text }) => graphqlBlocks(text).map((block, i) => ({ page, n: i + 1, block })));

describe('examples in the docs', () => {
  let answer: (query: string) => Promise<string>;
  beforeAll(async () => {
    answer = await answerer();
  });

  it('include at least ten analyst questions in docs/analyst-questions.md, and one in the README', () => {
    expect(examples.filter((e) => e.page === 'docs/analyst-questions.md').length).toBeGreaterThanOrEqual(10);
    expect(examples.filter((e) => e.page === 'README.md')).toHaveLength(1);
  });

  it.each(examples.map((e) => [e.page, e.n, e.title, e.example] as const))(
    '%s example %i (%s) shows the real answer',
    async (_, __, ___, example) => {
      const real = await answer(example.query);
      expect(JSON.parse(example.answer)).toEqual(JSON.parse(real));
    },
  );

  it.each(blocks.map((b) => [b.page, b.n, b.block] as const))(
    '%s GraphQL block %i is valid against the schema',
    (_, __, block) => expect(blockProblems(block)).toEqual([]),
  );
});

/** The first line of a document that says what it asks, for the test's name. */
function headline(query: string): string {
  return (
    query
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && line !== '{') ?? query
  );
}
