import { changesBetween, type RelationChange } from '../../domain/changes.js';
import { dateSpan } from '../../domain/dates.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { RelationRef } from './refs.js';

const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: 'What happened to a relation on a date.',
  values: {
    BEGAN: { description: 'The relation started (its `since`).' },
    ENDED: { description: 'The relation ended (its `until`).' },
  } as const,
});

const RelationChangeRef = builder.objectRef<RelationChange>('RelationChange').implement({
  description: 'A relation beginning or ending on a date.',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'The day it began or ended.', resolve: (c) => c.date }),
    change: t.field({ type: ChangeKindEnum, description: 'BEGAN or ENDED.', resolve: (c) => c.change }),
    relation: t.field({ type: RelationRef, description: 'The relation that changed.', resolve: (c) => c.relation }),
  }),
});

builder.queryField('changes', (t) =>
  t.field({
    type: [RelationChangeRef],
    description:
      'What changed between two dates (inclusive): every relation that began or ended in that ' +
      'span, optionally only those of one actor. Ordered by date, BEGAN before ENDED on the same ' +
      'day, then by relation id. A relation that began and ended in the span appears twice.',
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      actor: t.arg.id({ required: false, description: 'Only relations touching this actor.' }),
    },
    resolve: async (_, args, context) => {
      const span = dateSpan(args.from, args.to, 'from');
      if (args.actor) await requireActors(context, { actor: args.actor });
      return changesBetween(await context.store.relationsChangedBetween(span, args.actor ?? null), span.from, span.to);
    },
  }),
);
