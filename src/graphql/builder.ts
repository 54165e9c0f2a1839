import SchemaBuilder from '@pothos/core';
import type { GraphContext } from './context.js';

/** The one Pothos builder. Types are defined in `types/`, one file each. */
export const builder = new SchemaBuilder<{
  Context: GraphContext;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    Date: { Input: string; Output: string };
  };
}>({
  defaultFieldNullability: false,
});

builder.queryType({
  description: 'Read the conflict graph: actors, their dated relations, and views of it through time.',
});
builder.mutationType({
  description:
    'Change the graph. Every mutation needs `Authorization: Bearer <token>` (a token from API_TOKEN) and is atomic: all of it or nothing.',
});
builder.subscriptionType({ description: 'Live updates, over server-sent events.' });
