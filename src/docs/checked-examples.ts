import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { createApp } from '../app.js';
import { ROOT } from '../config.js';
import type { Dataset } from '../dataset/dataset.js';
import { loadDatasetFile } from '../dataset/load-dataset.js';
import { schema } from '../graphql/index.js';
import { MemoryStore } from '../store/memory/memory-store.js';

/**
 * The examples in the documentation, checked against the API: a ```graphql block followed (after
 * prose at most) by a ```json block is an example and its answer, run on the embedded store over
 * the curated dataset. `npm run docs:examples` writes the real answers in, `npm run docs:check`
 * and tests/api/readme-examples.test.ts fail when one is out of date.
 */
const EXAMPLE = /```graphql\n([\s\S]*?)```(\n(?:(?!```)[^\n]*\n)*?)```json\n([\s\S]*?)```/g;
const GRAPHQL_BLOCK = /```graphql\n([\s\S]*?)```/g;

/** The token examples are run with, so a mutation example shows a write (on its own copy of the data). */
const EXAMPLE_TOKEN = 'docs-example-token';

export interface Example {
  query: string;
  answer: string;
}

/**
 * Every documentation page that may show GraphQL, relative to the repository root: the README,
 * each page under docs/, and the benchmark's and the explorer's READMEs.
 */
export function documentationPages(): string[] {
  const docs = existsSync(join(ROOT, 'docs'))
    ? readdirSync(join(ROOT, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return ['README.md', ...docs, 'bench/README.md', 'explorer/README.md'].filter((page) => existsSync(join(ROOT, page)));
}

/** The examples of one page that claim an answer. */
export function pageExamples(page: string): Example[] {
  return [...page.matchAll(EXAMPLE)].map((m) => ({ query: m[1], answer: m[3] }));
}

/** Every ```graphql block of a page, with or without an answer after it. */
export function graphqlBlocks(page: string): string[] {
  return [...page.matchAll(GRAPHQL_BLOCK)].map((m) => m[1]);
}

/** What is wrong with a GraphQL block against the schema, or an empty list. */
export function blockProblems(document: string): string[] {
  try {
    return validate(schema, parse(document)).map((error) => error.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * Answers an example as the docs print it. Each example runs on its own copy of the curated
 * dataset, with a write token, so a mutation example neither needs a token in its text nor
 * changes what the next example sees.
 */
export async function answerer(): Promise<(query: string) => Promise<string>> {
  const dataset: Dataset = await loadDatasetFile(join(ROOT, 'data', 'idlib.json'));
  return async (query: string) => {
    const app = createApp(MemoryStore.fromDataset(structuredClone(dataset)), {
      env: 'test',
      corsOrigins: null,
      apiTokens: [EXAMPLE_TOKEN],
    });
    const response = await app.fetch('http://docs/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EXAMPLE_TOKEN}` },
      body: JSON.stringify({ query }),
    });
    return `${compactJson(await response.json())}\n`;
  };
}

/** A page with each example's answer replaced by the one `answers` gives for its query. */
export function withAnswers(page: string, answers: ReadonlyMap<string, string>): string {
  return page.replace(
    EXAMPLE,
    (_, query: string, between: string) =>
      `\`\`\`graphql\n${query}\`\`\`${between}\`\`\`json\n${answers.get(query)}\`\`\``,
  );
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
