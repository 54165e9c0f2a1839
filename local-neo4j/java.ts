/**
 * Finding a JDK recent enough for the Neo4j version in launcher/pom.xml, or saying in one
 * sentence what to install.
 */
import { readFile, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { readPom } from './launcher-project.js';
import { isExecutable, run } from './process.js';

interface JavaCandidate {
  home: string;
  version: number;
  hasJavac: boolean;
  origin: string;
}

/** Java feature version of a JDK/JRE home (from its `release` file, else `java -version`). */
async function javaVersion(home: string): Promise<number | null> {
  try {
    const release = await readFile(path.join(home, 'release'), 'utf8');
    const v = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (v) return parseFeature(v);
  } catch {
    // no release file: ask the binary
  }
  const res = await run(path.join(home, 'bin', 'java'), ['-version'], { timeout: 20_000 });
  const v = /version "([^"]+)"/.exec(res.stderr + res.stdout)?.[1];
  return v ? parseFeature(v) : null;
}

function parseFeature(v: string): number | null {
  const parts = v.split(/[.+_-]/);
  const first = Number(parts[0]);
  if (!Number.isFinite(first)) return null;
  return first === 1 ? Number(parts[1]) : first; // 1.8.0_x -> 8
}

async function candidateHomes(): Promise<Array<{ home: string; origin: string }>> {
  const out: Array<{ home: string; origin: string }> = [];
  if (process.env.JAVA_HOME) out.push({ home: process.env.JAVA_HOME, origin: 'JAVA_HOME' });
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const bin = path.join(dir, 'java');
    if (await isExecutable(bin)) {
      try {
        out.push({ home: path.dirname(path.dirname(await realpath(bin))), origin: 'PATH' });
      } catch {
        // dangling link
      }
      break;
    }
  }
  for (const root of ['/usr/lib/jvm', '/usr/java', '/opt/java', '/usr/local/lib/jvm']) {
    let names: string[];
    try {
      names = await readdir(root);
    } catch {
      continue;
    }
    for (const name of names.sort()) out.push({ home: path.join(root, name), origin: root });
  }
  return out;
}

async function inspect(home: string, origin: string): Promise<JavaCandidate | null> {
  let real: string;
  try {
    real = await realpath(home);
  } catch {
    return null;
  }
  if (!(await isExecutable(path.join(real, 'bin', 'java')))) return null;
  const version = await javaVersion(real);
  if (version === null) return null;
  return { home: real, version, hasJavac: await isExecutable(path.join(real, 'bin', 'javac')), origin };
}

/** What to install for a JDK >= min, as one sentence. */
async function installHint(min: number): Promise<string> {
  const pkgs = [25, 21, 17].filter((v) => v >= min).map((v) => `openjdk-${v}-jdk-headless`);
  const apt = await run('apt-cache', ['policy', ...pkgs], { timeout: 20_000 });
  if (apt.error) {
    return `Install a JDK ${min} or newer (e.g. Eclipse Temurin), or set NEO4J_JAVA_HOME to one.`;
  }
  // Blocks look like "openjdk-21-jdk-headless:\n  Installed: (none)\n  Candidate: 21.0.5+11-1\n".
  for (const pkg of pkgs) {
    const m = new RegExp(`^${pkg}:\\n(?:\\s+.*\\n)*?\\s+Candidate: (\\S+)`, 'm').exec(apt.stdout);
    if (m && m[1] !== '(none)') return `Install it: apt-get install ${pkg}`;
  }
  if (min <= 17) return 'Install it: apt-get update && apt-get install openjdk-17-jdk-headless';
  return (
    `Debian 12 has no openjdk-${min}+ package: install Eclipse Temurin ${min} or newer (temurin-25-jdk ` +
    `from Adoptium's apt repository; the project's machines ship it in /usr/lib/jvm/temurin-25-jdk-amd64), ` +
    `or set NEO4J_JAVA_HOME to a JDK ${min}+.`
  );
}

export type FoundJava = { javaHome: string; version: number } | { error: string };

let findJavaCache: Promise<FoundJava> | undefined;

/**
 * A JDK (java + javac) recent enough for the Neo4j version in launcher/pom.xml.
 * Order: NEO4J_JAVA_HOME (only that, if set), then JAVA_HOME and `java` on PATH if recent
 * enough, else the newest JDK under /usr/lib/jvm (and similar folders).
 */
export function findJava(): Promise<FoundJava> {
  findJavaCache ??= findJavaUncached();
  return findJavaCache;
}

async function findJavaUncached(): Promise<FoundJava> {
  const { info } = await readPom();
  const need = `Neo4j ${info.neo4jVersion} needs a JDK ${info.javaMin} or newer (java and javac)`;
  const ok = (c: JavaCandidate | null): boolean => !!c && c.hasJavac && c.version >= info.javaMin;

  const forced = process.env.NEO4J_JAVA_HOME;
  if (forced) {
    const c = await inspect(forced, 'NEO4J_JAVA_HOME');
    if (c && ok(c)) return { javaHome: c.home, version: c.version };
    const what = !c
      ? 'has no bin/java'
      : !c.hasJavac
        ? `is a Java ${c.version} runtime without javac`
        : `is Java ${c.version}`;
    return { error: `NEO4J_JAVA_HOME=${forced} ${what}; ${need}. ${await installHint(info.javaMin)}` };
  }

  const seen = new Map<string, JavaCandidate>();
  for (const { home, origin } of await candidateHomes()) {
    const c = await inspect(home, origin);
    if (c && !seen.has(c.home)) seen.set(c.home, c);
  }
  const all = [...seen.values()];
  const preferred = all.find((c) => (c.origin === 'JAVA_HOME' || c.origin === 'PATH') && ok(c));
  const best = preferred ?? all.filter(ok).sort((a, b) => b.version - a.version)[0];
  if (best) return { javaHome: best.home, version: best.version };

  const found = all.length
    ? `found only ${all.map((c) => `Java ${c.version}${c.hasJavac ? '' : ' (no javac)'} at ${c.home}`).join(', ')}`
    : 'found no Java at all';
  return { error: `${need}; ${found}. ${await installHint(info.javaMin)}` };
}
