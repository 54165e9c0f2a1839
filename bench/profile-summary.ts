/**
 * Summarises a V8 CPU profile written by `npm run bench -- --profile <target>` (node --cpu-prof):
 * where the server's CPU went, by package (graphql, graphql-yoga, neo4j-driver, our src/, ...)
 * and by function, self time only, idle excluded.
 *
 *   npx tsx bench/profile-summary.ts bench/results/profiles/<run>/<file>.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package a script belongs to: the folder after the last node_modules/, or our own tree. */
export function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /\/(src|bench|scripts)\/(.*)$/.exec(url);
  if (own) return own[1] === 'src' ? `src/${own[2].split('/').slice(0, -1).join('/') || '.'}` : own[1];
  return url;
}

export function summarize(profile: Profile): {
  totalMs: number;
  byPackage: [string, number][];
  byFunction: [string, number][];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    totalMs += ms;
    const special = name.startsWith('(') ? name : null;
    const pkg = special ?? packageOf(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const fn = special ?? `${name} (${pkg}:${node.callFrame.lineNumber + 1})`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, byPackage: sorted(byPackage), byFunction: sorted(byFunction) };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top]');
    process.exit(2);
  }
  const top = Number(topArg ?? 25);
  const { totalMs, byPackage, byFunction } = summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  console.log(`busy CPU ${(totalMs / 1000).toFixed(1)} s (idle excluded)\n\nby package (self time):`);
  for (const [name, ms] of byPackage.slice(0, top)) console.log(`  ${pct(ms)}  ${name}`);
  console.log('\nby function (self time):');
  for (const [name, ms] of byFunction.slice(0, top)) console.log(`  ${pct(ms)}  ${name}`);
}
