import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '../../src/store/neo4j/neo4j-store.js';
import { applySchema, seedDataset } from '../../src/store/neo4j/seed.js';
import {
  cypher,
  STATEMENT_NAMES,
  withHops,
  readingParams,
  withMaxHops,
  type StatementName,
} from '../../src/store/neo4j/statements.js';
import { dateWindow } from '../../src/domain/dates.js';
import { graphReading } from '../../src/domain/reading.js';
import { ringDataset } from '../support/build.js';
import { neo4jSettings } from '../support/neo4j.js';

const settings = neo4jSettings();

/** Parameters that make every planned statement plannable (EXPLAIN runs nothing). */
const PARAMS = {
  ids: ['a000'],
  kinds: null,
  ...readingParams(graphReading(dateWindow({ from: '2017-01-01', to: '2018-01-01' }))),
  changedFrom: '2017-01-01',
  changedTo: '2018-01-01',
  direction: 'ANY',
  mutualKinds: ['FIGHTS', 'NEGOTIATES'],
  search: null,
  afterId: null,
  afterSince: null,
  seekSinceMin: '0000-01-01',
  seekSinceMax: '2018-01-01',
  limit: neo4j.int(10),
  actorId: 'a000',
  a: 'a000',
  b: 'a001',
  source: 'a000',
  target: 'a005',
  directed: false,
  timeRespecting: false,
  first: neo4j.int(10),
  // set-relation-evidence, the one write planned here (EXPLAIN writes nothing).
  relations: [
    {
      id: 'r-a000-a001',
      from: 'a000',
      to: 'a001',
      lastReported: '2018-01-01',
      sources: neo4j.int(1),
      publishers: neo4j.int(1),
      stated: false,
      claimants: [],
      selfReported: false,
      disputed: false,
      reliability: 'F',
    },
  ],
};

type Plan = { operatorType: string; arguments?: { Details?: string }; children: Plan[] };
const isRepeat = (plan: Plan) => plan.operatorType.startsWith('Repeat');
/**
 * The details of every Filter operator of a plan outside a quantified path's per-step plan (a
 * `Repeat`'s second child): predicates tested after, not during, an expand.
 */
const filters = (plan: Plan): string[] => [
  ...(plan.operatorType.startsWith('Filter') ? [String(plan.arguments?.Details ?? '')] : []),
  ...(isRepeat(plan) ? plan.children.slice(0, 1) : plan.children).flatMap(filters),
];
/** The details of the Filters a quantified path tests at each step of its expansion. */
const stepFilters = (plan: Plan): string[] =>
  isRepeat(plan)
    ? plan.children.slice(1).flatMap(function all(p: Plan): string[] {
        return [
          ...(p.operatorType.startsWith('Filter') ? [String(p.arguments?.Details ?? '')] : []),
          ...p.children.flatMap(all),
        ];
      })
    : plan.children.flatMap(stepFilters);
const operators = (plan: Plan): string[] => [
  plan.operatorType.replace(/@.*$/, ''),
  ...plan.children.flatMap(operators),
];

/** The operators a statement's header promises: `// Expected plan (...): A, B(C), D.` */
function expectedOperators(text: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith('// Expected plan'));
  return line
    ? line
        .replace(/^[^:]*:\s*/, '')
        .replace(/\.$/, '')
        .split(/,\s*(?![^()]*\))/)
    : []; // commas inside an operator's parentheses do not split
}

/** A statement's text as the store runs it; hop-bounded ones with a bound below their limit. */
const textOf = (name: StatementName) =>
  name === 'shortest-path' || name === 'paths'
    ? withMaxHops(name, 3)
    : name === 'neighborhood'
      ? withHops(2)
      : cypher(name);

const planned = STATEMENT_NAMES.filter((name) => expectedOperators(textOf(name)).length > 0);

describe.skipIf(!settings)('Cypher plans match what each statement promises', () => {
  const driver = createDriver(settings!);
  beforeAll(async () => {
    await applySchema(driver, settings!.database);
    // Enough relations that the planner prefers indexes to scans, as it will in production.
    await seedDataset(driver, settings!.database, ringDataset(400), { reset: true });
    // Plan on fresh statistics: right after a load, the planner may still count zero actors and
    // pick any plan. This resamples the indexes, waits, and clears cached plans.
    await driver.executeQuery('CALL db.prepareForReplanning()', {}, { database: settings!.database });
  });
  afterAll(() => driver.close());

  it('promises a plan for every read statement', () => {
    expect(planned.length).toBeGreaterThanOrEqual(12);
  });

  it.each(planned)('%s', async (name: StatementName) => {
    const text = textOf(name);
    const { summary } = await driver.executeQuery(`EXPLAIN ${text}`, PARAMS, { database: settings!.database });
    const used = operators(summary.plan as unknown as Plan);
    for (const operator of expectedOperators(text))
      expect(used, `${name} plan: ${used.join(' < ')}`).toContain(operator);
  });

  // A path search applies the reading while it expands: a Filter testing a relation's dates or
  // evidence above the expand would enumerate every path first (an unbounded search).
  it.each(['shortest-path', 'paths'] as const)('%s tests the reading inside the search', async (name) => {
    const { summary } = await driver.executeQuery(`EXPLAIN ${textOf(name)}`, PARAMS, { database: settings!.database });
    for (const details of filters(summary.plan as unknown as Plan))
      expect(details, `${name}: a Filter tests relations`).not.toMatch(/evidence|lastReported|\$window|\$openEnd/);
  });

  // The simple-path and time-respecting rules of `paths` are `allReduce` terms the planner
  // evaluates at each step (Cypher 25): a path that revisits an actor or goes back in time is
  // dropped as soon as it does, not enumerated to its end.
  it('paths prunes repeated actors and backward steps during the expansion', async () => {
    const { summary } = await driver.executeQuery(`EXPLAIN ${textOf('paths')}`, PARAMS, {
      database: settings!.database,
    });
    const plan = summary.plan as unknown as Plan;
    const steps = stepFilters(plan).join(' AND ');
    expect(steps, 'per-step filter of the Repeat').toContain('seen.ok');
    expect(steps, 'per-step filter of the Repeat').toContain('last.ok');
    for (const details of filters(plan)) expect(details).not.toMatch(/seen|last\.|since/);
  });
});
