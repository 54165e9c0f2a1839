import { z } from 'zod';
import { actorRecord, relationRecord, sourceRecord } from '../service/records.js';

/** The record shapes are the write inputs' own (one set of rules and limits); re-exported for readers of files. */
export {
  actorRecord,
  citationRecord,
  relationRecord,
  slug,
  sourceRecord,
  type RelationRecord,
} from '../service/records.js';

/**
 * The dataset file (`data/*.json`). The README documents it field by field; unknown fields are
 * rejected so a typo does not silently drop data.
 */
export const datasetFile = z.strictObject({
  version: z.literal(1),
  sources: z.array(sourceRecord),
  actors: z.array(actorRecord),
  relations: z.array(relationRecord),
});

export type DatasetFile = z.infer<typeof datasetFile>;
