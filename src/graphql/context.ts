import DataLoader from 'dataloader';
import type { Recorded } from '../domain/edits.js';
import type { Actor, Citation, Relation, RelationFilter } from '../domain/types.js';
import type { Notice } from '../service/notices.js';
import { WriteService } from '../service/write-service.js';
import type { GraphStore } from '../store/port.js';
import type { Access } from './auth.js';
import { createGraphEvents, type GraphEvents } from './events.js';

export interface Loaders {
  actor: DataLoader<string, Actor | null>;
  relation: DataLoader<string, Relation | null>;
  citations: DataLoader<string, Citation[]>;
  /** Who recorded each relation, and when (null for the seed data). */
  recorded: DataLoader<string, Recorded | null>;
  /** One loader per distinct filter, so actors asking the same question share one store call. */
  relationsOf(filter: RelationFilter): DataLoader<string, Relation[]>;
}

export interface GraphContext {
  store: GraphStore;
  /** Every mutation writes through it. */
  service: WriteService;
  loaders: Loaders;
  /** What the request's writes were told (merged ids used); returned in `extensions.notices`. */
  notices: Notice[];
  access: Access;
  /** The name of the request's token (never the token): the writer its writes are kept under. */
  writer: string | null;
  writesEnabled: boolean;
  events: GraphEvents;
  /** Who is asking, for per-client caps: a token, or an IP address (never the token itself). */
  client: string;
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
  /** Aborts at the request's deadline or when the client goes away: long store reads take it (src/http/deadline.ts sets it). */
  deadline?: AbortSignal;
  /** Overrides `MAX_CAMP_RELATIONS` (tests that reach the cap with a small graph). */
  maxCampRelations?: number;
}

export interface RequestInfo {
  access: Access;
  writer: string | null;
  writesEnabled: boolean;
  events: GraphEvents;
  client: string;
  signal?: AbortSignal;
  maxCampRelations?: number;
}

/** Made fresh for every request: loaders cache only within one request. */
export function createContext(
  store: GraphStore,
  info: RequestInfo = {
    access: 'none',
    writer: null,
    writesEnabled: false,
    events: createGraphEvents(),
    client: 'local',
  },
): GraphContext {
  // The service carries the writer's name with every write down to the store's edit.
  const service = new WriteService(store, info.writer === null ? {} : { by: info.writer });
  return { store, service, ...info, loaders: createLoaders(store), notices: [] };
}

/** Fresh loaders; after a write the request's context gets new ones, so nothing stale is served. */
export function createLoaders(store: GraphStore): Loaders {
  const byFilter = new Map<string, DataLoader<string, Relation[]>>();
  return {
    actor: new DataLoader((ids) => store.actorsByIds(ids)),
    relation: new DataLoader((ids) => store.relationsByIds(ids)),
    citations: new DataLoader((ids) => store.citationsOfRelations(ids)),
    recorded: new DataLoader((ids) => store.relationsRecorded(ids)),
    relationsOf(filter) {
      const key = JSON.stringify([filter.kinds ? [...filter.kinds].sort() : null, filter.reading, filter.direction]);
      let loader = byFilter.get(key);
      if (!loader) byFilter.set(key, (loader = new DataLoader((ids) => store.relationsOfActors(ids, filter))));
      return loader;
    },
  };
}

/** Actors that must exist (path and triad members, subgraph nodes): a miss is a store fault. */
export async function loadActorsStrict(context: GraphContext, ids: readonly string[]): Promise<Actor[]> {
  const actors = await context.loaders.actor.loadMany(ids);
  return actors.map((actor, i) => {
    if (!actor || actor instanceof Error) throw new Error(`actor ${ids[i]} is missing from the store`);
    return actor;
  });
}
