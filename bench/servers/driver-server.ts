/**
 * Target `driver`: the floor for any API over this database. A bare node:http handler per
 * workload (`POST /<workload>` with the arguments as JSON) that sends, through neo4j-driver, the
 * same statements (the project's `cypher/` files, same parameters) that our Neo4j store sends for
 * that GraphQL request, in the same order and with the same batching: where our DataLoaders
 * dispatch two batches in one tick, it runs the two queries concurrently too. No GraphQL, no
 * DataLoader, no validation beyond what the statements need; results are mapped to plain JSON
 * with the store's own mapping functions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import neo4j, { Neo4jError } from 'neo4j-driver';
import { MUTUAL_KINDS } from '../../src/domain/relation-kinds.js';
import type { Actor, Relation } from '../../src/domain/types.js';
import { compareIds, compareRelations } from '../../src/domain/order.js';
import { int, toActor, toCitation, toPath, toRelations, type PathRow } from '../../src/store/neo4j/mapping.js';
import {
  cypher,
  seekSince,
  readingParams,
  withHops,
  withMaxHops,
  type StatementName,
} from '../../src/store/neo4j/statements.js';
import { ALL_TIME, dateWindow } from '../../src/domain/dates.js';
import { graphReading } from '../../src/domain/reading.js';
import type { DateWindow } from '../../src/domain/types.js';
import { CAPS, type ApiOnlyWorkload, type ArgsOf, type LeafWorkload } from '../workloads.js';
import { countingDriver, neo4jSettingsFromEnv, readJson, serve } from './common.js';

const settings = neo4jSettingsFromEnv();
const driver = countingDriver(settings);
await driver.verifyConnectivity({ database: settings.database });

const mutualKinds = [...MUTUAL_KINDS];

type Row = Record<string, unknown>;
/** Reads as our store makes them: one auto-commit query each (RUN and PULL in one write). */
async function read<T = Row>(name: StatementName, params: Record<string, unknown>, text = cypher(name)): Promise<T[]> {
  const session = driver.session({ database: settings.database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(text, params, { timeout: settings.txTimeoutMs });
    return result.records.map((record) => record.toObject() as T);
  } finally {
    await session.close();
  }
}

class HandlerError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const unique = (ids: Iterable<string>) => [...new Set(ids)];

/** actors-by-ids for the ids a DataLoader would still miss (it already holds `known`). */
async function actorsById(ids: Iterable<string>, known: Map<string, Actor> = new Map()): Promise<Map<string, Actor>> {
  const missing = unique(ids).filter((id) => !known.has(id));
  const byId = new Map(known);
  if (missing.length === 0) return byId;
  for (const row of await read<{ actor: Row }>('actors-by-ids', { ids: missing }))
    byId.set(String(row.actor.id), toActor(row.actor));
  return byId;
}

/** `requireActors`: the existence check our resolvers make first. */
async function requireActors(ids: string[]): Promise<Map<string, Actor>> {
  const byId = await actorsById(ids);
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw new HandlerError(`unknown actor ${missing.join(', ')}`, 'NOT_FOUND');
  return byId;
}

const relationsOfActors = async (ids: readonly string[], window: DateWindow) => {
  const rows = await read<{ actorId: string; relation: Row }>('relations-of-actors', {
    ids: unique(ids),
    kinds: null,
    ...readingParams(graphReading(window)),
    direction: 'ANY',
    mutualKinds,
  });
  const byActor = new Map<string, Relation[]>();
  for (const row of rows) {
    const list = byActor.get(row.actorId) ?? [];
    list.push(...toRelations([row.relation]));
    byActor.set(row.actorId, list);
  }
  return ids.map((id) => byActor.get(id) ?? []);
};

const brief = (a: Actor | undefined) => a && { id: a.id, name: a.name };

const pathParams = (args: ArgsOf['shortestPath']) => ({
  source: args.from,
  target: args.to,
  kinds: null,
  ...readingParams(graphReading(dateWindow({ from: args.windowFrom, to: args.windowTo }))),
  directed: false,
  mutualKinds,
});

// The `API_ONLY` workloads have no driver handler: only our API answers them.
const handlers: { [K in Exclude<LeafWorkload, ApiOnlyWorkload>]: (args: ArgsOf[K]) => Promise<unknown> } = {
  async nested({ id }) {
    const root = await actorsById([id]);
    const actor = root.get(id);
    if (!actor) return { actor: null };
    const [relations] = await relationsOfActors([id], ALL_TIME);
    const relationIds = unique(relations.map((r) => r.id));
    // Our resolvers ask for both ends and the citations in one tick: two batches, concurrently.
    const [actors, citationRows] = await Promise.all([
      actorsById(
        relations.flatMap((r) => [r.from, r.to]),
        root,
      ),
      relationIds.length
        ? read<{ citation: Row }>('citations-of-relations', { ids: relationIds })
        : Promise.resolve([]),
    ]);
    const citations = new Map<string, ReturnType<typeof toCitation>[]>();
    for (const row of citationRows) {
      const c = toCitation(row.citation);
      const list = citations.get(c.relationId) ?? [];
      list.push(c);
      citations.set(c.relationId, list);
    }
    const end = (a: Actor | undefined) => a && { id: a.id, name: a.name, kind: a.kind };
    return {
      actor: {
        id: actor.id,
        name: actor.name,
        kind: actor.kind,
        relations: relations.map((r) => ({
          id: r.id,
          kind: r.kind,
          since: r.since,
          until: r.until,
          from: end(actors.get(r.from)),
          to: end(actors.get(r.to)),
          citations: (citations.get(r.id) ?? []).map((c) => ({
            id: c.id,
            title: c.title,
            publisher: c.publisher,
            published: c.published,
            claimant: c.claimant,
          })),
        })),
      },
    };
  },

  async actorWindow({ id, from, to }) {
    const known = await requireActors([id]);
    const rows = await read<{ relation: Row }>('relations-page-of-actor', {
      kinds: null,
      ...readingParams(graphReading(dateWindow({ from, to }))),
      afterSince: null,
      afterId: null,
      limit: int(CAPS.page + 1),
      actorId: id,
    });
    const relations = toRelations(rows.map((row) => row.relation));
    const page = relations.slice(0, CAPS.page);
    const actors = await actorsById(
      page.flatMap((r) => [r.from, r.to]),
      known,
    );
    return {
      edges: page.map((r) => ({
        node: {
          id: r.id,
          kind: r.kind,
          since: r.since,
          until: r.until,
          summary: r.summary,
          from: brief(actors.get(r.from)),
          to: brief(actors.get(r.to)),
        },
      })),
      pageInfo: { hasNextPage: relations.length > CAPS.page, endCursor: page.at(-1)?.id ?? null },
    };
  },

  async monthPage({ from, to }) {
    const window = dateWindow({ from, to });
    const rows = await read<{ relation: Row }>('relations-page', {
      kinds: null,
      ...readingParams(graphReading(window)),
      ...seekSince(null, window),
      afterSince: null,
      afterId: null,
      limit: int(CAPS.page + 1),
    });
    const relations = toRelations(rows.map((row) => row.relation));
    const page = relations.slice(0, CAPS.page);
    const actors = await actorsById(page.flatMap((r) => [r.from, r.to]));
    return {
      edges: page.map((r) => ({
        node: {
          id: r.id,
          kind: r.kind,
          since: r.since,
          until: r.until,
          from: brief(actors.get(r.from)),
          to: brief(actors.get(r.to)),
        },
      })),
      pageInfo: { hasNextPage: relations.length > CAPS.page, endCursor: page.at(-1)?.id ?? null },
    };
  },

  async neighborhood({ id, from, to }) {
    const known = await requireActors([id]);
    // The statement our Neo4j store runs: the whole neighbourhood in one round trip.
    const [row] = await read<{ actorIds: string[]; relations: Row[] }>(
      'neighborhood',
      { actorId: id, kinds: null, ...readingParams(graphReading(dateWindow({ from, to }))) },
      withHops(CAPS.neighborhoodHops),
    );
    const sub = {
      actorIds: [...row.actorIds].sort(compareIds),
      relations: toRelations(row.relations).sort(compareRelations),
    };
    const actors = await actorsById(sub.actorIds, known);
    return {
      nodes: sub.actorIds.map((a) => {
        const actor = actors.get(a)!;
        return { id: actor.id, name: actor.name, kind: actor.kind };
      }),
      edges: sub.relations.map((r) => ({
        id: r.id,
        kind: r.kind,
        since: r.since,
        until: r.until,
        from: { id: r.from },
        to: { id: r.to },
      })),
    };
  },

  async shortestPath(args) {
    const known = await requireActors([args.from, args.to]);
    const rows = await read<PathRow>(
      'shortest-path',
      pathParams(args),
      withMaxHops('shortest-path', CAPS.shortestMaxHops),
    );
    const path = rows.length ? toPath(rows[0]) : null;
    if (!path) return { shortestPath: null };
    const actors = await actorsById(path.actorIds, known);
    return {
      shortestPath: {
        hops: path.relations.length,
        actors: path.actorIds.map((a) => brief(actors.get(a))),
        relations: path.relations.map((r) => ({ id: r.id, kind: r.kind, since: r.since, until: r.until })),
      },
    };
  },

  shortestPathUnreachable(args) {
    return handlers.shortestPath(args);
  },

  async timePaths(args) {
    const known = await requireActors([args.from, args.to]);
    const rows = await read<PathRow>(
      'paths',
      { ...pathParams(args), timeRespecting: true, first: int(CAPS.pathsFirst) },
      withMaxHops('paths', CAPS.pathsMaxHops),
    );
    const paths = rows.flatMap((row) => toPath(row) ?? []);
    await actorsById(
      paths.flatMap((p) => p.actorIds),
      known,
    );
    return {
      paths: paths.map((p) => ({
        hops: p.relations.length,
        actors: p.actorIds.map((a) => ({ id: a })),
        relations: p.relations.map((r) => ({ id: r.id, kind: r.kind, since: r.since, until: r.until })),
      })),
    };
  },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const name = (req.url ?? '').slice(1) as keyof typeof handlers;
  const handler = handlers[name] as ((args: unknown) => Promise<unknown>) | undefined;
  if (req.method !== 'POST' || !handler)
    return send(res, 404, { errors: [{ message: `no handler for ${req.method} ${req.url}` }] });
  try {
    send(res, 200, { data: await handler(await readJson(req)) });
  } catch (error) {
    const code =
      error instanceof HandlerError
        ? error.code
        : error instanceof Neo4jError && /TransactionTimedOut|TransactionTimeout/.test(error.code)
          ? 'QUERY_TIMEOUT'
          : 'INTERNAL';
    send(res, code === 'NOT_FOUND' ? 404 : 500, {
      errors: [{ message: (error as Error).message, extensions: { code } }],
    });
  }
}

serve(
  (req, res) => void handle(req, res),
  { target: 'driver' },
  () => driver.close(),
);
