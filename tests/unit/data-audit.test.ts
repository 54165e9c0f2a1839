import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';

/** One row of a table in docs/data-audit.md: the relation id (first cell) and the other cells. */
interface Row {
  id: string;
  cells: string[];
}

/** The rows of the table under `## heading`, each with the id its first cell names in backticks. */
function tableRows(page: string, heading: string): Row[] {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/data-audit.md has no "## ${heading}" section`);
  const end = page.indexOf('\n## ', start + 1);
  return page
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim());
      return { id: cells[0].replace(/^`|`$/g, ''), cells: cells.slice(1) };
    });
}

let dataset: Dataset;
let page: string;
beforeAll(async () => {
  dataset = await loadDatasetFile(join(ROOT, 'data', 'idlib.json'));
  page = readFileSync(join(ROOT, 'docs', 'data-audit.md'), 'utf8');
});

describe('docs/data-audit.md', () => {
  it('has exactly one row per relation of the dataset, and none for a relation that does not exist', () => {
    const rows = tableRows(page, 'Relations').map((r) => r.id);
    const ids = dataset.relations.map((r) => r.id);
    expect(new Set(rows).size, 'a relation with two rows').toBe(rows.length);
    expect(
      ids.filter((id) => !rows.includes(id)),
      'relations without a row',
    ).toEqual([]);
    expect(
      rows.filter((id) => !ids.includes(id)),
      'rows naming no relation',
    ).toEqual([]);
  });

  it("names in each row the articles the relation cites (by the files' number)", () => {
    const fileOf = new Map(dataset.sources.map((s) => [s.id, s.file.slice(0, 3)]));
    for (const row of tableRows(page, 'Relations')) {
      const cited = dataset.citations
        .filter((c) => c.relationId === row.id)
        .map((c) => fileOf.get(c.sourceId))
        .sort();
      expect(row.cells[0].split(', '), row.id).toEqual(cited);
    }
  });

  it('gives every row a verdict, and lists as removed only relations that are gone', () => {
    for (const row of tableRows(page, 'Relations'))
      expect(row.cells[2], row.id).toMatch(/^(supported|corrected: .+|added \(.+\))$/);
    const removed = tableRows(page, 'Removed or merged').map((r) => r.id);
    expect(removed.length).toBeGreaterThan(0);
    const ids = new Set(dataset.relations.map((r) => r.id));
    expect(removed.filter((id) => ids.has(id))).toEqual([]);
  });
});
