import { getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { sampleDates, STEPS, type Step } from '../domain/camps/alignment.js';
import { LIMITS, QUERY_COST, type Limit } from '../domain/limits.js';

type Args = Record<string, unknown>;

/**
 * What one field costs beyond the value itself (in `QUERY_COST` units: values in the answer).
 * `items` multiplies what the field's selection costs: the most items its list can hold (read from
 * its arguments, such as `first`), or an assumed size for a list no argument bounds. `work` adds the
 * store's work that leaves no value in the answer (a path search visits far more than it returns).
 */
export interface FieldCost {
  items?: number | ((args: Args) => number);
  work?: number | ((args: Args) => number);
}

/**
 * A list size as asked: a page far over its cap is refused as too costly before anything runs. A
 * value that is no size (negative, absent) counts as the cap; the resolver then refuses it by name.
 */
const size = (value: unknown, limit: Limit) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : limit.max;

/** A hop count, whose work grows exponentially: past its cap it counts as the cap, and the resolver refuses it by name. */
const hops = (value: unknown, limit: Limit) =>
  typeof value === 'number' && Number.isInteger(value) && value >= limit.min && value <= limit.max ? value : limit.max;

const { assumedList, assumedCitations, assumedPerHop } = QUERY_COST;

/**
 * The samples an `alignmentSeries` asks for. Arguments that are not valid, or ask for more samples
 * than its cap, count as one: the resolver then refuses them by name.
 */
function samples(a: Args): number {
  const max = LIMITS.alignmentSamples.max;
  const step = (a.step ?? 'MONTH') as Step;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (typeof a.from !== 'string' || typeof a.to !== 'string' || !date.test(a.from) || !STEPS.includes(step)) return 1;
  const count = sampleDates(a.from, a.to, step, max).length;
  return count >= 1 && count <= max ? count : 1;
}

/** Search work for paths of up to `maxHops`: the walks to rank grow with the branching at each hop. */
const pathSearchWork = (maxHops: number) => 100 * 2 ** maxHops;

/**
 * Every list field, and every field whose store work outweighs its answer, by `Type.field`. A field
 * not listed costs 1 plus its selection; a list not listed is taken to hold `QUERY_COST.assumedList`
 * items (a test checks that every list field of the schema is listed here). Add a line here with each
 * new list field or search.
 */
export const FIELD_COSTS: Record<string, FieldCost> = {
  'Query.actors': { items: (a) => size(a.first, LIMITS.actorsFirst) },
  'Query.relations': { items: (a) => size(a.first, LIMITS.relationsFirst) },
  'Query.paths': {
    // Each path holds at most maxHops + 1 actors and maxHops relations: `Path.actors` and `Path.relations` count 1.
    items: (a) => size(a.first, LIMITS.pathsFirst) * (hops(a.maxHops, LIMITS.pathsMaxHops) + 1),
    work: (a) => pathSearchWork(hops(a.maxHops, LIMITS.pathsMaxHops)),
  },
  'Query.shortestPath': {
    items: (a) => hops(a.maxHops, LIMITS.shortestPathMaxHops) + 1,
    work: (a) => 50 * hops(a.maxHops, LIMITS.shortestPathMaxHops),
  },
  'Path.actors': { items: 1 },
  'Path.relations': { items: 1 },
  'Query.neighborhood': {
    items: (a) => assumedPerHop * hops(a.hops, LIMITS.neighborhoodHops),
    work: (a) => 50 * hops(a.hops, LIMITS.neighborhoodHops),
  },
  'Query.snapshot': { items: assumedList },
  'Subgraph.nodes': { items: 1 },
  'Subgraph.edges': { items: 1 },
  'Query.alliances': { items: assumedList },
  'Query.timeline': { items: assumedList },
  'Query.changes': { items: assumedList },
  'Query.sources': { items: assumedList },
  'BalanceReport.unbalanced': { items: assumedList },
  'BalanceReport.ambivalentPairs': { items: assumedList },
  'Triad.actors': { items: 3 },
  'Triad.relations': { items: 6 },
  'AmbivalentPair.actors': { items: 2 },
  'AmbivalentPair.relations': { items: 6 },
  'Actor.relations': { items: assumedList },
  'Relation.citations': { items: assumedCitations },
  // Lists of scalars: one value each, whatever their length (the connection multiplies edges).
  'Actor.aliases': { items: 1 },
  'Relation.places': { items: 1 },
  'Evidence.claimants': { items: 1 },
  'ActorConnection.edges': { items: 1 },
  'RelationConnection.edges': { items: 1 },
  'GraphChange.actorIds': { items: 1 },
  'GraphChange.relationIds': { items: 1 },
  'GraphChange.citationIds': { items: 1 },
  'GraphChange.sourceIds': { items: 1 },
  'Subgraph.nodesWithHops': { items: 1 },
  // Camps: the solver's work, the camps of the day's actors, the relations that break them.
  'Query.blocs': { work: 500 },
  'Blocs.camps': { items: assumedList },
  'Blocs.frustrated': { items: assumedList },
  'Query.alignmentSeries': { items: samples, work: (a) => 200 * samples(a) },
  'Alignment.defections': { items: 5 },
  'Defection.relations': { items: 3 },
  'Query.reachable': {
    items: assumedList,
    work: (a) => pathSearchWork(hops(a.maxHops, LIMITS.reachableMaxHops)),
  },
  'Reach.relations': { items: (a) => hops(a.maxHops, LIMITS.reachableMaxHops) },
  // The edit history: a page of edits, each with its ids.
  'Query.history': { items: (a) => size(a.first, LIMITS.historyFirst) },
  'EditConnection.edges': { items: 1 },
  'Edit.actorIds': { items: 1 },
  'Edit.relationIds': { items: 1 },
  'Edit.citationIds': { items: 1 },
  'Edit.sourceIds': { items: 1 },
};

const valueOf = (cost: number | ((args: Args) => number) | undefined, args: Args) =>
  typeof cost === 'function' ? cost(args) : (cost ?? 0);

/** The table's estimator: 1 for the value, the work, and the selection times the items. */
const tableEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const entry = FIELD_COSTS[`${type.name}.${field.name}`];
  const items = entry ? valueOf(entry.items ?? 1, args) : isListType(getNullableType(field.type)) ? assumedList : 1;
  return 1 + valueOf(entry?.work, args) + items * childComplexity;
};

/**
 * A query's estimated cost (graphql-query-complexity walks the document with the variables; fragments
 * and aliases count each time they are used). Throws a GraphQLError when the variables do not fit.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    estimators: [tableEstimator],
  });
}
