import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../src/config.js';

const run = promisify(execFile);
const TSX = `${ROOT}node_modules/.bin/tsx`;

/** Runs `scripts/<script>.ts` as its npm script does (on the embedded store unless `env` says otherwise): its exit code and output. */
export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, STORE: 'memory', ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}
