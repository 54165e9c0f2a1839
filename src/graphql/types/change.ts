import { changesBetween, type RelationChange } from '../../domain/changes.js';
import { dateSpan } from '../../domain/dates.js';
import type { SpanReading } from '../../store/port.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { readingArgs, readingOf } from './reading.js';
import { RelationRef } from './refs.js';

const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: 'What happened to a relation on a date.',
  values: {
    BEGAN: { description: 'The relation started (its `since`).' },
    ENDED: { description: 'The relation ended (its `until`): a source says so.' },
    LAST_REPORTED: {
      description:
        'Read `openEnd: LAST_REPORTED` only: a relation with no known end was last reported (its `lastReported`). ' +
        'Not an end: no source says it ended, none vouches for it after.',
    },
  } as const,
});

const RelationChangeRef = builder.objectRef<RelationChange>('RelationChange').implement({
  description: 'A relation beginning, ending or last reported on a date.',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day of the change.', resolve: (c) => c.date }),
    change: t.field({ type: ChangeKindEnum, description: 'BEGAN, ENDED or LAST_REPORTED.', resolve: (c) => c.change }),
    relation: t.field({ type: RelationRef, description: 'The relation that changed.', resolve: (c) => c.relation }),
  }),
});

builder.queryField('changes', (t) =>
  t.field({
    type: [RelationChangeRef],
    description:
      'What changed between two dates (inclusive): every relation that began or ended in that ' +
      'span (and, read `openEnd: LAST_REPORTED`, every relation with no known end last reported in it), ' +
      'optionally only those of one actor and only those sourced as `evidence` asks. Ordered by date, ' +
      'BEGAN before LAST_REPORTED before ENDED on the same day, then by relation id. A relation that ' +
      'began and ended in the span appears twice.',
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      actor: t.arg.id({ required: false, description: 'Only relations touching this actor.' }),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const reading = readingOf(dateSpan(args.from, args.to, 'from'), args) as SpanReading;
      if (args.actor) await requireActors(context, { actor: args.actor });
      const relations = await context.store.relationsChangedBetween(reading, args.actor ?? null);
      return changesBetween(relations, reading.window.from, reading.window.to, reading.openEnd);
    },
  }),
);
