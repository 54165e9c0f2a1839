import { z } from 'zod';
import { EVERYTHING } from '../domain/reading.js';
import { ALL_TIME } from '../domain/dates.js';
import type { Edit } from '../domain/edits.js';
import { WRITE_OPERATIONS } from '../domain/commands.js';
import { allActors } from '../import/all-actors.js';
import type { GraphStore } from '../store/port.js';
import type { Dataset } from './dataset.js';
import { DatasetError, parseDataset } from './load-dataset.js';
import { datasetFile } from './schema.js';

const ids = z.array(z.string());

/** One edit as a backup keeps it: the history's own fields (docs/operations.md, "Backup and restore"). */
const editRecord = z.strictObject({
  seq: z.number().int().min(1),
  at: z.string().datetime(),
  by: z.string().min(1),
  operation: z.enum(WRITE_OPERATIONS),
  actorIds: ids,
  relationIds: ids,
  citationIds: ids,
  sourceIds: ids,
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** A backup file: the dataset file's format (`version`, `sources`, `actors`, `relations`), plus `history`. */
export const backupFile = datasetFile.extend({ history: z.array(editRecord) });
export type BackupFile = z.infer<typeof backupFile>;

/** What a backup restores: a dataset and its history, oldest first. */
export interface Backup {
  dataset: Dataset;
  history: Edit[];
}

/** How many relations a backup reads at a time. */
const PAGE = 1_000;

/**
 * Everything a store holds, through the port (so any store can be backed up): its sources,
 * actors, relations with their citations, in the dataset file's format, and its whole history,
 * oldest first. Ids merged away are not kept (see docs/operations.md).
 */
export async function takeBackup(store: GraphStore): Promise<BackupFile> {
  const actors = await allActors(store);
  const relations = [];
  for (let after: { since: string; id: string } | null = null; ;) {
    const page = await store.listRelations({ kinds: null, reading: EVERYTHING, actorId: null, after, limit: PAGE });
    relations.push(...page.items);
    if (!page.hasMore) break;
    const last = page.items.at(-1)!;
    after = { since: last.since, id: last.id };
  }
  const citations = await store.citationsOfRelations(relations.map((r) => r.id));
  const history: Edit[] = [];
  for (let beforeSeq: number | null = null; ;) {
    const page = await store.history({
      relationId: null,
      actorId: null,
      by: null,
      window: ALL_TIME,
      beforeSeq,
      limit: PAGE,
    });
    history.push(...page.items);
    if (!page.hasMore) break;
    beforeSeq = page.items.at(-1)!.seq;
  }
  return {
    version: 1,
    sources: (await store.listSources()).map(
      ({ id, file, title, publisher, published, publishedApproximate, reliability }) => ({
        id,
        file,
        title,
        publisher,
        published,
        publishedApproximate,
        reliability,
      }),
    ),
    actors: actors.map(({ id, name, kind, aliases, description }) => ({ id, name, kind, aliases, description })),
    relations: relations.map((r, i) => ({
      id: r.id,
      kind: r.kind,
      from: r.from,
      to: r.to,
      since: r.since,
      until: r.until,
      precision: r.precision,
      sinceBound: r.sinceBound,
      summary: r.summary,
      places: r.places,
      citations: citations[i].map((c) => ({
        source: c.sourceId,
        claimant: c.claimant,
        claimantActor: c.claimantActorId,
        locator: c.locator,
        stance: c.stance,
        credibility: c.credibility,
      })),
    })),
    history: history.reverse(),
  };
}

/** Validates a backup file's JSON; the dataset part is checked as a dataset file is. `file` labels errors. */
export function parseBackup(file: string, json: unknown): Backup {
  const parsed = backupFile.safeParse(json);
  if (!parsed.success)
    throw new DatasetError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'file'}: ${issue.message}`),
    );
  const { history, ...dataset } = parsed.data;
  const seqs = history.map((e) => e.seq);
  if (seqs.some((seq, i) => i > 0 && seq <= seqs[i - 1]))
    throw new DatasetError(file, ['history: edits must be oldest first, each with a larger seq']);
  return { dataset: parseDataset(file, dataset), history };
}
