import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { ACTOR_KINDS, DATE_PRECISIONS, RELATION_KINDS } from '../domain/types.js';

/** Public, stable keys: lowercase kebab-case. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug such as "free-idlib-army"');
const isoDate = z.string().refine(isIsoDate, 'must be a real calendar date written YYYY-MM-DD');
const text = z.string().trim().min(1, 'must not be empty');

export const sourceRecord = z.strictObject({
  id: slug,
  file: text,
  title: text,
  publisher: text.nullable(),
  published: isoDate,
  publishedApproximate: z.boolean().default(false),
});

export const actorRecord = z.strictObject({
  id: slug,
  name: text,
  kind: z.enum(ACTOR_KINDS),
  aliases: z.array(text).default([]),
  description: text.nullable().default(null),
});

export const citationRecord = z.strictObject({
  source: slug,
  claimant: text.nullable().default(null),
  claimantActor: slug.nullable().default(null),
  locator: text.nullable().default(null),
});

export const relationRecord = z
  .strictObject({
    id: slug,
    kind: z.enum(RELATION_KINDS),
    from: slug,
    to: slug,
    since: isoDate,
    until: isoDate.nullable(),
    precision: z.enum(DATE_PRECISIONS),
    summary: text,
    places: z.array(text).default([]),
    citations: z.array(citationRecord).min(1, 'a relation needs at least one citation'),
  })
  .refine((r) => r.until === null || r.until >= r.since, { message: 'must be on or after since', path: ['until'] })
  .refine((r) => r.from !== r.to, { message: 'an actor cannot be related to itself', path: ['to'] });

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
export type RelationRecord = z.infer<typeof relationRecord>;
