import type { Relation } from '../../domain/types.js';
import { loadActorsStrict } from '../context.js';
import { dateWindow, dayWindow } from '../../domain/dates.js';
import { LIMITS, limitText, withinLimit } from '../../domain/limits.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { DateWindowInput } from './date.js';
import { readingArgs, readingOf } from './reading.js';
import { RelationKindEnum } from './enums.js';
import { ActorRef, RelationRef } from './refs.js';

interface SubgraphShape {
  actorIds: string[];
  edges: Relation[];
}

const SubgraphRef = builder.objectRef<SubgraphShape>('Subgraph').implement({
  description:
    'A piece of the graph shaped for drawing: the actors (nodes, by id) and the relations among them (edges, oldest first).',
  fields: (t) => ({
    nodes: t.field({
      type: [ActorRef],
      resolve: (s, _, context) => loadActorsStrict(context, s.actorIds),
    }),
    edges: t.field({ type: [RelationRef], resolve: (s) => s.edges }),
  }),
});

/** The actors a set of relations touches, sorted by id. */
const endpoints = (relations: Relation[]) => [...new Set(relations.flatMap((r) => [r.from, r.to]))].sort();

builder.queryField('snapshot', (t) =>
  t.field({
    type: SubgraphRef,
    description: 'The graph as it stood on one day: every relation active that day and the actors it touches.',
    args: {
      at: t.arg({ type: 'Date', required: true }),
      kinds: t.arg({ type: [RelationKindEnum], required: false }),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const reading = readingOf(dayWindow(args.at), args);
      const edges = await context.store.activeRelations(reading, args.kinds ?? null, null);
      return { actorIds: endpoints(edges), edges };
    },
  }),
);

builder.queryField('neighborhood', (t) =>
  t.field({
    type: SubgraphRef,
    description:
      `The actors within \`hops\` (${LIMITS.neighborhoodHops.min} to ${LIMITS.neighborhoodHops.max}) ` +
      `relations of one actor, walking relations in either direction that pass the filters, and ` +
      `every such relation among them.`,
    args: {
      actor: t.arg.id({ required: true }),
      hops: t.arg.int({
        defaultValue: LIMITS.neighborhoodHops.default,
        description: `How far to reach, in relations. ${limitText(LIMITS.neighborhoodHops)}`,
      }),
      kinds: t.arg({ type: [RelationKindEnum], required: false }),
      window: t.arg({ type: DateWindowInput, required: false }),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const hops = withinLimit(args.hops, LIMITS.neighborhoodHops, 'hops');
      const reading = readingOf(dateWindow(args.window, 'window'), args);
      await requireActors(context, { actor: args.actor });
      const sub = await context.store.neighborhood(args.actor, hops, args.kinds ?? null, reading, {
        signal: context.deadline,
      });
      return { actorIds: sub.actorIds, edges: sub.relations };
    },
  }),
);
