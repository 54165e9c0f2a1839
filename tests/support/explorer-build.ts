import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../src/config.js';

const EXPLORER = join(ROOT, 'explorer');
const DIST_INDEX = join(EXPLORER, 'dist', 'index.html');

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds explorer/dist (the explorer and GraphiQL's parts) when it is missing or older than its sources. */
export async function ensureExplorerBuilt(): Promise<void> {
  const sources = Math.max(
    newestChange(join(EXPLORER, 'src')),
    newestChange(join(EXPLORER, 'index.html')),
    newestChange(join(EXPLORER, 'vite.config.ts')),
    // The API's caps are written into the bundle at build time, and GraphiQL's parts come from here.
    newestChange(join(ROOT, 'src', 'domain', 'limits.ts')),
    newestChange(join(ROOT, 'src', 'http', 'graphiql-page.ts')),
  );
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= sources) return;
  await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'explorer/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT },
  );
}
