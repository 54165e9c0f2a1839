// Runs every GraphQL example in README.md against the embedded store and writes its real answer
// into the JSON block that follows it: `npm run docs:examples` (or `-- --check` to only compare).
import { readFile, writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.js';
import { ROOT } from '../src/config.js';
import { loadDatasetFile } from '../src/dataset/load-dataset.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';

const README = `${ROOT}README.md`;
/** A ```graphql block, then (after prose at most) the ```json block holding its answer. */
const EXAMPLE = /```graphql\n([\s\S]*?)```(\n(?:(?!```)[^\n]*\n)*?)```json\n([\s\S]*?)```/g;

export interface Example {
  query: string;
  answer: string;
}

export function readmeExamples(readme: string): Example[] {
  return [...readme.matchAll(EXAMPLE)].map((m) => ({ query: m[1], answer: m[3] }));
}

/** The answer of the embedded store over the curated dataset, as the README prints it. */
export async function answerer() {
  const app = createApp(MemoryStore.fromDataset(await loadDatasetFile(`${ROOT}data/idlib.json`)), {
    env: 'test',
    corsOrigins: null,
  });
  return async (query: string) => {
    const response = await app.fetch('http://readme/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return `${compactJson(await response.json())}\n`;
  };
}

/** Indented JSON, with any object or array that fits in 100 columns kept on one line. */
export function compactJson(value: unknown, indent = ''): string {
  const flat = inline(value);
  if (flat.length + indent.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`,
  );
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }` : '{}';
}

async function main() {
  const readme = await readFile(README, 'utf8');
  const answer = await answerer();
  const examples = readmeExamples(readme);
  const fresh = new Map<string, string>();
  for (const example of examples) fresh.set(example.query, await answer(example.query));
  const stale = examples.filter((e) => fresh.get(e.query) !== e.answer).length;
  const updated = readme.replace(
    EXAMPLE,
    (_, query: string, between: string) =>
      `\`\`\`graphql\n${query}\`\`\`${between}\`\`\`json\n${fresh.get(query)}\`\`\``,
  );
  if (process.argv.includes('--check')) {
    if (stale) {
      console.error(`${stale} of ${examples.length} README examples are out of date: run \`npm run docs:examples\`.`);
      process.exit(1);
    }
    console.log(`All ${examples.length} README examples match the API.`);
    return;
  }
  await writeFile(README, updated);
  console.log(`${examples.length} README examples, ${stale} updated.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
