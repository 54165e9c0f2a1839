import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerer, readmeExamples } from '../../scripts/readme-examples.js';
import { ROOT } from '../../src/config.js';

const examples = readmeExamples(readFileSync(`${ROOT}README.md`, 'utf8'));

describe('README examples', () => {
  let answer: (query: string) => Promise<string>;
  beforeAll(async () => {
    answer = await answerer();
  });

  it('include at least five analyst questions', () => expect(examples.length).toBeGreaterThanOrEqual(5));

  it.each(examples.map((e, i) => [i + 1, e.query.split('\n')[0], e] as const))(
    'example %i (%s) shows the real answer',
    async (_, __, example) => {
      const real = await answer(example.query);
      expect(JSON.parse(example.answer)).toEqual(JSON.parse(real));
    },
  );
});
