// Reruns every GraphQL example in the docs (README.md, docs/*.md) that shows an answer and writes the
// real answer in: `npm run docs:examples`; `npm run docs:check` only compares and fails when one is
// out of date. The logic lives in src/docs/checked-examples.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../src/config.js';
import {
  answerer,
  blockProblems,
  documentationPages,
  graphqlBlocks,
  pageExamples,
  withAnswers,
} from '../src/docs/checked-examples.js';

const check = process.argv.includes('--check');
const answer = await answerer();
let examples = 0;
let stale = 0;
let invalid = 0;
for (const page of documentationPages()) {
  const text = await readFile(join(ROOT, page), 'utf8');
  for (const block of graphqlBlocks(text)) {
    for (const problem of blockProblems(block)) {
      console.error(`${page}: ${problem}\n${block}`);
      invalid++;
    }
  }
  const answers = new Map<string, string>();
  for (const example of pageExamples(text)) {
    const fresh = await answer(example.query);
    answers.set(example.query, fresh);
    examples++;
    if (fresh !== example.answer) {
      stale++;
      if (check) console.error(`${page}: out of date: ${example.query.split('\n')[0]}`);
    }
  }
  if (!check && answers.size > 0) await writeFile(join(ROOT, page), withAnswers(text, answers));
}
if (invalid) {
  console.error(`${invalid} GraphQL blocks do not validate against the schema.`);
  process.exitCode = 1;
}
if (check && stale) {
  console.error(`${stale} of ${examples} examples are out of date: run \`npm run docs:examples\`.`);
  process.exitCode = 1;
} else if (check) {
  console.log(`All ${examples} examples match the API.`);
} else {
  console.log(`${examples} examples, ${stale} updated.`);
}
