import { createPubSub } from 'graphql-yoga';
import type { WriteResult } from '../domain/commands.js';

/** What one write changed, as the `graphChanged` subscription tells it. */
export interface GraphChangeEvent extends WriteResult {
  operation: string;
  at: string;
}

/** One event bus per app: every acknowledged write through the API is published on it. */
export const createGraphEvents = () => createPubSub<{ graphChanged: [GraphChangeEvent] }>();

export type GraphEvents = ReturnType<typeof createGraphEvents>;
