/**
 * The HTTP request each target gets for a drawn argument set: our GraphQL API (the `api` and
 * `embedded` targets, and one GET of our exports), the @neo4j/graphql schema
 * (servers/neo4j-graphql-schema.ts), and a path + JSON body for the bare-driver handlers
 * (servers/driver-server.ts).
 */
import {
  CAPS,
  isApiOnly,
  type ApiOnlyWorkload,
  type ArgsOf,
  type LeafWorkload,
  type PoolEntry,
  type TargetName,
} from './workloads.js';

// ---------------------------------------------------------------------------------------------
// Our GraphQL API (the `api` and `embedded` targets)

/** The reading of `graphMonth`, `exportMonth`, `blocs` and `alignmentSeries`, as GraphQL arguments. */
const GRAPH_FILTERS = `kinds: [${CAPS.graphKinds.join(', ')}], evidence: { minPublishers: ${CAPS.graphMinPublishers} }`;

/** Every workload but the export, which is a GET (`exportPath`). */
const API_QUERIES: Record<Exclude<LeafWorkload, 'exportMonth'>, string> = {
  nested: `query Nested($id: ID!) {
  actor(id: $id) {
    id name kind
    relations {
      id kind since until
      from { id name kind }
      to { id name kind }
      citations { id title publisher published claimant }
    }
  }
}`,
  actorWindow: `query ActorWindow($id: ID!, $from: Date!, $to: Date!) {
  relations(actor: $id, window: { from: $from, to: $to }, first: ${CAPS.page}) {
    edges { node { id kind since until summary from { id name } to { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  monthPage: `query MonthPage($from: Date!, $to: Date!) {
  relations(window: { from: $from, to: $to }, first: ${CAPS.page}) {
    edges { node { id kind since until from { id name } to { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  neighborhood: `query Neighborhood($id: ID!, $from: Date!, $to: Date!) {
  neighborhood(actor: $id, hops: ${CAPS.neighborhoodHops}, window: { from: $from, to: $to }) {
    nodes { id name kind }
    edges { id kind since until from { id } to { id } }
  }
}`,
  shortestPath: `query ShortestPath($from: ID!, $to: ID!, $windowFrom: Date!, $windowTo: Date!) {
  shortestPath(from: $from, to: $to, window: { from: $windowFrom, to: $windowTo }, maxHops: ${CAPS.shortestMaxHops}) {
    hops
    actors { id name }
    relations { id kind since until }
  }
}`,
  shortestPathUnreachable: '',
  timePaths: `query TimePaths($from: ID!, $to: ID!, $windowFrom: Date!, $windowTo: Date!) {
  paths(from: $from, to: $to, window: { from: $windowFrom, to: $windowTo }, timeRespecting: true, maxHops: ${CAPS.pathsMaxHops}, first: ${CAPS.pathsFirst}) {
    hops
    actors { id }
    relations { id kind since until }
  }
}`,
  blocs: `query Blocs($at: Date!) {
  blocs(at: $at, ${GRAPH_FILTERS}) { at frustration optimal camps { id } frustrated { id } }
}`,
  alignmentSeries: `query AlignmentSeries($from: Date!, $to: Date!) {
  alignmentSeries(from: $from, to: $to, step: MONTH, ${GRAPH_FILTERS}) {
    at balance { triads balanced } blocs { frustration optimal camps { id } } defections { actor { id } fromCamp toCamp }
  }
}`,
  graphMonth: `query GraphMonth($from: Date!, $to: Date!) {
  graph(window: { from: $from, to: $to }, ${GRAPH_FILTERS}) {
    nodeCount edgeCount
    nodes { id name kind }
    edges { id kind since until source target }
  }
}`,
  reachable: `query Reachable($from: ID!, $windowFrom: Date!, $windowTo: Date!) {
  reachable(from: $from, window: { from: $windowFrom, to: $windowTo }, maxHops: ${CAPS.reachableMaxHops}) {
    actor { id } at hops relations { id }
  }
}`,
  evidencePaths: `query EvidencePaths($from: ID!, $to: ID!, $windowFrom: Date!, $windowTo: Date!) {
  paths(from: $from, to: $to, window: { from: $windowFrom, to: $windowTo }, evidence: { minPublishers: ${CAPS.evidenceMinPublishers} }, maxHops: ${CAPS.pathsMaxHops}, first: ${CAPS.pathsFirst}) {
    hops
    actors { id }
    relations { id kind since until }
  }
}`,
};

/** `exportMonth`: the GEXF export of a month, filtered as `graphMonth` (docs/exports.md). */
const exportPath = ({ from, to }: ArgsOf['exportMonth']) =>
  `/export/graph.gexf?${new URLSearchParams({
    from,
    to,
    kinds: CAPS.graphKinds.join(','),
    minPublishers: String(CAPS.graphMinPublishers),
  })}`;
API_QUERIES.shortestPathUnreachable = API_QUERIES.shortestPath;

// ---------------------------------------------------------------------------------------------
// @neo4j/graphql (the `neo4j-graphql` target; its schema is servers/neo4j-graphql-schema.ts)

/** Our 4 kinds, each read both ways: @neo4j/graphql has one field per type and direction. */
const NG_RELATION_FIELDS = [
  'fightsOut',
  'fightsIn',
  'supportsOut',
  'supportsIn',
  'negotiatesOut',
  'negotiatesIn',
  'memberOfOut',
  'memberOfIn',
] as const;

const ngConnections = (args: string, selection: string) =>
  NG_RELATION_FIELDS.map((f) => `    ${f}: ${f}Connection${args} { edges { ${selection} } }`).join('\n');

const NG_WINDOW = 'where: { edge: { since: { lte: $to }, OR: [{ until: { eq: null } }, { until: { gte: $from } }] } }';
const NG_SORT = 'sort: [{ edge: { since: ASC } }, { edge: { id: ASC } }]';

/** Only our API answers the `API_ONLY` workloads. */
const NG_QUERIES: Record<Exclude<LeafWorkload, ApiOnlyWorkload>, string> = {
  nested: `query Nested($id: ID!) {
  actors(where: { id: { eq: $id } }) {
    id name kind
${ngConnections(`(${NG_SORT})`, 'properties { id since until citations { id claimant source { title publisher published } } } node { id name kind }')}
  }
}`,
  actorWindow: `query ActorWindow($id: ID!, $from: Date!, $to: Date!) {
  actors(where: { id: { eq: $id } }) {
    id
${ngConnections(`(first: ${CAPS.page}, ${NG_SORT}, ${NG_WINDOW})`, 'properties { id since until summary } node { id name }')}
  }
}`,
  monthPage: `query MonthPage($from: String!, $to: String!) {
  relationsPage(windowFrom: $from, windowTo: $to, seekSinceMax: $to, limit: ${CAPS.page + 1}) { id kind since until from { id name } to { id name } }
}`,
  neighborhood: `query Neighborhood($id: ID!, $from: String!, $to: String!) {
  neighborhood2(actor: $id, windowFrom: $from, windowTo: $to) { nodes { id name kind } edges { id kind since until from to } }
}`,
  shortestPath: `query ShortestPath($from: ID!, $to: ID!, $windowFrom: String!, $windowTo: String!) {
  shortestPath(source: $from, target: $to, windowFrom: $windowFrom, windowTo: $windowTo) { hops actors { id name } relations { id kind since until } }
}`,
  shortestPathUnreachable: '',
  timePaths: `query TimePaths($from: ID!, $to: ID!, $windowFrom: String!, $windowTo: String!) {
  timePaths(source: $from, target: $to, windowFrom: $windowFrom, windowTo: $windowTo, first: ${CAPS.pathsFirst}) { hops actors { id } relations { id kind since until } }
}`,
};
NG_QUERIES.shortestPathUnreachable = NG_QUERIES.shortestPath;

// ---------------------------------------------------------------------------------------------
// Requests

/** A POST carries a JSON body; a GET (an export) none. Only HTTP 200 counts as answered. */
export type BenchRequest = { method: 'POST'; path: string; body: string } | { method: 'GET'; path: string };

const post = (path: string, body: unknown): BenchRequest => ({ method: 'POST', path, body: JSON.stringify(body) });

/** The HTTP request a target gets for one pool entry. */
export function requestFor(target: TargetName, entry: PoolEntry): BenchRequest {
  switch (target) {
    case 'api':
    case 'embedded':
      if (entry.workload === 'exportMonth') return { method: 'GET', path: exportPath(entry.args) };
      return post('/graphql', { query: API_QUERIES[entry.workload], variables: entry.args });
    case 'neo4j-graphql':
    case 'driver': {
      const { workload, args } = entry;
      if (isApiOnly(workload)) throw new Error(`${workload} runs on our API only (API_ONLY): no ${target} request`);
      return target === 'driver'
        ? post(`/${workload}`, args)
        : post('/graphql', { query: NG_QUERIES[workload], variables: args });
    }
  }
}
