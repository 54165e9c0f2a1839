import type { GraphStore } from '../store/port.js';
import { allActors } from './all-actors.js';
import type { ImportBatch } from './batch.js';
import { actorMatcher, readAcledImport, readActorMapping } from './read-acled.js';
import { readCsvImport } from './read-csv.js';
import { readJsonImport } from './read-json.js';

export const IMPORT_FORMATS = ['json', 'csv', 'acled'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Reads a file (a folder for `csv`) in one of the import formats; ACLED names are matched against the store's actors. */
export async function readBatch(
  store: GraphStore,
  file: string,
  format: ImportFormat,
  mapFile?: string,
): Promise<ImportBatch> {
  if (format === 'json') return readJsonImport(file);
  if (format === 'csv') return readCsvImport(file, (ids) => store.sourcesByIds(ids));
  const { mapping, unreadable } = mapFile
    ? await readActorMapping(mapFile)
    : { mapping: new Map<string, string>(), unreadable: [] };
  const batch = await readAcledImport(file, actorMatcher(await allActors(store), mapping));
  batch.unreadable.unshift(...unreadable);
  return batch;
}
