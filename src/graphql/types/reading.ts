import { graphReading } from '../../domain/reading.js';
import type { DateWindow, Evidence, OpenEnd, Reading, Reliability } from '../../domain/types.js';
import { builder } from '../builder.js';

export const OpenEndEnum = builder.enumType('OpenEnd', {
  description: 'How to read a relation that has no known end.',
  values: {
    ONGOING: { description: "It holds until a source says it ended (today's reading; the default)." },
    LAST_REPORTED: {
      description: 'It holds only up to its last report: the latest date on which a cited source vouches for it.',
    },
  } as const,
});

export const ReliabilityEnum = builder.enumType('Reliability', {
  description:
    "The Admiralty (NATO) grading that OpenCTI and i2 Analyst's Notebook use for how reliable a source is. " +
    "A report's own credibility is graded 1 (confirmed) to 6 (cannot be judged) on `Citation.credibility`.",
  values: {
    A: { description: 'Completely reliable.' },
    B: { description: 'Usually reliable.' },
    C: { description: 'Fairly reliable.' },
    D: { description: 'Not usually reliable.' },
    E: { description: 'Unreliable.' },
    F: { description: 'Reliability cannot be judged (every source nobody has graded).' },
  } as const,
});

export const StanceEnum = builder.enumType('Stance', {
  description: 'What a citation says of its relation.',
  values: {
    REPORTS: { description: "The source reports the relation (itself, or as a claimant's claim)." },
    DISPUTES: { description: 'The source reports that the relation is denied or contested.' },
  } as const,
});

export const DateBoundEnum = builder.enumType('DateBound', {
  description: "How a relation's `since` is known.",
  values: {
    EXACT: { description: 'The date of the event itself (to its `precision`).' },
    ON_OR_BEFORE: {
      description: 'Only the date of the report that first mentions it: the relation began on or before it.',
    },
  } as const,
});

export const EvidenceRef = builder.objectRef<Evidence>('Evidence').implement({
  description:
    'How well a relation is sourced, derived from its citations and kept up to date on every write. A citation ' +
    'that disputes the relation counts only in `disputed`.',
  fields: (t) => ({
    sources: t.exposeInt('sources', { description: 'Citations that report it.' }),
    publishers: t.exposeInt('publishers', {
      description: 'Distinct publishers among them; a citation whose source names no publisher counts once per source.',
    }),
    stated: t.exposeBoolean('stated', { description: 'Some source states it itself (a citation with no claimant).' }),
    claimants: t.exposeStringList('claimants', { description: 'Who makes the claims it rests on, sorted.' }),
    selfReported: t.exposeBoolean('selfReported', {
      description: 'Every report of it is a claim by one of its own two actors.',
    }),
    disputed: t.exposeBoolean('disputed', { description: 'Some citation disputes it.' }),
    bestReliability: t.field({
      type: ReliabilityEnum,
      description: 'The best grade among the sources that report it; F when none is graded (or none reports it).',
      resolve: (e) => e.bestReliability,
    }),
  }),
});

export const EvidenceFilterInput = builder.inputType('EvidenceFilter', {
  description:
    'Read only relations sourced this well. Every condition given must hold; an omitted one keeps every relation.',
  fields: (t) => ({
    minSources: t.int({ required: false, description: 'At least this many reporting citations.' }),
    minPublishers: t.int({ required: false, description: 'At least this many distinct publishers among them.' }),
    statedOnly: t.boolean({
      required: false,
      description: "Only relations some source states itself, not only as someone's claim.",
    }),
    excludeDisputed: t.boolean({ required: false, description: 'Leave out relations some citation disputes.' }),
    minReliability: t.field({
      type: ReliabilityEnum,
      required: false,
      description: 'Only relations with at least one report from a source graded this well or better (A best).',
    }),
  }),
});

export const OPEN_END_DESCRIPTION =
  'How to read relations with no known end: ONGOING (default) holds them until a source says they ended; ' +
  'LAST_REPORTED only up to their last report.';
export const EVIDENCE_DESCRIPTION = 'Read only relations sourced this well; applies to every relation considered.';

/** What a client may send for the reading arguments every query through time takes. */
export interface ReadingArgs {
  openEnd?: OpenEnd | null;
  evidence?: {
    minSources?: number | null;
    minPublishers?: number | null;
    statedOnly?: boolean | null;
    excludeDisputed?: boolean | null;
    minReliability?: Reliability | null;
  } | null;
}

/** The one reading a request asks for, over `window`; built once, where the request enters. */
export const readingOf = (window: DateWindow, args: ReadingArgs): Reading =>
  graphReading(window, args.openEnd, args.evidence, 'evidence');

/**
 * The arguments every query that reads the graph through time takes, declared once:
 * `openEnd: OpenEnd = ONGOING` and `evidence: EvidenceFilter`.
 */
export const readingArgs = builder.args((t) => ({
  openEnd: t.field({ type: OpenEndEnum, defaultValue: 'ONGOING', description: OPEN_END_DESCRIPTION }),
  evidence: t.field({ type: EvidenceFilterInput, required: false, description: EVIDENCE_DESCRIPTION }),
}));
