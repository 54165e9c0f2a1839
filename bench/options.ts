/** The benchmark runner's command line (`npm run bench -- --help`). */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../src/config.js';
import { isSizeName, SIZES, type SizeName } from './sizes.js';
import { TARGETS, WORKLOADS, type TargetName } from './workloads.js';

const DEFAULTS: Record<SizeName, { duration: number; warmup: number; neo4jWarmup: number }> = {
  small: { duration: 3, warmup: 1, neo4jWarmup: 1 },
  medium: { duration: 10, warmup: 3, neo4jWarmup: 6 },
  large: { duration: 10, warmup: 3, neo4jWarmup: 8 },
};

export const USAGE = `usage: npm run bench -- --size small|medium|large [options]
  --seed N                 dataset and argument seed (default 20261121)
  --duration S             measured seconds per workload and target (default: small 3, medium/large 10)
  --warmup S               warm-up seconds before each measured run (default: small 1, medium/large 3)
  --neo4j-warmup S         a first pass warms Neo4j and every server up for 3 x S seconds per target (default: small 1, medium 6, large 8)
  --connections C          concurrent connections (default 8)
  --only w1,w2             workloads: ${WORKLOADS.join(', ')}
  --targets t1,t2          targets: ${TARGETS.join(', ')}
  --pool N                 argument sets drawn per workload (default 128)
  --batch-size N           Neo4j load batch size (default 10000)
  --tx-timeout-ms N        transaction timeout of every Neo4j query (default 10000)
  --reuse-neo4j            skip the Neo4j load when the server already holds this size and seed
  --clear-neo4j            allow clearing a NEO4J_URI graph the benchmark did not load
  --profile target         run that target's server with --cpu-prof (profiles in bench/results/profiles/)
  --out DIR                results folder (default bench/results)`;

/** A bad command line: the message, then the usage. */
class UsageError extends Error {}

/** The command line, checked; `--help` prints the usage and exits. */
export function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '20261121' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'neo4j-warmup': { type: 'string' },
      connections: { type: 'string', default: '8' },
      only: { type: 'string' },
      targets: { type: 'string' },
      pool: { type: 'string', default: '128' },
      'batch-size': { type: 'string', default: '10000' },
      'tx-timeout-ms': { type: 'string', default: '10000' },
      'reuse-neo4j': { type: 'boolean', default: false },
      'clear-neo4j': { type: 'boolean', default: false },
      profile: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const size = values.size!;
  if (!isSizeName(size)) throw new UsageError(`--size must be one of ${Object.keys(SIZES).join(', ')}; got ${size}`);
  const int = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}; got ${value}`);
    return n;
  };
  const list = <T extends string>(name: string, value: string | undefined, all: readonly T[]): T[] => {
    if (value === undefined) return [...all];
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = items.filter((i) => !all.includes(i as T));
    if (unknown.length || !items.length)
      throw new UsageError(`--${name}: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${all.join(', ')}`);
    return all.filter((a) => items.includes(a));
  };
  const profile = values.profile;
  if (profile !== undefined && !TARGETS.includes(profile as TargetName))
    throw new UsageError(`--profile must be one of ${TARGETS.join(', ')}`);
  return {
    size,
    seed: int('seed', values.seed, 0),
    duration: int('duration', values.duration ?? String(DEFAULTS[size].duration), 1),
    warmup: int('warmup', values.warmup ?? String(DEFAULTS[size].warmup), 0),
    neo4jWarmup: int('neo4j-warmup', values['neo4j-warmup'] ?? String(DEFAULTS[size].neo4jWarmup), 0),
    connections: int('connections', values.connections, 1),
    workloads: list('only', values.only, WORKLOADS),
    targets: list('targets', values.targets, TARGETS),
    pool: int('pool', values.pool, 1),
    batchSize: int('batch-size', values['batch-size'], 1),
    txTimeoutMs: int('tx-timeout-ms', values['tx-timeout-ms'], 1),
    reuseNeo4j: values['reuse-neo4j']!,
    clearNeo4j: values['clear-neo4j']!,
    profile: profile as TargetName | undefined,
    out: values.out!,
  };
}

export type Options = ReturnType<typeof parseOptions>;
