/**
 * Resolving Neo4j with Maven and compiling the launcher, once per pom/source version: the class
 * path and the launcher jar are cached under .neo4j/build/<hash>/; the jars themselves stay in
 * Maven's own cache (~/.m2, or NEO4J_MAVEN_REPO).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findJava } from './java.js';
import { BUILD_ROOT, LAUNCHER_SOURCE, POM, readPom } from './launcher-project.js';
import { run, tail } from './process.js';

export interface LauncherBuild {
  /** .neo4j/build/<hash>: the launcher jar, the class path file and the class-data sharing archives. */
  dir: string;
  /** The launcher jar and Neo4j's jars. */
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

/** The cached build for the current pom and launcher source, built first if there is none. */
export async function buildLauncher(log: (line: string) => void): Promise<LauncherBuild> {
  const java = await findJava();
  if ('error' in java) throw new Error(java.error);
  const javaBin = path.join(java.javaHome, 'bin', 'java');
  const { text: pomText, info } = await readPom();
  const source = await readFile(LAUNCHER_SOURCE, 'utf8');
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
      LAUNCHER_SOURCE,
    ]);
    if (javac.error) throw new Error(`javac failed on ${LAUNCHER_SOURCE}:\n${tail(javac.stdout + javac.stderr, 30)}`);
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
