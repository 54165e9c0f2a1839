import { readFile } from 'node:fs/promises';

/** Parent pid of a process (Linux /proc), or null. */
async function parentOf(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Calls onGone once any ancestor process has exited. `npm run` / `npx` (npm 11) exit on a
 * SIGTERM sent to their own pid without passing it on, which would leave this process and Java
 * running; an exited ancestor shows up as a changed parent pid somewhere up the chain.
 * Does nothing where there is no /proc (not Linux).
 */
export async function watchAncestors(onGone: () => void): Promise<void> {
  const chain: number[] = [process.ppid];
  while (chain.length < 32) {
    const parent = await parentOf(chain[chain.length - 1]);
    if (parent === null || parent <= 1) break;
    chain.push(parent);
  }
  if (chain.length < 2 && (await parentOf(process.pid)) === null) return;
  const timer = setInterval(() => {
    void (async () => {
      let intact = process.ppid === chain[0];
      for (let i = 0; intact && i + 1 < chain.length; i++) intact = (await parentOf(chain[i])) === chain[i + 1];
      if (!intact) {
        clearInterval(timer);
        onGone();
      }
    })();
  }, 1000);
  timer.unref();
}
