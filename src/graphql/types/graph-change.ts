import { GraphQLError } from 'graphql';
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
    by: t.exposeString('by', {
      description:
        'Who wrote it: the name of the write token (`API_TOKEN` entry `name:token`), as the history keeps it.',
    }),
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
      'One event per acknowledged write made through this server, over server-sent events (`Accept: text/event-stream`). ' +
      'A subscriber that falls too far behind gets a last event with a LIMIT_EXCEEDED error and the stream ends; ' +
      'too many subscriptions are refused with LIMIT_EXCEEDED (HTTP 429 for one client, 503 for the server).',
    subscribe: (_, __, context) => context.events.subscribe(context.client, context.signal),
    // The subscription's last item, when the server ends it, is the error that says why.
    resolve: (item) => {
      if (item instanceof GraphQLError) throw item;
      return item;
    },
  }),
);
