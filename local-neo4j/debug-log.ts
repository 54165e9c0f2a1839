import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The last warnings and errors of <dataDir>/logs/debug.log (else its last entries), one line each:
 * what a start failure's message shows.
 */
export async function debugLogTail(dataDir: string, max = 8): Promise<string> {
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
