import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PYTHON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../python');
export const REQUIREMENTS = join(PYTHON_DIR, 'requirements.txt');
export const READ_GRAPH = join(PYTHON_DIR, 'read_graph.py');

/**
 * The Python the export tests read files with: a virtual environment with tests/python/requirements.txt
 * from PyPI, kept outside the clone (under ~/.cache, or XDG_CACHE_HOME) and keyed by the requirements'
 * digest, so a second run (or CI after `.ci/run` made it) costs nothing and a changed pin makes a new one.
 */
export function pythonEnvDir(): string {
  const digest = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'idlib-actor-graph', `python-${digest}`);
}

/** Makes the environment when it is missing; answers its python, or throws saying why it cannot. */
export async function ensurePythonEnv(): Promise<string> {
  const dir = pythonEnvDir();
  const python = join(dir, 'bin', 'python');
  const ready = join(dir, '.ready');
  if (existsSync(ready)) return python;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  try {
    await run('python3', ['-m', 'venv', dir], { timeout: 120_000 });
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS], {
      timeout: 300_000,
    });
    await run('touch', [ready]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const e = error as { message: string; stderr?: string };
    throw new Error(
      `Could not make the Python environment for the export tests in ${dir}: ${e.stderr || e.message}\n` +
        'It needs python3 with venv (Debian: apt-get install python3-venv) and PyPI.',
    );
  }
  return python;
}

/** Runs tests/python/read_graph.py on a file with networkx; answers what it printed. */
export async function readWithNetworkx<T>(python: string, format: 'gexf' | 'graphml', file: string): Promise<T> {
  const { stdout } = await run(python, [READ_GRAPH, format, file], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}

// `npx tsx tests/support/python-env.ts` (.ci/run) makes the environment ahead of the tests.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensurePythonEnv().then(
    (python) => console.log(`Python for the export tests: ${python}`),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
