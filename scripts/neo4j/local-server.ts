/**
 * Local Neo4j Community server for development and tests.
 *
 * Neo4j comes from Maven Central (org.neo4j:neo4j, see neo4j/pom.xml) and runs as the embedded
 * DBMS with its Bolt connector (neo4j/src/main/java/org/idlibgraph/LocalNeo4j.java), listening
 * on 127.0.0.1 only, with user `neo4j` / password `idlib-local-password`.
 *
 * Maven runs only when neo4j/pom.xml or the Java source changed: the resolved classpath and the
 * compiled launcher are cached under .neo4j/build/<hash>/ (git-ignored); the jars stay in Maven's
 * own cache (~/.m2, or NEO4J_MAVEN_REPO). Data and logs go to .neo4j/data/ by default.
 *
 * Environment: NEO4J_JAVA_HOME (JDK to use), NEO4J_MAVEN_REPO (Maven local repository).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1 (default 7687; 0 picks a free one, see `uri`). */
  port?: number;
  /** Neo4j home: databases in `<dataDir>/data`, logs in `<dataDir>/logs` (default .neo4j/data). */
  dataDir?: string;
  /** Progress messages and the Java process's stderr, line by line (default: process.stderr). */
  log?: (line: string) => void;
  /** Aborting stops a server that is still starting (the promise then rejects). */
  signal?: AbortSignal;
  /** Page cache in MiB (default 256): size it to the store for a large graph. */
  pageCacheMb?: number;
}

export interface LocalNeo4j {
  /** e.g. bolt://127.0.0.1:7687 */
  uri: string;
  /** pid of the Java process */
  pid: number;
  /** SIGTERM, then wait until the process has exited (SIGKILL after 60 s). Idempotent. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null if killed by a signal) once the Java process has exited. */
  exited: Promise<number | null>;
}

export const LOCAL_NEO4J_USER = 'neo4j';
export const LOCAL_NEO4J_PASSWORD = 'idlib-local-password';
export const DEFAULT_NEO4J_PORT = 7687;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_NEO4J_DATA_DIR = path.join(REPO_ROOT, '.neo4j', 'data');

const POM = path.join(REPO_ROOT, 'neo4j', 'pom.xml');
const SOURCE = path.join(REPO_ROOT, 'neo4j', 'src', 'main', 'java', 'org', 'idlibgraph', 'LocalNeo4j.java');
const BUILD_ROOT = path.join(REPO_ROOT, '.neo4j', 'build');
const MAIN_CLASS = 'org.idlibgraph.LocalNeo4j';
const READY_RE = /^Neo4j ready at (bolt:\/\/\S+)\s*$/;
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

/** JVM settings for a 2-core dev box (the page cache is the launcher's: 256 MiB unless `pageCacheMb`). */
const JVM_OPTIONS = [
  '-Xms128m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  // What Neo4j's own launcher opens up (page cache and native file access).
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

const defaultLog = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface PomInfo {
  neo4jVersion: string;
  javaMin: number;
}

async function readPom(): Promise<{ text: string; info: PomInfo }> {
  const text = await readFile(POM, 'utf8');
  const neo4jVersion = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(text)?.[1];
  const javaMin = /<java\.min\.version>\s*(\d+)\s*<\/java\.min\.version>/.exec(text)?.[1];
  if (!neo4jVersion || !javaMin) {
    throw new Error(`${POM}: expected <neo4j.version> and <java.min.version> properties`);
  }
  return { text, info: { neo4jVersion, javaMin: Number(javaMin) } };
}

interface JavaCandidate {
  home: string;
  version: number;
  hasJavac: boolean;
  origin: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function run(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: options.env ?? process.env, timeout: options.timeout ?? 0, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          error: err ?? undefined,
        });
      },
    );
  });
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

let findJavaCache: Promise<{ javaHome: string; version: number } | { error: string }> | undefined;

/**
 * A JDK (java + javac) recent enough for the Neo4j version in neo4j/pom.xml.
 * Order: NEO4J_JAVA_HOME (only that, if set), then JAVA_HOME and `java` on PATH if recent
 * enough, else the newest JDK under /usr/lib/jvm (and similar folders).
 */
export function findJava(): Promise<{ javaHome: string; version: number } | { error: string }> {
  findJavaCache ??= findJavaUncached();
  return findJavaCache;
}

async function findJavaUncached(): Promise<{ javaHome: string; version: number } | { error: string }> {
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

interface Build {
  dir: string;
  classpath: string;
  javaBin: string;
  javaVersion: number;
}

async function classpathComplete(file: string): Promise<string | null> {
  let cp: string;
  try {
    cp = (await readFile(file, 'utf8')).trim();
  } catch {
    return null;
  }
  const entries = cp.split(path.delimiter).filter(Boolean);
  if (entries.length === 0) return null;
  // A wiped or moved Maven repository invalidates the cached classpath.
  const present = await Promise.all(
    entries.map((e) =>
      stat(e).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean) ? cp : null;
}

function tail(text: string, lines: number): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

async function build(log: (line: string) => void): Promise<Build> {
  const java = await findJava();
  if ('error' in java) throw new Error(java.error);
  const javaBin = path.join(java.javaHome, 'bin', 'java');
  const { text: pomText, info } = await readPom();
  const source = await readFile(SOURCE, 'utf8');
  const mavenRepo = process.env.NEO4J_MAVEN_REPO ? path.resolve(process.env.NEO4J_MAVEN_REPO) : '';
  const key = createHash('sha256').update(`${pomText}\0${source}\0${mavenRepo}`).digest('hex').slice(0, 16);
  const dir = path.join(BUILD_ROOT, key);
  // A jar, not a classes folder: the class-data sharing archive accepts only jars on the classpath.
  const launcherJar = path.join(dir, 'local-neo4j.jar');

  const complete = async (): Promise<string | null> => {
    const cp = await classpathComplete(path.join(dir, 'classpath.txt'));
    return cp && (await stat(launcherJar).catch(() => null)) ? `${launcherJar}${path.delimiter}${cp}` : null;
  };
  const cached = await complete();
  if (cached) return { dir, classpath: cached, javaBin, javaVersion: java.version };

  log(`Fetching Neo4j ${info.neo4jVersion} from Maven Central (first run only)...`);
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(path.join(tmp, 'classes'), { recursive: true });
  try {
    const cpFile = path.join(tmp, 'classpath.txt');
    const mvnArgs = ['-B', '-q', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`];
    if (mavenRepo) mvnArgs.push(`-Dmaven.repo.local=${mavenRepo}`);
    const mvn = await run('mvn', mvnArgs);
    if (mvn.error) {
      if (mvn.error.code === 'ENOENT') throw new Error('Maven (mvn) is not installed: apt-get install maven');
      throw new Error(`mvn ${mvnArgs.join(' ')} failed:\n${tail(mvn.stdout + mvn.stderr, 30)}`);
    }
    const cp = (await readFile(cpFile, 'utf8')).trim();

    const tmpClasses = path.join(tmp, 'classes');
    const javac = await run(path.join(java.javaHome, 'bin', 'javac'), [
      '--release',
      String(info.javaMin),
      '-encoding',
      'UTF-8',
      '-nowarn',
      '-cp',
      cp,
      '-d',
      tmpClasses,
      SOURCE,
    ]);
    if (javac.error) throw new Error(`javac failed on ${SOURCE}:\n${tail(javac.stdout + javac.stderr, 30)}`);
    const jar = await run(path.join(java.javaHome, 'bin', 'jar'), [
      'cf',
      path.join(tmp, 'local-neo4j.jar'),
      '-C',
      tmpClasses,
      '.',
    ]);
    if (jar.error) throw new Error(`jar failed:\n${tail(jar.stdout + jar.stderr, 30)}`);
    await rm(tmpClasses, { recursive: true, force: true });
    await writeFile(
      path.join(tmp, 'build.json'),
      `${JSON.stringify({ neo4jVersion: info.neo4jVersion, javaHome: java.javaHome, mavenRepo: mavenRepo || '~/.m2' }, null, 2)}\n`,
    );

    // Unless another process finished the same build meanwhile (then use theirs), move ours in.
    if (!(await complete())) {
      await rm(dir, { recursive: true, force: true });
      try {
        await rename(tmp, dir);
      } catch (e) {
        if (!(await complete())) throw e;
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  // Drop builds of older pom/source versions (not fresh ones: another checkout may still run one).
  for (const name of await readdir(BUILD_ROOT)) {
    const other = path.join(BUILD_ROOT, name);
    const age = Date.now() - ((await stat(other).catch(() => null))?.mtimeMs ?? Date.now());
    if (name !== key && age > 3_600_000) await rm(other, { recursive: true, force: true });
  }
  const classpath = await complete();
  if (!classpath) throw new Error(`Neo4j build in ${dir} is incomplete`);
  return { dir, classpath, javaBin, javaVersion: java.version };
}

/** Resolve Neo4j with Maven and compile the launcher, once (cached in .neo4j/build/). */
export async function prepareLocalNeo4j(
  log: (line: string) => void = defaultLog,
): Promise<{ classpath: string; javaBin: string }> {
  const b = await build(log);
  return { classpath: b.classpath, javaBin: b.javaBin };
}

/** Archives left half-written by a JVM whose Node parent died (older than an hour). */
async function removeStaleTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.includes('.tmp-')) continue;
    const file = path.join(dir, name);
    const mtime = (await stat(file).catch(() => null))?.mtimeMs ?? Date.now();
    if (Date.now() - mtime > 3_600_000) await rm(file, { force: true });
  }
}

/** Identifies a JVM build (a class-data sharing archive only fits the JVM that wrote it). */
async function jvmId(javaBin: string): Promise<string> {
  const home = path.dirname(path.dirname(javaBin));
  const release = await readFile(path.join(home, 'release'), 'utf8').catch(() => '');
  const mtime = (await stat(javaBin).catch(() => null))?.mtimeMs ?? 0;
  return createHash('sha256').update(`${home}\0${release}\0${mtime}`).digest('hex').slice(0, 8);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The last warnings and errors of <dataDir>/logs/debug.log (else its last entries), one line each. */
async function debugLogTail(dataDir: string, max = 8): Promise<string> {
  const file = path.join(dataDir, 'logs', 'debug.log');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `(no ${file})`;
  }
  const entries = text
    .trim()
    .split('\n')
    .slice(-200)
    .map((l) => {
      try {
        const j = JSON.parse(l) as { time?: string; level?: string; message?: string };
        return {
          level: j.level ?? '',
          line: `${j.time ?? ''} ${j.level ?? ''} ${(j.message ?? '').replace(/\s+/g, ' ')}`,
        };
      } catch {
        return { level: '', line: l };
      }
    });
  const problems = entries.filter((e) => e.level === 'WARN' || e.level === 'ERROR');
  const shown = (problems.length ? problems : entries).slice(-max);
  const lines = shown.map((e) => (e.line.length > 300 ? `${e.line.slice(0, 300)}...` : e.line));
  return `${problems.length ? 'last warnings/errors' : 'last lines'} in ${file}:\n${lines.join('\n')}`;
}

/**
 * Start Neo4j on 127.0.0.1 and resolve once it accepts Bolt connections. Rejects with the reason
 * (and the tail of its log) if Java exits first or it is not ready within 120 s.
 */
export async function startLocalNeo4j(opts: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = opts.log ?? defaultLog;
  const port = opts.port ?? DEFAULT_NEO4J_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const dataDir = path.resolve(opts.dataDir ?? DEFAULT_NEO4J_DATA_DIR);
  opts.signal?.throwIfAborted();

  if (port !== 0 && (await portInUse(port))) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already in use (another Neo4j?); stop it or pick another port (--port, NEO4J_LOCAL_PORT)`,
    );
  }
  const b = await build(log);
  opts.signal?.throwIfAborted();
  await mkdir(dataDir, { recursive: true });

  const jvm = [...JVM_OPTIONS];
  if (b.javaVersion >= 23) jvm.push('--sun-misc-unsafe-memory-access=allow'); // Netty, JCTools
  // Class-data sharing: the first run that stops cleanly writes an archive of the loaded classes
  // (~130 MB in .neo4j/build/), which cuts later starts from ~5.5 s to ~3.7 s. Written to a
  // temporary name and renamed on exit, so concurrent servers cannot tear it.
  const cds = path.join(b.dir, `app-cds-${await jvmId(b.javaBin)}.jsa`);
  const cdsTmp = `${cds}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const haveCds = !!(await stat(cds).catch(() => null));
  jvm.push(
    haveCds ? `-XX:SharedArchiveFile=${cds}` : `-XX:ArchiveClassesAtExit=${cdsTmp}`,
    '-Xlog:cds=off',
    '-Xlog:cds+dynamic=off',
  );
  await removeStaleTemporaries(b.dir);
  const args = [
    ...jvm,
    MAIN_CLASS,
    '--data-dir',
    dataDir,
    '--port',
    String(port),
    '--password',
    LOCAL_NEO4J_PASSWORD,
    '--stop-on-stdin-eof',
    ...(opts.pageCacheMb !== undefined ? ['--page-cache-mb', String(opts.pageCacheMb)] : []),
  ];
  // Classpath through the environment keeps the command line short (ps, pgrep -f LocalNeo4j).
  const child = spawn(b.javaBin, args, {
    cwd: dataDir,
    env: { ...process.env, CLASSPATH: b.classpath },
    stdio: ['pipe', 'pipe', 'pipe'],
  });

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      const settle = haveCds ? Promise.resolve() : code === 0 ? rename(cdsTmp, cds) : rm(cdsTmp, { force: true });
      void settle.catch(() => rm(cdsTmp, { force: true }).catch(() => undefined)).finally(() => resolve(code));
    });
    child.once('error', () => {
      exitCode ??= null;
      resolve(null);
    });
  });
  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    log(line);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const uri = await new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (err: Error | null, value?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value!);
    };
    const fail = async (reason: string): Promise<void> => {
      if (done) return;
      const relevant = stderrTail.filter((l) => l.startsWith('LocalNeo4j:'));
      const stderr = (relevant.length ? relevant : stderrTail.slice(-10)).join('\n');
      finish(new Error(`${reason}${stderr ? `\n${stderr}` : ''}\n${await debugLogTail(dataDir)}`));
    };
    const onAbort = (): void => {
      void stop();
      finish(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      void stop();
      void fail(`Neo4j was not ready within ${READY_TIMEOUT_MS / 1000} s (stopped it)`);
    }, READY_TIMEOUT_MS);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => void fail(`could not start ${b.javaBin}: ${e.message}`));
    void exited.then((code) => fail(`Neo4j exited (code ${code}) before it was ready`));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = READY_RE.exec(line);
      if (m) finish(null, m[1]);
      else log(line);
    });
  });

  return { uri, pid: child.pid!, stop, exited };
}
