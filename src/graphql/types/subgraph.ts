import type { Relation } from '../../domain/types.js';
import { loadActorsStrict } from '../context.js';
import { dateWindow, dayWindow } from '../../domain/dates.js';
import { LIMITS, limitText, MAX_GRAPH_EDGES, withinLimit } from '../../domain/limits.js';
import { endpoints, hopsFrom } from '../../domain/subgraph.js';
import { graphOver } from '../../service/graph-reads.js';
import { requireActors } from '../args.js';
import { builder } from '../builder.js';
import { DateWindowInput } from './date.js';
import { readingArgs, readingOf } from './reading.js';
import { RelationKindEnum } from './enums.js';
import { ActorRef, RelationRef } from './refs.js';

interface SubgraphShape {
  actorIds: string[];
  edges: Relation[];
  /** The actor a neighbourhood was walked from; null for `snapshot` and `graph`. */
  center: string | null;
}

interface SubgraphNodeShape {
  actorId: string;
  hops: number | null;
}

const SubgraphNodeRef = builder.objectRef<SubgraphNodeShape>('SubgraphNode').implement({
  description: 'A node of a subgraph with where it stands: how far it is from the centre of a neighbourhood.',
  fields: (t) => ({
    actor: t.field({
      type: ActorRef,
      description: 'The actor.',
      resolve: async (n, _, context) => (await loadActorsStrict(context, [n.actorId]))[0],
    }),
    hops: t.int({
      nullable: true,
      description:
        'How many relations away from the centre (`neighborhood(actor:)`) it is: 0 for the centre itself, 1 for ' +
        "its direct partners, and so on, counted over the subgraph's own edges in either direction. Null in a " +
        'subgraph with no centre (`graph`, `snapshot`).',
      resolve: (n) => n.hops,
    }),
  }),
});

const SubgraphRef = builder.objectRef<SubgraphShape>('Subgraph').implement({
  description:
    'A piece of the graph shaped for drawing: the actors (nodes, by id) and the relations among them (edges, oldest first). ' +
    'Each edge names its ends as `source` and `target` ids, as graph libraries expect.',
  fields: (t) => ({
    nodes: t.field({
      type: [ActorRef],
      description: 'The actors, by id.',
      resolve: (s, _, context) => loadActorsStrict(context, s.actorIds),
    }),
    nodesWithHops: t.field({
      type: [SubgraphNodeRef],
      description:
        'The same actors in the same order, each with `hops`: its distance from the centre of a neighbourhood ' +
        '(null outside one).',
      resolve: (s) => {
        const hops = s.center === null ? null : hopsFrom(s.center, s.edges);
        return s.actorIds.map((actorId) => ({ actorId, hops: hops?.get(actorId) ?? null }));
      },
    }),
    edges: t.field({ type: [RelationRef], resolve: (s) => s.edges }),
    nodeCount: t.int({ description: 'How many nodes (actors).', resolve: (s) => s.actorIds.length }),
    edgeCount: t.int({
      description: 'How many edges (relations); parallel relations between two actors each count.',
      resolve: (s) => s.edges.length,
    }),
  }),
});

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
      return { actorIds: endpoints(edges), edges, center: null };
    },
  }),
);

builder.queryField('graph', (t) =>
  t.field({
    type: SubgraphRef,
    description:
      'Every relation active at some point in the window (with the usual kinds, openEnd, evidence filters), and ' +
      `the actors they touch. At most ${MAX_GRAPH_EDGES} relations: a window holding more is LIMIT_EXCEEDED ` +
      '(`graph-size`); the exports under /export/ stream any window whole.',
    args: {
      window: t.arg({ type: DateWindowInput, required: true }),
      kinds: t.arg({ type: [RelationKindEnum], required: false }),
      ...readingArgs,
    },
    resolve: async (_, args, context) => {
      const reading = readingOf(dateWindow(args.window, 'window'), args);
      const sub = await graphOver(context.store, reading, args.kinds ?? null);
      return { actorIds: sub.actorIds, edges: sub.relations, center: null };
    },
  }),
);

builder.queryField('neighborhood', (t) =>
  t.field({
    type: SubgraphRef,
    description:
      `The actors within \`hops\` (${LIMITS.neighborhoodHops.min} to ${LIMITS.neighborhoodHops.max}) ` +
      `relations of one actor, walking relations in either direction that pass the filters, and ` +
      `every such relation among them. \`nodesWithHops\` tells how far each actor is from \`actor\`.`,
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
      return { actorIds: sub.actorIds, edges: sub.relations, center: args.actor };
    },
  }),
);
