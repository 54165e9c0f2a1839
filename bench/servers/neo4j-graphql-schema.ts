/**
 * Type definitions for @neo4j/graphql (v7) over the same graph our Neo4j store reads.
 *
 * How our graph maps onto its model:
 * - `(:Actor)` nodes are `Actor @node`.
 * - Each relation kind is a relationship type; @neo4j/graphql gives every field one type and one
 *   direction, so each kind is two fields (`fightsOut`, `fightsIn`, ...: 8 in all) sharing the
 *   `@relationshipProperties` type `RelationProps`. A client wanting "all relations of an actor"
 *   asks for the 8 connections and merges them; mutual kinds come back split by stored direction.
 * - Citations are `(:Citation {relationId})` nodes keyed by the relation's id, not linked to the
 *   relationship (a relationship cannot have relationships), so `RelationProps.citations` is a
 *   `@cypher` field that looks them up by `this.id` (the `citation_relation` index serves it);
 *   each citation's article is its `source` relationship (`FROM_SOURCE`).
 * - What it cannot express natively (a page over all relationships, neighbourhoods, shortest and
 *   time-respecting paths) are `@cypher` query fields. The path fields run the project's own
 *   `shortest-path.cypher` and `paths.cypher` text (bounds fixed at the benchmark's maxHops)
 *   wrapped in a subquery; the month page runs `relations-page.cypher`; the neighbourhood is one
 *   hand-written statement, as a user of the library would write it (with the project's
 *   in-reading fragment for its filter, read ONGOING with no evidence condition).
 */
import { cypher, inReading, withMaxHops } from '../../src/store/neo4j/statements.js';
import { CAPS } from '../workloads.js';

const KINDS = [
  ['fights', 'FIGHTS'],
  ['supports', 'SUPPORTS'],
  ['negotiates', 'NEGOTIATES'],
  ['memberOf', 'MEMBER_OF'],
] as const;

const relationFields = KINDS.flatMap(([field, type]) => [
  `  ${field}Out: [Actor!]! @relationship(type: "${type}", direction: OUT, properties: "RelationProps")`,
  `  ${field}In: [Actor!]! @relationship(type: "${type}", direction: IN, properties: "RelationProps")`,
]).join('\n');

/** GraphQL block strings end at `"""`, which Cypher never contains; escape backslashes only. */
const block = (text: string) => text.replace(/\\/g, '\\\\');

const NEIGHBORHOOD = `
MATCH (a:Actor {id: $actor})
CALL (a) {
  OPTIONAL MATCH (a)-[r]-(b:Actor) WHERE ${inReading('r')}
  RETURN collect(DISTINCT b) AS ring1
}
CALL (ring1) {
  UNWIND ring1 AS b
  MATCH (b)-[r]-(c:Actor) WHERE ${inReading('r')}
  RETURN collect(DISTINCT c) AS ring2
}
UNWIND [a] + ring1 + ring2 AS n
WITH DISTINCT n ORDER BY n.id
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS x
  MATCH (x)-[r]->(y:Actor) WHERE ${inReading('r')} AND y IN nodes
  WITH r, x, y ORDER BY r.since, r.id
  RETURN collect(r {.*, kind: type(r), from: x.id, to: y.id}) AS edges
}
RETURN {nodes: [n IN nodes | n {.id, .name, .kind}], edges: edges} AS subgraph`;

const pathStatement = (text: string) => `
CALL () {
${text}
}
RETURN {
  hops: size(relations),
  actors: COLLECT { UNWIND actorIds AS actorId MATCH (n:Actor {id: actorId}) RETURN n {.id, .name} },
  relations: relations
} AS path`;

/**
 * `paths.cypher` as Cypher 5 can run it: @neo4j/graphql 7 starts every query with `CYPHER 5`, where
 * `allReduce` (Cypher 25) does not exist, so the simple-path and time-respecting rules are checked
 * on each complete path instead of during the expansion (what our statement did before Cypher 25).
 * Throws if the statement's shape changed, so the comparison never runs on a query it did not mean.
 */
function asCypher5Paths(text: string): string {
  const pruned = /^WHERE allReduce\(seen[\s\S]*?last\.ok\)\n/m;
  if (!/^CYPHER 25\n/m.test(text) || !pruned.test(text))
    throw new Error('paths.cypher changed shape: update asCypher5Paths in bench/servers/neo4j-graphql-schema.ts');
  return text.replace(/^CYPHER 25\n/m, '').replace(
    pruned,
    `WITH p, nodes(p) AS ns, relationships(p) AS rs
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
  AND (NOT $timeRespecting OR all(i IN range(1, size(rs) - 1) WHERE rs[i].since >= rs[i - 1].since))
`,
  );
}

const MONTH_PAGE = `
CALL () {
${cypher('relations-page')}
}
MATCH (x:Actor {id: relation.from}), (y:Actor {id: relation.to})
RETURN relation {.*, from: x {.id, .name}, to: y {.id, .name}} AS row
ORDER BY relation.since, relation.id`;

export const typeDefs = `
type Actor @node {
  id: ID!
  name: String!
  kind: String!
  aliases: [String!]!
  description: String
${relationFields}
}

type RelationProps @relationshipProperties {
  id: ID!
  since: Date!
  until: Date
  precision: String!
  summary: String!
  places: [String!]!
  citations: [Citation!]! @cypher(statement: "MATCH (c:Citation) WHERE c.relationId = this.id RETURN c ORDER BY c.id", columnName: "c")
}

type Citation @node {
  id: ID!
  relationId: String!
  claimant: String
  claimantActorId: String
  source: [Source!]! @relationship(type: "FROM_SOURCE", direction: OUT)
}

type Source @node {
  id: ID!
  title: String!
  publisher: String
  published: Date!
  publishedApproximate: Boolean!
}

type ActorBrief { id: ID! name: String kind: String }
type RelationRow { id: ID! kind: String! since: Date! until: Date summary: String from: ActorBrief! to: ActorBrief! }
type EdgeRow { id: ID! kind: String! since: Date! until: Date from: ID! to: ID! }
type PathRow { hops: Int! actors: [ActorBrief!]! relations: [EdgeRow!]! }
type SubgraphRow { nodes: [ActorBrief!]! edges: [EdgeRow!]! }

type Query {
  relationsPage(windowFrom: String!, windowTo: String!, limit: Int!, kinds: [String!] = null, seekSinceMin: String! = "0000-01-01", seekSinceMax: String!, afterSince: String = null, afterId: String = null, openEnd: String! = "ONGOING", minSources: Int! = 0, minPublishers: Int! = 0, statedOnly: Boolean! = false, excludeDisputed: Boolean! = false, graded: Boolean! = false, minReliability: String! = "F"): [RelationRow!]!
    @cypher(statement: """${block(MONTH_PAGE)}""", columnName: "row")
  neighborhood2(actor: ID!, windowFrom: String!, windowTo: String!, openEnd: String! = "ONGOING", minSources: Int! = 0, minPublishers: Int! = 0, statedOnly: Boolean! = false, excludeDisputed: Boolean! = false, graded: Boolean! = false, minReliability: String! = "F"): SubgraphRow
    @cypher(statement: """${block(NEIGHBORHOOD)}""", columnName: "subgraph")
  shortestPath(source: ID!, target: ID!, windowFrom: String, windowTo: String, kinds: [String!] = null, directed: Boolean! = false, mutualKinds: [String!]! = ["FIGHTS", "NEGOTIATES"], openEnd: String! = "ONGOING", minSources: Int! = 0, minPublishers: Int! = 0, statedOnly: Boolean! = false, excludeDisputed: Boolean! = false, graded: Boolean! = false, minReliability: String! = "F"): PathRow
    @cypher(statement: """${block(pathStatement(withMaxHops('shortest-path', CAPS.shortestMaxHops)))}""", columnName: "path")
  timePaths(source: ID!, target: ID!, windowFrom: String, windowTo: String, first: Int!, kinds: [String!] = null, directed: Boolean! = false, timeRespecting: Boolean! = true, mutualKinds: [String!]! = ["FIGHTS", "NEGOTIATES"], openEnd: String! = "ONGOING", minSources: Int! = 0, minPublishers: Int! = 0, statedOnly: Boolean! = false, excludeDisputed: Boolean! = false, graded: Boolean! = false, minReliability: String! = "F"): [PathRow!]!
    @cypher(statement: """${block(pathStatement(asCypher5Paths(withMaxHops('paths', CAPS.pathsMaxHops))))}""", columnName: "path")
}
`;
