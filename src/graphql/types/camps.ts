import {
  alignmentSeries,
  sampleDates,
  STEPS,
  type AlignmentSample,
  type Defection,
} from '../../domain/camps/alignment.js';
import { blocsAt, campCount, CAMPS, type BlocsReport } from '../../domain/camps/blocs.js';
import { reachableFrom, type Reach } from '../../domain/camps/reachability.js';
import { DEFAULT_SPLIT_BUDGET } from '../../domain/camps/solver.js';
import { dateSpan, dateWindow, dayWindow } from '../../domain/dates.js';
import { limitExceeded } from '../../domain/errors.js';
import type { Relation } from '../../domain/types.js';
import { LIMITS, limitText, MAX_CAMP_RELATIONS, SOLVER_BUDGET_MS, withinLimit } from '../../domain/limits.js';
import { campSample } from '../../service/camp-reads.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { loadActorsStrict } from '../context.js';
import { BalanceReportRef } from './balance.js';
import { DateWindowInput } from './date.js';
import { RelationKindEnum } from './enums.js';
import { readingArgs, readingOf } from './reading.js';
import { ActorRef, RelationRef } from './refs.js';

const SIGNS =
  'Signs as in `balance`: FIGHTS is hostile; SUPPORTS, NEGOTIATES and MEMBER_OF are friendly. Every relation ' +
  'counts once, so two relations between the same pair weigh two, and a pair that both fights and negotiates ' +
  'breaks any split once. For "who allied with whom", pass `kinds: [FIGHTS, SUPPORTS, MEMBER_OF]`: talks ' +
  '(NEGOTIATES) join enemies at the table and, counted as friendly, pull them into one camp.';

const StepEnum = builder.enumType('Step', {
  description: 'A calendar step between two samples of a series.',
  values: Object.fromEntries(STEPS.map((s) => [s, { description: `One ${s.toLowerCase()}.` }])) as Record<
    (typeof STEPS)[number],
    { description: string }
  >,
});

const BlocsRef = builder.objectRef<BlocsReport>('Blocs').implement({
  description:
    'The actors of the relations active on a day split into at most `k` camps so that the fewest relations ' +
    'break the split (a hostile relation inside a camp, a friendly one across camps): the frustration index. ' +
    SIGNS,
  fields: (t) => ({
    at: t.field({ type: 'Date', description: 'The day read.', resolve: (b) => b.at }),
    camps: t.field({
      type: [t.listRef(ActorRef)],
      description:
        'The camps, largest first, then by their smallest actor id; each camp by actor id. Empty camps are ' +
        'left out, so there may be fewer than `k`. Parts of the graph with no relation between them are split ' +
        'on their own and their camps merged by rank (largest with largest).',
      resolve: (b, _, c) => Promise.all(b.camps.map((ids) => loadActorsStrict(c, ids))),
    }),
    frustration: t.exposeInt('frustration', {
      description: 'How many relations break the split: the length of `frustrated`.',
    }),
    frustrated: t.field({
      type: [RelationRef],
      description: 'Exactly the relations that break the split, oldest first.',
      resolve: (b) => b.frustrated,
    }),
    optimal: t.exposeBoolean('optimal', {
      description:
        'True when it is proved that no split into at most `k` camps breaks fewer relations (by an integer ' +
        'program solved with HiGHS, or because nothing breaks). False when the time or size bound stopped the ' +
        'proof: the split is then the best found. Among equally good splits the answer is a fixed choice that ' +
        'depends only on the relations read, not on the store.',
    }),
  }),
});

const DefectionRef = builder.objectRef<Defection>('Defection').implement({
  description:
    'An actor whose camp changed since the previous sample. Camps are matched between two samples so that ' +
    'as many actors as possible keep their camp; an actor counts only when it is in both samples and was ' +
    'tied to a side at the previous one (joining a side is not changing sides).',
  fields: (t) => ({
    actor: t.field({
      type: ActorRef,
      description: 'The actor that changed camp.',
      resolve: (d, _, c) => loadActorsStrict(c, [d.actorId]).then(([a]) => a),
    }),
    fromCamp: t.exposeInt('fromCamp', { description: 'Its camp in the previous sample (an index into its `camps`).' }),
    toCamp: t.exposeInt('toCamp', { description: "Its camp in this sample (an index into this sample's `camps`)." }),
    relations: t.field({
      type: [RelationRef],
      description:
        'What moved it: its relations that started or ended between the two samples (active on one of the two ' +
        "days, not on the other), and its relations that break this sample's split; oldest first.",
      resolve: (d) => d.relations,
    }),
  }),
});

const AlignmentRef = builder.objectRef<AlignmentSample>('Alignment').implement({
  description:
    'One sample of `alignmentSeries`: balance and camps on a day, and who changed camp since the last sample.',
  fields: (t) => ({
    at: t.field({ type: 'Date', description: 'The sample day.', resolve: (s) => s.at }),
    balance: t.field({
      type: BalanceReportRef,
      description: 'Structural balance that day, over the relations of the kinds asked (all kinds: as `balance`).',
      resolve: (s) => s.balance,
    }),
    blocs: t.field({ type: BlocsRef, description: 'The camps that day, as `blocs` answers.', resolve: (s) => s.blocs }),
    defections: t.field({
      type: [DefectionRef],
      description: 'Actors whose camp changed since the previous sample, by actor id; empty for the first.',
      resolve: (s) => s.defections,
    }),
  }),
});

const ReachRef = builder.objectRef<Reach>('Reach').implement({
  description: 'An actor reached from the start by a time-respecting walk, and the first such walk.',
  fields: (t) => ({
    actor: t.field({
      type: ActorRef,
      description: 'The actor reached.',
      resolve: (r, _, c) => loadActorsStrict(c, [r.actorId]).then(([a]) => a),
    }),
    at: t.field({
      type: 'Date',
      description:
        "The earliest date it is reached: when the walk's last relation started, or the window's first day " +
        'when that relation was already active then. Exact.',
      resolve: (r) => r.at,
    }),
    hops: t.int({
      description: 'The fewest relations of a walk reaching it on that date.',
      resolve: (r) => r.relations.length,
    }),
    relations: t.field({
      type: [RelationRef],
      description:
        'Such a walk from the start actor, in walk order; each relation starts no earlier than the one before.',
      resolve: (r) => r.relations,
    }),
  }),
});

const kindsArg = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) =>
  t.arg({ type: [RelationKindEnum], required: false, description: 'Read only these kinds; all when omitted.' });
const campsArg = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) =>
  t.arg.int({
    defaultValue: CAMPS.default,
    description: `How many camps at most, from ${CAMPS.min} to ${CAMPS.max}; default ${CAMPS.default}.`,
  });

builder.queryField('blocs', (t) =>
  t.field({
    type: BlocsRef,
    description:
      'Split the actors active on a day into `k` camps (2 by default, at most 4) so that as few relations as ' +
      'possible break the split: a hostile relation inside a camp, or a friendly one across camps. Signs as in ' +
      '`balance`. Proved optimal where the solver can (see `optimal`). A day with more than ' +
      `${MAX_CAMP_RELATIONS} relations read (after \`kinds\` and the reading's filters) is LIMIT_EXCEEDED ` +
      '(`camps-size`): narrow it with `kinds` or `evidence`.',
    args: { at: t.arg({ type: 'Date', required: true }), k: campsArg(t), kinds: kindsArg(t), ...readingArgs },
    resolve: async (_, args, context) => {
      const k = campCount(args.k);
      const reading = readingOf(dayWindow(args.at), args);
      const kinds = args.kinds ?? null;
      return blocsAt(
        args.at,
        await campSample(context.store, args.at, reading, kinds, 'at', context.maxCampRelations),
        k,
      );
    },
  }),
);

builder.queryField('alignmentSeries', (t) =>
  t.field({
    type: [AlignmentRef],
    description:
      '`balance` and `blocs` sampled every `step` from `from` to `to`, with who changed camp between two ' +
      'consecutive samples. Sample days: `from`, then `from` plus one step, two steps, ... while on or before ' +
      "`to`; a step of months keeps `from`'s day, or the month's last day when it is shorter. " +
      `${LIMITS.alignmentSamples.max} samples at most (LIMIT_EXCEEDED beyond), each of at most ` +
      `${MAX_CAMP_RELATIONS} relations read, as \`blocs\` (LIMIT_EXCEEDED \`camps-size\` naming the day).`,
    args: {
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      step: t.arg({ type: StepEnum, defaultValue: 'MONTH' }),
      k: campsArg(t),
      kinds: kindsArg(t),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const k = campCount(args.k);
      dateSpan(args.from, args.to, 'to');
      readingOf(dayWindow(args.from, 'from'), args);
      const max = LIMITS.alignmentSamples.max;
      const days = sampleDates(args.from, args.to, args.step ?? 'MONTH', max);
      if (days.length > max)
        throw limitExceeded(
          'argument',
          `from ${args.from} to ${args.to} by ${args.step} gives more than ${max} samples; narrow the span or take a longer step`,
          'to',
        );
      // Read together; a refusal names the earliest day over the cap, whichever store answered first.
      const read = await Promise.allSettled(
        days.map((at) =>
          campSample(
            context.store,
            at,
            readingOf(dayWindow(at), args),
            args.kinds ?? null,
            'from',
            context.maxCampRelations,
          ),
        ),
      );
      const samples = read.map((outcome, i) => {
        if (outcome.status === 'rejected') throw outcome.reason;
        return { at: days[i], active: outcome.value };
      });
      return alignmentSeries(samples, k, { ...DEFAULT_SPLIT_BUDGET, ms: SOLVER_BUDGET_MS.series });
    },
  }),
);

builder.queryField('reachable', (t) =>
  t.field({
    type: [ReachRef],
    description:
      'Every actor reachable from `from` along time-respecting paths inside the window, with the earliest date ' +
      'each is reached and the number of hops. Time-respecting as in `paths(timeRespecting: true)`: each ' +
      'relation starts no earlier than the one before it. Ordered by date, then hops, then actor id; the start ' +
      'actor is left out.',
    args: {
      from: t.arg.id({ required: true }),
      window: t.arg({
        type: DateWindowInput,
        required: true,
        description: 'Walk only relations active in this window (with `openEnd` and `evidence`).',
      }),
      maxHops: t.arg.int({
        defaultValue: LIMITS.reachableMaxHops.default,
        description: `The longest walk, in relations. ${limitText(LIMITS.reachableMaxHops)}`,
      }),
      directed: t.arg.boolean({
        defaultValue: false,
        description:
          'When true, SUPPORTS and MEMBER_OF are walked only from supporter to supported (member to group); ' +
          'FIGHTS and NEGOTIATES both ways. Default false: every relation both ways.',
      }),
      kinds: kindsArg(t),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const maxHops = withinLimit(args.maxHops, LIMITS.reachableMaxHops, 'maxHops');
      const reading = readingOf(dateWindow(args.window, 'window'), args);
      await requireActors(context, { from: args.from });
      const kinds = args.kinds ?? null;
      const loader = context.loaders.relationsOf({ kinds, reading, direction: 'ANY' });
      return reachableFrom(
        { from: args.from, kinds, reading, maxHops, directed: args.directed ?? false },
        async (ids) => {
          const lists = await loader.loadMany(ids);
          const failure = lists.find((l) => l instanceof Error);
          if (failure) throw failure;
          return lists as Relation[][];
        },
      );
    },
  }),
);
