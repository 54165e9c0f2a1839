import type { Actor, Citation, Relation } from '../../domain/types.js';
import { builder } from '../builder.js';

/** Object refs declared apart from their fields, so types that point at each other can import them. */
export const ActorRef = builder.objectRef<Actor>('Actor');
export const RelationRef = builder.objectRef<Relation>('Relation');
export const CitationRef = builder.objectRef<Citation>('Citation');
