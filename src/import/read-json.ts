import { readFile } from 'node:fs/promises';
import { DatasetError, parseDataset } from '../dataset/load-dataset.js';
import { emptyBatch, type ImportBatch } from './batch.js';

/** Our own dataset format (`data/*.json`); validated as a whole, as the server loads it. */
export async function readJsonImport(file: string): Promise<ImportBatch> {
  const batch = emptyBatch();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    batch.unreadable.push({ where: file, message: `cannot read it as JSON: ${(error as Error).message}` });
    return batch;
  }
  try {
    const dataset = parseDataset(file, json);
    batch.sources = dataset.sources;
    batch.actors = dataset.actors;
    batch.relations = dataset.relations.map((relation) => ({
      relation,
      citations: dataset.citations.filter((c) => c.relationId === relation.id),
    }));
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    // The file is validated as a whole, as the server loads it: one fault refuses all of it.
    batch.unreadable.push(...error.problems.map((p) => ({ where: file, message: p })));
  }
  return batch;
}
