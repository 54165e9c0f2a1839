import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { CONTROL_CHARACTERS, INPUT_LIMITS as L, LINE_CONTROL_CHARACTERS } from '../domain/input-limits.js';
import {
  ACTOR_KINDS,
  CREDIBILITY,
  DATE_BOUNDS,
  DATE_PRECISIONS,
  RELATION_KINDS,
  RELIABILITIES,
  STANCES,
  UNGRADED,
} from '../domain/types.js';

/**
 * The shapes of what may be written, validated where it enters: mutations, imports and dataset
 * files all parse with these, so a record one accepts the others accept too. Sizes come from
 * `INPUT_LIMITS`; the stores check the same table again (`checkCommand`), whatever the caller.
 */

/** Public, stable keys: lowercase kebab-case. */
export const slug = z
  .string()
  .max(L.idLength, `must be at most ${L.idLength} characters`)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug such as "free-idlib-army"');

const isoDate = z.string().refine(isIsoDate, 'must be a real calendar date written YYYY-MM-DD');

/** Text on one line: no control characters at all (NUL, tab, line breaks). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !LINE_CONTROL_CHARACTERS.test(s), 'must not contain control characters (NUL, tabs, line breaks)');

/** Prose: line breaks and tabs allowed, other control characters not. */
const prose = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters such as NUL');

export const name = line(L.nameLength);
export const aliases = z
  .array(line(L.aliasLength))
  .max(L.aliasesPerActor, `an actor has at most ${L.aliasesPerActor} aliases`);
export const description = prose(L.descriptionLength);

export const sourceRecord = z.strictObject({
  id: slug,
  file: line(L.textLength),
  title: line(L.textLength),
  publisher: line(L.textLength).nullable(),
  published: isoDate,
  publishedApproximate: z.boolean().default(false),
  reliability: z.enum(RELIABILITIES).default(UNGRADED),
});

/** A report's credibility: 1 (confirmed) to 6 (cannot be judged). */
export const credibility = z
  .number()
  .int('must be a whole number')
  .min(CREDIBILITY.best, `must be from ${CREDIBILITY.best} (confirmed) to ${CREDIBILITY.worst} (cannot be judged)`)
  .max(CREDIBILITY.worst, `must be from ${CREDIBILITY.best} (confirmed) to ${CREDIBILITY.worst} (cannot be judged)`);

export const actorRecord = z.strictObject({
  id: slug,
  name,
  kind: z.enum(ACTOR_KINDS),
  aliases: aliases.default([]),
  description: description.nullable().default(null),
});

export const citationRecord = z.strictObject({
  source: slug,
  claimant: line(L.textLength).nullable().default(null),
  claimantActor: slug.nullable().default(null),
  locator: line(L.locatorLength).nullable().default(null),
  stance: z.enum(STANCES).default('REPORTS'),
  credibility: credibility.default(CREDIBILITY.ungraded),
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
    sinceBound: z.enum(DATE_BOUNDS).default('EXACT'),
    summary: prose(L.summaryLength),
    places: z
      .array(line(L.placeLength))
      .max(L.placesPerRelation, `a relation names at most ${L.placesPerRelation} places`)
      .default([]),
    citations: z
      .array(citationRecord)
      .min(1, 'a relation needs at least one citation')
      .max(L.citationsPerRelation, `a relation has at most ${L.citationsPerRelation} citations`),
  })
  .superRefine((r, context) => {
    if (r.until !== null && r.until < r.since)
      context.addIssue({ code: 'custom', message: 'must be on or after since', path: ['until'] });
    if (r.from === r.to)
      context.addIssue({ code: 'custom', message: 'an actor cannot be related to itself', path: ['to'] });
    const seen = new Set<string>();
    r.citations.forEach((c, i) => {
      if (seen.has(c.source))
        context.addIssue({
          code: 'custom',
          message: `source "${c.source}" is cited twice: a relation cites each source once`,
          path: ['citations', i, 'source'],
        });
      seen.add(c.source);
    });
  });

/** `updateActor`'s input: every field optional; `aliases` replaces the list, `addAliases` adds to it. */
export const actorPatchInput = z.strictObject({
  name: name.nullish().transform((v) => v ?? undefined),
  kind: z
    .enum(ACTOR_KINDS)
    .nullish()
    .transform((v) => v ?? undefined),
  aliases: aliases.nullish().transform((v) => v ?? undefined),
  addAliases: aliases.nullish().transform((v) => v ?? undefined),
  description: description.nullish(),
});

/** `updateSource`'s input: its grading. */
export const sourcePatchInput = z.strictObject({
  reliability: z
    .enum(RELIABILITIES)
    .nullish()
    .transform((v) => v ?? undefined),
});

/** `updateCitation`'s input: whether it reports or disputes its relation, and how credible it is. */
export const citationPatchInput = z.strictObject({
  stance: z
    .enum(STANCES)
    .nullish()
    .transform((v) => v ?? undefined),
  credibility: credibility.nullish().transform((v) => v ?? undefined),
});

/** A client-chosen idempotency key: printable ASCII without spaces, so it is safe in logs and indexes. */
export const idempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(L.idempotencyKeyLength, `must be at most ${L.idempotencyKeyLength} characters`)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (a UUID, for example)');

export type RelationRecord = z.infer<typeof relationRecord>;
