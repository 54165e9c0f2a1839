import { builder } from '../builder.js';
import type { GraphChangeEvent } from '../events.js';

const GraphChangeRef = builder.objectRef<GraphChangeEvent>('GraphChange').implement({
  description:
    'What one acknowledged write changed. Refetch the listed ids (or the current view) to update a front end.',
  fields: (t) => ({
    operation: t.exposeString('operation', {
      description: 'The mutation: createActor, recordRelation, mergeActors, ...',
    }),
    at: t.exposeString('at', { description: 'When the server acknowledged it (ISO 8601 timestamp).' }),
    actorIds: t.exposeIDList('actorIds', { description: 'Actors created, changed, or whose relations changed.' }),
    relationIds: t.exposeIDList('relationIds', {
      description: 'Relations recorded, closed, retracted, moved, or whose citations changed.',
    }),
    citationIds: t.exposeIDList('citationIds', { description: 'Citations added or removed.' }),
    sourceIds: t.exposeIDList('sourceIds', { description: 'Sources added.' }),
  }),
});

builder.subscriptionField('graphChanged', (t) =>
  t.field({
    type: GraphChangeRef,
    description:
      'One event per acknowledged write made through this server, over server-sent events (`Accept: text/event-stream`).',
    subscribe: (_, __, context) => context.events.subscribe('graphChanged'),
    resolve: (event) => event,
  }),
);
