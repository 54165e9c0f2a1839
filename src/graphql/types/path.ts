import { badInput } from '../../domain/errors.js';
import { dateWindow } from '../../domain/dates.js';
import { LIMITS, limitText, withinLimit, type Limit } from '../../domain/limits.js';
import type { Path, PathQuery } from '../../domain/paths.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { loadActorsStrict, type GraphContext } from '../context.js';
import { DateWindowInput } from './date.js';
import { readingArgs, readingOf, type ReadingArgs } from './reading.js';
import { RelationKindEnum } from './enums.js';
import { ActorRef, RelationRef } from './refs.js';

const PathRef = builder.objectRef<Path>('Path').implement({
  description:
    'A walk from one actor to another: `actors` has `hops + 1` entries and `relations` `hops`, both in walk order.',
  fields: (t) => ({
    hops: t.int({ description: 'Number of relations walked.', resolve: (p) => p.relations.length }),
    actors: t.field({
      type: [ActorRef],
      description: 'The actors along the walk, from the start to the end.',
      resolve: (p, _, context) => loadActorsStrict(context, p.actorIds),
    }),
    relations: t.field({
      type: [RelationRef],
      description: 'The relations walked; relation i joins actors i and i + 1.',
      resolve: (p) => p.relations,
    }),
  }),
});

/** Validates the arguments shared by shortestPath and paths. */
async function pathQuery(
  context: GraphContext,
  args: ReadingArgs & {
    from: string;
    to: string;
    kinds?: ('FIGHTS' | 'SUPPORTS' | 'NEGOTIATES' | 'MEMBER_OF')[] | null;
    window?: { from?: string | null; to?: string | null } | null;
    maxHops?: number | null;
    directed?: boolean | null;
  },
  hops: Limit,
): Promise<PathQuery> {
  const maxHops = withinLimit(args.maxHops, hops, 'maxHops');
  const reading = readingOf(dateWindow(args.window, 'window'), args);
  if (args.from === args.to) throw badInput('to', 'from and to must be different actors');
  await requireActors(context, { from: args.from, to: args.to });
  return {
    from: args.from,
    to: args.to,
    kinds: args.kinds ?? null,
    reading,
    maxHops,
    directed: args.directed ?? false,
  };
}

const DIRECTED_DESCRIPTION =
  'When true, SUPPORTS and MEMBER_OF are walked only from `from` to `to` of the relation ' +
  '(supporter to supported); FIGHTS and NEGOTIATES are mutual and walked both ways. Default ' +
  'false: every relation both ways.';
const WINDOW_DESCRIPTION =
  'Walk only relations active in this window. The window, `openEnd` and `evidence` apply to every relation during ' +
  'the search, not to the paths found: a path with `evidence: { minPublishers: 2 }` walks well-sourced links only.';

builder.queryField('shortestPath', (t) =>
  t.field({
    type: PathRef,
    nullable: true,
    description:
      `A shortest path between two actors of at most \`maxHops\` relations (${LIMITS.shortestPathMaxHops.min} ` +
      `to ${LIMITS.shortestPathMaxHops.max}), or null when there is none. Among several shortest ` +
      `paths, the first in the order of \`paths\`.`,
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      kinds: t.arg({
        type: [RelationKindEnum],
        required: false,
        description: 'Walk only these kinds; all when omitted.',
      }),
      window: t.arg({ type: DateWindowInput, required: false, description: WINDOW_DESCRIPTION }),
      ...readingArgs,
      maxHops: t.arg.int({
        defaultValue: LIMITS.shortestPathMaxHops.default,
        description: `The longest path to look for, in relations. ${limitText(LIMITS.shortestPathMaxHops)}`,
      }),
      directed: t.arg.boolean({ defaultValue: false, description: DIRECTED_DESCRIPTION }),
    },
    resolve: async (_, args, context) =>
      context.store.shortestPath(await pathQuery(context, args, LIMITS.shortestPathMaxHops), {
        signal: context.deadline,
      }),
  }),
);

builder.queryField('paths', (t) =>
  t.field({
    type: [PathRef],
    description:
      `Simple paths (no actor twice) between two actors, of at most \`maxHops\` relations (${LIMITS.pathsMaxHops.min} ` +
      `to ${LIMITS.pathsMaxHops.max}), at most \`first\` of them (${LIMITS.pathsFirst.min} to ` +
      `${LIMITS.pathsFirst.max}). Order: fewer hops first, then by the actor ids along the path, ` +
      `then by the relation ids along it. With \`timeRespecting\`, each relation on a path starts ` +
      `no earlier than the one before it started (\`since\` never decreases along the path), ` +
      `so it overlaps or follows the previous one: the order in which support or hostility can ` +
      `actually travel.`,
    args: {
      from: t.arg.id({ required: true }),
      to: t.arg.id({ required: true }),
      kinds: t.arg({
        type: [RelationKindEnum],
        required: false,
        description: 'Walk only these kinds; all when omitted.',
      }),
      window: t.arg({ type: DateWindowInput, required: false, description: WINDOW_DESCRIPTION }),
      ...readingArgs,
      maxHops: t.arg.int({
        defaultValue: LIMITS.pathsMaxHops.default,
        description: `The longest path to return, in relations. ${limitText(LIMITS.pathsMaxHops)}`,
      }),
      timeRespecting: t.arg.boolean({
        defaultValue: false,
        description: 'Only paths whose relations start in date order (each `since` >= the previous one).',
      }),
      first: t.arg.int({
        defaultValue: LIMITS.pathsFirst.default,
        description: `How many paths. ${limitText(LIMITS.pathsFirst)}`,
      }),
      directed: t.arg.boolean({ defaultValue: false, description: DIRECTED_DESCRIPTION }),
    },
    resolve: async (_, args, context) => {
      const first = withinLimit(args.first, LIMITS.pathsFirst, 'first');
      const query = await pathQuery(context, args, LIMITS.pathsMaxHops);
      return context.store.paths(
        { ...query, timeRespecting: args.timeRespecting ?? false, first },
        { signal: context.deadline },
      );
    },
  }),
);
