/**
 * Where the launcher project (launcher/: a pom.xml and one Java class) lives, what its pom asks
 * for, and where builds, data and logs go (.neo4j/ at the repository root, git-ignored).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../src/config.js';

const LAUNCHER_DIR = path.join(ROOT, 'local-neo4j', 'launcher');
export const POM = path.join(LAUNCHER_DIR, 'pom.xml');
export const LAUNCHER_SOURCE = path.join(LAUNCHER_DIR, 'src', 'main', 'java', 'org', 'idlibgraph', 'LocalNeo4j.java');
export const MAIN_CLASS = 'org.idlibgraph.LocalNeo4j';

/** Local state, not source: kept when the code moves, so existing data and build caches survive. */
const STATE_DIR = path.join(ROOT, '.neo4j');
export const BUILD_ROOT = path.join(STATE_DIR, 'build');
export const DEFAULT_NEO4J_DATA_DIR = path.join(STATE_DIR, 'data');

export interface PomInfo {
  neo4jVersion: string;
  /** The oldest JDK the launcher runs on and is compiled for. */
  javaMin: number;
}

export async function readPom(): Promise<{ text: string; info: PomInfo }> {
  const text = await readFile(POM, 'utf8');
  const neo4jVersion = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(text)?.[1];
  const javaMin = /<java\.min\.version>\s*(\d+)\s*<\/java\.min\.version>/.exec(text)?.[1];
  if (!neo4jVersion || !javaMin) {
    throw new Error(`${POM}: expected <neo4j.version> and <java.min.version> properties`);
  }
  return { text, info: { neo4jVersion, javaMin: Number(javaMin) } };
}
