import { balanceAt, type AmbivalentPair, type BalanceReport, type Triad } from '../../domain/balance.js';
import { dayWindow } from '../../domain/dates.js';
import { builder } from '../builder.js';
import { readingArgs, readingOf } from './reading.js';
import { loadActorsStrict } from '../context.js';
import { ActorRef, RelationRef } from './refs.js';

const TriadPatternEnum = builder.enumType('TriadPattern', {
  description: 'Why a triad breaks structural balance.',
  values: {
    FRIEND_OF_BOTH_SIDES: {
      description:
        'One actor is friendly with two actors that are hostile to each other (signs + + -): it ' +
        'supports or talks with both sides of a fight, or two of its allies are at war.',
    },
    ALL_HOSTILE: { description: 'All three are hostile to one another (signs - - -).' },
  } as const,
});

const TriadRef = builder.objectRef<Triad>('Triad').implement({
  description: 'Three actors each pair of which is related on the day, whose signs break balance.',
  fields: (t) => ({
    actors: t.field({
      type: [ActorRef],
      description: 'The three actors, by id.',
      resolve: (tr, _, c) => loadActorsStrict(c, tr.actorIds),
    }),
    pattern: t.field({
      type: TriadPatternEnum,
      description: 'Which unbalanced pattern it is.',
      resolve: (tr) => tr.pattern,
    }),
    pivot: t.field({
      type: ActorRef,
      nullable: true,
      description: 'For FRIEND_OF_BOTH_SIDES, the actor friendly with the two hostile ones.',
      resolve: (tr, _, c) => (tr.pivotId ? c.loaders.actor.load(tr.pivotId) : null),
    }),
    relations: t.field({
      type: [RelationRef],
      description: 'The relations among the three that make the triad, oldest first.',
      resolve: (tr) => tr.relations,
    }),
  }),
});

const AmbivalentPairRef = builder.objectRef<AmbivalentPair>('AmbivalentPair').implement({
  description: 'Two actors with both friendly and hostile relations on the day; balance counts the pair as hostile.',
  fields: (t) => ({
    actors: t.field({
      type: [ActorRef],
      description: 'The two actors, by id.',
      resolve: (p, _, c) => loadActorsStrict(c, p.actorIds),
    }),
    relations: t.field({
      type: [RelationRef],
      description: 'Their relations active that day.',
      resolve: (p) => p.relations,
    }),
  }),
});

export const BalanceReportRef = builder.objectRef<BalanceReport>('BalanceReport').implement({
  description:
    'The graph on one day read as a signed graph: FIGHTS is hostile (-); SUPPORTS, NEGOTIATES ' +
    'and MEMBER_OF are friendly (+). A pair of actors is hostile if any relation between them ' +
    'is. A closed triad is balanced when the product of its signs is positive (+ + +, + - -).',
  fields: (t) => ({
    at: t.field({ type: 'Date', description: 'The day read.', resolve: (r) => r.at }),
    triads: t.exposeInt('triads', {
      description: 'Closed triads: three actors each pair of which is related that day.',
    }),
    balanced: t.exposeInt('balanced', { description: 'How many of them are balanced.' }),
    balancedShare: t.float({
      nullable: true,
      description: 'balanced / triads; null when there is no triad.',
      resolve: (r) => r.balancedShare,
    }),
    unbalanced: t.field({
      type: [TriadRef],
      description: 'Every unbalanced triad, ordered by its actor ids.',
      resolve: (r) => r.unbalanced,
    }),
    ambivalentPairs: t.field({
      type: [AmbivalentPairRef],
      description: 'Pairs both friendly and hostile that day.',
      resolve: (r) => r.ambivalentPairs,
    }),
  }),
});

builder.queryField('balance', (t) =>
  t.field({
    type: BalanceReportRef,
    description:
      'Structural balance of the relations active on one day: the triads that break it (an actor ' +
      'backing both sides of a fight, two allies of one actor at war) and the share of balanced ' +
      'triads.',
    args: { at: t.arg({ type: 'Date', required: true }), ...readingArgs },
    resolve: async (_, args, context) =>
      balanceAt(args.at, await context.store.activeRelations(readingOf(dayWindow(args.at), args), null, null)),
  }),
);
