import { readFile } from 'node:fs/promises';
import { datasetFile, type DatasetFile } from './schema.js';
import { citationOf, type Dataset } from './dataset.js';

/** A dataset file that cannot be loaded; `problems` name the record and field of each fault. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  - ... and ${problems.length - 20} more`);
    super(`${file}: invalid dataset, nothing was loaded:\n${shown.join('\n')}`);
    this.name = 'DatasetError';
  }
}

/** Reads and validates a dataset file. All or nothing: any fault rejects the whole file. */
export async function loadDatasetFile(file: string): Promise<Dataset> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new DatasetError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseDataset(file, json);
}

/** Validates parsed JSON as a dataset; `file` only labels the errors. */
export function parseDataset(file: string, json: unknown): Dataset {
  const parsed = datasetFile.safeParse(json);
  if (!parsed.success) {
    throw new DatasetError(
      file,
      parsed.error.issues.map((issue) => `${describePath(json, issue.path)}: ${issue.message}`),
    );
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new DatasetError(file, problems);
  return toDataset(parsed.data);
}

/** `relations[3] (id "x"), field "until"` from a zod path. */
function describePath(json: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'file';
  const [collection, index, ...field] = path;
  if (typeof index !== 'number') return `field "${path.map(String).join('.')}"`;
  const record = (json as Record<string, unknown[]>)[collection as string]?.[index] as { id?: unknown } | undefined;
  const id = typeof record?.id === 'string' ? ` (id "${record.id}")` : '';
  const where = `${String(collection)}[${index}]${id}`;
  return field.length ? `${where}, field "${field.map(String).join('.')}"` : where;
}

function crossCheck(data: DatasetFile): string[] {
  const problems: string[] = [];
  const ids = (kind: string, records: { id: string }[]) => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      if (seen.has(r.id)) problems.push(`${kind}[${i}] (id "${r.id}"), field "id": duplicate id`);
      seen.add(r.id);
    });
    return seen;
  };
  const sourceIds = ids('sources', data.sources);
  const actorIds = ids('actors', data.actors);
  ids('relations', data.relations);

  data.relations.forEach((r, i) => {
    const at = (field: string) => `relations[${i}] (id "${r.id}"), field "${field}"`;
    if (!actorIds.has(r.from)) problems.push(`${at('from')}: unknown actor "${r.from}"`);
    if (!actorIds.has(r.to)) problems.push(`${at('to')}: unknown actor "${r.to}"`);
    // A source cited twice is refused by the record schema already (one citation per source).
    r.citations.forEach((c, j) => {
      if (!sourceIds.has(c.source)) problems.push(`${at(`citations.${j}.source`)}: unknown source "${c.source}"`);
      if (c.claimantActor !== null && !actorIds.has(c.claimantActor)) {
        problems.push(`${at(`citations.${j}.claimantActor`)}: unknown actor "${c.claimantActor}"`);
      }
    });
  });
  return problems;
}

function toDataset(data: DatasetFile): Dataset {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  return {
    sources: data.sources,
    actors: data.actors,
    relations: data.relations.map(({ citations: _citations, ...relation }) => relation),
    citations: data.relations.flatMap((r) =>
      r.citations.map(({ source, claimantActor, ...claim }) =>
        citationOf(r.id, sources.get(source)!, { ...claim, claimantActorId: claimantActor }),
      ),
    ),
  };
}
